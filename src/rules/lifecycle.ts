import type { SessionWithItems } from '../schemas/session.js';
import type { LineState, SessionState } from '../schemas/states.js';
import { FINAL_SESSION_STATES, NO_ORDER_LINE_STATES } from '../schemas/states.js';

/** What confirmation made of a line: an order, no order, or not known yet. */
export type LineOutcome = 'order_created' | 'no_order' | 'pending';

/**
 * A line's outcome after confirmation.
 *
 * - `rejected_creation` and `technical_error`: no order.
 * - `acknowledged`, `held_adv_validation`: an order (the order-taking doc's line flowchart).
 * - `in_progress` is both the state right after confirmation and one of the doc's "order
 *   created" states, and `created` is phase one's name for "order created": both are pending
 *   while the session is `in_progress`, and an order once the session reached a final state.
 */
export function lineOutcome(state: LineState, sessionFinal: boolean): LineOutcome {
  if (NO_ORDER_LINE_STATES.includes(state)) return 'no_order';
  if (sessionFinal) return 'order_created';
  return state === 'acknowledged' || state === 'held_adv_validation' ? 'order_created' : 'pending';
}

/**
 * The session state the doc's flowchart gives once every line has an outcome: `completed` when
 * every line became an order, `partial` when at least one did, `rejected` when none did;
 * `in_progress` while a line is pending.
 */
export function sessionOutcome(outcomes: readonly LineOutcome[]): SessionState {
  if (outcomes.length === 0 || outcomes.includes('pending')) return 'in_progress';
  const created = outcomes.filter((outcome) => outcome === 'order_created').length;
  if (created === outcomes.length) return 'completed';
  return created > 0 ? 'partial' : 'rejected';
}

/**
 * The session's final state from a session read back, or `null` while it is still running: the
 * API's own final state when it gives one, otherwise the doc's flowchart applied to its lines.
 */
export function finalStateOf(remote: SessionWithItems | null): SessionState | null {
  if (!remote) return null;
  if (remote.state && FINAL_SESSION_STATES.includes(remote.state)) return remote.state;
  if (remote.state && remote.state !== 'in_progress') return null;
  const derived = sessionOutcome(
    remote.product_order_item.map((item) => lineOutcome(item.state, false)),
  );
  return FINAL_SESSION_STATES.includes(derived) ? derived : null;
}

/** True when a session read back shows that its confirmation happened. */
export function wasConfirmed(session: SessionWithItems): boolean {
  if (session.state !== undefined && session.state !== null) return session.state !== 'created';
  return session.product_order_item.some((item) => item.state !== 'created');
}
