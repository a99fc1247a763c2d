import type { SessionMachineOptions } from '../../machines/session/index.js';
import type { CovageApi } from '../client/api.js';
import type { Lease } from '../lease/types.js';
import type { SessionResult } from '../runtime/orderSession.js';
import type { SnapshotStore } from '../store/snapshotRecord.js';

/** A store workers can take sessions from: the PostgreSQL store is one. */
export interface WorkStore extends SnapshotStore {
  /** Takes the leases of up to `count` sessions needing work, never one another runner holds. */
  claim(count: number, options?: { baseUrl?: string }): Promise<Lease[]>;
  /** Leaves a session that failed alone for a while. */
  deferRetry(lease: Lease, delayMs: number): Promise<void>;
}

export type WorkerEvent =
  | { type: 'claimed'; id: string; epoch: number }
  | { type: 'finished'; id: string; result: SessionResult }
  | { type: 'deferred'; id: string; state: string; retryInMs: number; reason: string }
  | { type: 'lost'; id: string; message: string }
  | { type: 'error'; id?: string; message: string };

export interface WorkerOptions {
  api: CovageApi;
  store: WorkStore;
  /** Sessions run at once by this worker (default 4). */
  concurrency?: number;
  /** How often an idle worker looks for work (default 1 s). */
  pollMs?: number;
  /** Only sessions sent to this API (and those that name none). */
  baseUrl?: string;
  /** The wait before a failed session is tried again, by attempt (default 5 s, doubling, ≤ 5 min). */
  retryDelayMs?: (attempt: number) => number;
  /** The session machine's options (concurrency of lines, poll backoff…). */
  options?: Partial<Omit<SessionMachineOptions, 'poll'>> & {
    poll?: Partial<SessionMachineOptions['poll']>;
  };
  onEvent?: (event: WorkerEvent) => void;
}

export interface Worker {
  /** Starts claiming and running sessions. */
  start(): void;
  /**
   * Stops claiming; the sessions under way are stopped (saved, their requests abandoned, to be
   * reconciled by the next runner) and their leases released, so another worker takes them at once.
   */
  stop(): Promise<void>;
  /** Resolves once the worker found nothing to do and runs nothing. */
  idle(): Promise<void>;
  readonly running: number;
}
