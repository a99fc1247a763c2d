import type { LeaseHolder } from './types.js';

/** Another runner holds the session's lease: this one may not run it (now). */
export class SessionLockedError extends Error {
  override readonly name = 'SessionLockedError';
  readonly kind = 'lease' as const;
  readonly pid: number;
  readonly host: string;
  /** When the holder took the lease (ISO 8601). */
  readonly since: string;
  constructor(
    readonly key: string,
    readonly holder: LeaseHolder,
    waitedMs = 0,
  ) {
    super(
      `session ${key} is being run by another runner (pid ${holder.pid} on ${holder.host}, since ${holder.since})${waitedMs > 0 ? `; still held after waiting ${Math.round(waitedMs / 1000)} s` : ''}`,
    );
    this.pid = holder.pid;
    this.host = holder.host;
    this.since = holder.since;
  }
}
