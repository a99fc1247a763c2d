import type { LineState, SessionState } from '../schemas/states.js';
import { NO_ORDER_LINE_STATES } from '../schemas/states.js';

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
