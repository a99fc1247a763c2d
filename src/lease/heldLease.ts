import { LeaseLostError } from './leaseLostError.js';
import type { Lease, LeaseHolder } from './types.js';

/** What a lease's store does for it; `HeldLease` keeps the clock and the heartbeat. */
export interface LeaseBackend {
  /** Extends the lease by its TTL; false when this epoch no longer holds it. */
  renew(): Promise<boolean>;
  /** A cheap look that nobody took the lease over (optional: the TTL alone is enough). */
  stillHeld?(): Promise<boolean>;
  /** Gives the lease up (only while this epoch holds it). */
  release(): Promise<void>;
  /** Who holds the lease now, for the message of a lost lease. */
  holderNow?(): Promise<LeaseHolder | undefined>;
}

/**
 * A lease held by this process. It counts as valid for `ttlMs − margin` after the start of its
 * last successful renewal, measured on this process's monotonic clock: another runner only takes
 * it over once the stored heartbeat is older than `ttlMs`, so a runner that believes its lease
 * valid is right, as long as the clocks tick at the same rate. A runner paused past that (SIGSTOP,
 * a long GC, a suspended VM) finds its lease lapsed when it wakes, before it sends anything.
 */
export class HeldLease implements Lease {
  #validUntil: number;
  #lost: LeaseLostError | null = null;
  #released = false;
  #listeners: ((error: Error) => void)[] = [];
  #timer: ReturnType<typeof setInterval> | null = null;
  #renewing: Promise<void> | null = null;
  #losing: Promise<LeaseLostError> | null = null;
  readonly #margin: number;

  constructor(
    readonly key: string,
    readonly holder: LeaseHolder,
    readonly epoch: number,
    readonly ttlMs: number,
    private readonly backend: LeaseBackend,
    /** `performance.now()` when the acquisition started (the stored heartbeat is no older). */
    acquiredAt: number,
  ) {
    this.#margin = Math.min(ttlMs / 5, 2_000);
    this.#validUntil = acquiredAt + ttlMs - this.#margin;
    this.#timer = setInterval(() => void this.#renew(), Math.max(50, Math.floor(ttlMs / 3)));
    this.#timer.unref?.();
  }

  get lost(): boolean {
    return this.#losing !== null || this.#released;
  }

  onLost(listener: (error: Error) => void): void {
    if (this.#lost) listener(this.#lost);
    else this.#listeners.push(listener);
  }

  async check(): Promise<void> {
    if (this.#released) throw new LeaseLostError(this.key, 'released');
    if (this.#lost) throw this.#lost;
    if (performance.now() > this.#validUntil) throw await this.#lose('lapsed');
    if (this.backend.stillHeld && !(await this.backend.stillHeld()))
      throw await this.#lose('taken');
    if (this.#lost) throw this.#lost;
  }

  async release(): Promise<void> {
    if (this.#released) return;
    this.#released = true;
    this.#stopTimer();
    await this.#renewing?.catch(() => {});
    if (this.#lost) return;
    await this.backend.release();
  }

  #renew(): Promise<void> {
    if (this.#renewing || this.lost) return this.#renewing ?? Promise.resolve();
    this.#renewing = (async () => {
      const started = performance.now();
      if (started > this.#validUntil) {
        await this.#lose('lapsed');
        return;
      }
      let ok: boolean;
      try {
        ok = await this.backend.renew();
      } catch {
        return; // the store is unreachable: try again at the next beat (the lease may lapse)
      }
      if (this.#released) return;
      if (ok) this.#validUntil = started + this.ttlMs - this.#margin;
      else await this.#lose('taken');
    })().finally(() => {
      this.#renewing = null;
    });
    return this.#renewing;
  }

  #lose(reason: 'lapsed' | 'taken'): Promise<LeaseLostError> {
    if (this.#losing) return this.#losing;
    this.#stopTimer();
    this.#validUntil = Number.NEGATIVE_INFINITY;
    this.#losing = (async () => {
      const now = await this.backend.holderNow?.().catch(() => undefined);
      const error = new LeaseLostError(
        this.key,
        reason,
        now && now.runner !== this.holder.runner ? now : undefined,
      );
      this.#lost = error;
      const listeners = this.#listeners;
      this.#listeners = [];
      for (const listener of listeners) listener(error);
      return error;
    })();
    return this.#losing;
  }

  #stopTimer(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }
}

/** A new holder for this process (Node or a browser: pid and host when there are any). */
export function newHolder(pid: number, host: string): LeaseHolder {
  const bytes = new Uint8Array(8);
  globalThis.crypto.getRandomValues(bytes);
  const runner = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return { runner, pid, host, since: new Date().toISOString() };
}
