/**
 * Workers run sessions kept in a shared store (PostgreSQL): sessions handed to them (`enqueue`),
 * sessions whose runner went away (an app instance stopped, a process killed: its lease lapsed),
 * sessions still following their outcome. Each claim takes the session's lease (`FOR UPDATE SKIP
 * LOCKED`, so workers claiming at once never take the same one); a session is resumed exactly as
 * `covage-orders resume` would (unconfirmed lines looked up before they are sent again), run to its
 * end, and released. Several workers on one database share the load.
 */
import { LeaseLostError } from '../lease/leaseLostError.js';
import type { Lease } from '../lease/types.js';
import { type OrderSession, resumeOrderSession } from '../runtime/orderSession.js';
import type { Worker, WorkerEvent, WorkerOptions } from './types.js';

const FINAL = new Set(['completed', 'partial', 'rejected', 'cancelled', 'outcome_unknown']);

export function defaultRetryDelay(attempt: number): number {
  return Math.min(300_000, 5_000 * 2 ** Math.max(0, attempt - 1));
}

/** Sets a restored session going: retries a failed step, confirms a draft. */
function goOn(session: OrderSession): void {
  const snapshot = session.actor.getSnapshot();
  if (snapshot.status !== 'active') return;
  const top = typeof snapshot.value === 'string' ? snapshot.value : Object.keys(snapshot.value)[0];
  if (snapshot.hasTag('failed')) session.retry();
  else if (top === 'draft' || top === 'created') session.confirm();
}

export function createWorker(options: WorkerOptions): Worker {
  const concurrency = options.concurrency ?? 4;
  const pollMs = options.pollMs ?? 1_000;
  const retryDelay = options.retryDelayMs ?? defaultRetryDelay;
  const emit = (event: WorkerEvent) => options.onEvent?.(event);
  const active = new Map<string, { lease: Lease; session?: OrderSession; attempt: number }>();
  const attempts = new Map<string, number>();
  let started = false;
  let stopping = false;
  let wake: (() => void) | null = null;
  let loop: Promise<void> | null = null;
  let idleWaiters: (() => void)[] = [];

  async function run(lease: Lease): Promise<void> {
    const id = lease.key;
    const attempt = (attempts.get(id) ?? 0) + 1;
    attempts.set(id, attempt);
    const entry: { lease: Lease; session?: OrderSession; attempt: number } = { lease, attempt };
    active.set(id, entry);
    emit({ type: 'claimed', id, epoch: lease.epoch });
    try {
      const session = await resumeOrderSession(options.store, id, {
        api: options.api,
        lease,
        ...(options.options ? { options: options.options } : {}),
      });
      entry.session = session;
      if (stopping) {
        await session.stop();
        return;
      }
      const settled = session.settled();
      goOn(session);
      const result = await settled;
      await session.stop();
      if (stopping && !FINAL.has(result.state)) return;
      if (FINAL.has(result.state)) {
        attempts.delete(id);
        emit({ type: 'finished', id, result });
      } else {
        const retryInMs = retryDelay(attempt);
        await options.store.deferRetry(lease, retryInMs);
        emit({
          type: 'deferred',
          id,
          state: result.state,
          retryInMs,
          reason: result.error?.message ?? result.issues.map((issue) => issue.code).join(', '),
        });
      }
    } catch (error) {
      if (error instanceof LeaseLostError) {
        emit({ type: 'lost', id, message: error.message });
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      emit({ type: 'error', id, message });
      const retryInMs = retryDelay(attempt);
      await options.store.deferRetry(lease, retryInMs).catch(() => {});
    } finally {
      await lease.release().catch(() => {});
      active.delete(id);
      wake?.();
    }
  }

  async function claimLoop(): Promise<void> {
    while (!stopping) {
      const free = concurrency - active.size;
      let claimed: Lease[] = [];
      if (free > 0) {
        try {
          claimed = await options.store.claim(
            free,
            options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl },
          );
        } catch (error) {
          emit({ type: 'error', message: error instanceof Error ? error.message : String(error) });
        }
      }
      if (stopping) {
        for (const lease of claimed) await lease.release().catch(() => {});
        break;
      }
      for (const lease of claimed) void run(lease);
      if (claimed.length === 0 && active.size === 0) {
        const waiters = idleWaiters;
        idleWaiters = [];
        for (const resolve of waiters) resolve();
      }
      // Claim again at once when all the slots were filled and one frees up; else after pollMs.
      if (claimed.length > 0 && claimed.length === free) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      } else {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pollMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      wake = null;
    }
  }

  return {
    start() {
      if (started) return;
      started = true;
      loop = claimLoop();
    },
    async stop() {
      stopping = true;
      wake?.();
      await loop;
      await Promise.all(
        [...active.values()].map(async (entry) => {
          await entry.session?.stop().catch(() => {});
        }),
      );
      while (active.size > 0) await new Promise((resolve) => setTimeout(resolve, 10));
    },
    idle() {
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
    get running() {
      return active.size;
    },
  };
}
