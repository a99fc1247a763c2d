import type { SnapshotRecord } from '../snapshotRecord.js';

const FINAL = new Set(['completed', 'partial', 'rejected', 'cancelled', 'outcome_unknown']);

/** A session over: nothing more to send or to follow. */
export function isFinal(state: string): boolean {
  return FINAL.has(state);
}

/**
 * A session asked to go to its end: past its draft (created, sent, confirming, following its
 * outcome, stopped by a failure), or a draft whose confirmation was asked.
 */
export function isSubmitted(record: SnapshotRecord): boolean {
  if (isFinal(record.state)) return false;
  const top = record.state.split('.')[0] ?? '';
  if (top !== 'draft' && top !== 'created') return true;
  const context = (record.snapshot as { context?: { confirmRequested?: unknown } }).context;
  return context?.confirmRequested === true || record.state !== top;
}
