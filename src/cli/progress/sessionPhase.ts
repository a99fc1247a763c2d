/** Where a running session stands, in words, for the header of the live view. */
import type { OrderSession } from '../../runtime/orderSession.js';

/** By the session machine's state (`created.syncing`), or its step alone (`draft`). */
const PHASES: Record<string, string> = {
  draft: 'validating',
  'creating.sending': 'creating the session',
  'creating.failed': 'session not created',
  'created.editing': 'session created',
  'created.syncing': 'creating the lines',
  'created.failed': 'a line failed',
  'confirming.sending': 'confirming',
  'confirming.reconciling': 'checking the confirmation',
  'confirming.failed': 'confirmation failed',
  in_progress: 'confirmed: waiting for the outcome',
  'in_progress.failed': 'cannot read the outcome',
  'in_progress.following.failed': 'cannot read the outcome',
  'in_progress.following': 'confirmed: following the outcome (order tracking, CSV export)',
  outcome_unknown: 'outcome unknown',
};

function statePath(value: unknown): string {
  if (typeof value === 'string') return value;
  const [key, inner] = Object.entries((value ?? {}) as object)[0] ?? ['', ''];
  const rest = statePath(inner);
  return rest ? `${key}.${rest}` : key;
}

/** The session machine's top state, e.g. `in_progress` for `{ in_progress: 'waiting' }`. */
export function topState(session: OrderSession): string {
  const value: unknown = session.actor.getSnapshot().value;
  if (typeof value === 'string') return value;
  return Object.keys(value as object)[0] ?? '';
}

/** The session machine's state, e.g. `created.syncing`. */
export function sessionState(session: OrderSession): string {
  return statePath(session.actor.getSnapshot().value);
}

export function phaseLabel(state: string): string {
  const top = state.split('.')[0] ?? '';
  const two = state.split('.').slice(0, 2).join('.');
  return PHASES[state] ?? PHASES[two] ?? PHASES[top] ?? top.replaceAll('_', ' ');
}
