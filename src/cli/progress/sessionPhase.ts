/** Where a running session stands, in words, for the header of the live view. */
import type { OrderSession } from '../../runtime/orderSession.js';

const PHASES: Record<string, string> = {
  draft: 'validating',
  creating_session: 'creating the session',
  session_creation_failed: 'session not created',
  created: 'session created',
  validating: 'validating',
  revalidating: 'validating',
  syncing: 'creating the lines',
  sync_failed: 'a line failed',
  confirming: 'confirming',
  reconciling_confirmation: 'checking the confirmation',
  confirmation_failed: 'confirmation failed',
  in_progress: 'confirmed: waiting for the outcome',
  following_failed: 'cannot read the outcome',
  outcome: 'outcome known',
};

/** The session machine's top state, e.g. `in_progress` for `{ in_progress: 'waiting' }`. */
export function topState(session: OrderSession): string {
  const value: unknown = session.actor.getSnapshot().value;
  if (typeof value === 'string') return value;
  return Object.keys(value as object)[0] ?? '';
}

export function phaseLabel(state: string): string {
  return PHASES[state] ?? state.replaceAll('_', ' ');
}
