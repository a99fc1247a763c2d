import type { LeaseHolder } from './types.js';

/**
 * This runner's lease lapsed (it was paused or blocked past its TTL) or another runner took it
 * over: it sends nothing more and stores nothing more. The runner holding the lease goes on.
 */
export class LeaseLostError extends Error {
  override readonly name = 'LeaseLostError';
  readonly kind = 'lease' as const;
  constructor(
    readonly key: string,
    readonly reason: 'lapsed' | 'taken' | 'released',
    /** The runner holding the lease now, when known. */
    readonly holder?: LeaseHolder,
  ) {
    const why =
      reason === 'lapsed'
        ? 'it lapsed (this runner was paused or blocked past its TTL)'
        : reason === 'released'
          ? 'it was released'
          : 'another runner took it over';
    const now = holder
      ? `; held now by pid ${holder.pid} on ${holder.host} since ${holder.since}`
      : '';
    super(`lost the lease of session ${key}: ${why}${now}; nothing more is sent by this runner`);
  }
}
