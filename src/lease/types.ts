/**
 * Leases: a session has one runner at a time. Whoever runs a session (a CLI command, an app
 * instance, a worker) holds its lease; a second runner is refused (`SessionLockedError`) or waits.
 * A lease is kept alive by a heartbeat and lapses after its TTL when its holder stops beating (a
 * process paused or gone); a runner that lost its lease sends nothing more (`LeaseLostError`).
 */

/** Who holds a lease: enough to name it in a message and to tell whether it is still alive. */
export interface LeaseHolder {
  /** A random id of the runner (one per acquisition). */
  runner: string;
  pid: number;
  host: string;
  /** When the holder took the lease (ISO 8601). */
  since: string;
}

/** A held lease on one session. */
export interface Lease {
  /** The session's store key. */
  readonly key: string;
  readonly holder: LeaseHolder;
  /** Grows by one at every acquisition: a store refuses writes made under an older epoch. */
  readonly epoch: number;
  readonly ttlMs: number;
  /** True once the lease is lost (lapsed or taken over) or released. */
  readonly lost: boolean;
  /**
   * Resolves while this runner may still write; throws `LeaseLostError` once it may not. Called
   * before every request that writes and before every save.
   */
  check(): Promise<void>;
  /** Called once when the lease is lost (not when it is released). */
  onLost(listener: (error: Error) => void): void;
  /** Gives the lease up: the next runner takes it at once. Idempotent. */
  release(): Promise<void>;
}

export interface AcquireOptions {
  /**
   * How long to wait for a lease another runner holds (ms). 0 (the default): refuse at once
   * with `SessionLockedError`.
   */
  waitMs?: number;
  /** Called once when the lease is held by another runner and this call waits for it. */
  onWait?: (holder: LeaseHolder) => void;
  signal?: AbortSignal;
}

/** Where a store keeps its sessions' leases. */
export interface SessionLeases {
  readonly ttlMs: number;
  /** Takes the lease of session `key` (refused with `SessionLockedError` while another holds it). */
  acquire(key: string, options?: AcquireOptions): Promise<Lease>;
  /** Who holds the lease of `key` now (`undefined` when nobody does). */
  holderOf(key: string): Promise<LeaseHolder | undefined>;
}

export const DEFAULT_LEASE_TTL_MS = 30_000;
