/**
 * Where the sandbox's API states sit in the machines' diagrams (docs/diagrams/*.mmd), by
 * Mermaid state id. The sandbox knows only API states; the machines have more (draft,
 * syncing, …) that the API never shows. See docs/dashboard.md.
 */
import type { LineState, SessionState } from '../../schemas/states.js';
import { FINAL_SESSION_STATES } from '../../schemas/states.js';

/** An API session state → the session machine's state: the same names. */
export function sessionDiagramState(state: SessionState): string {
  return state;
}

const ORDER_CREATED: Partial<Record<LineState, string>> = {
  acknowledged: 'order_created__acknowledged',
  held_adv_validation: 'order_created__held_adv_validation',
  in_progress: 'order_created__in_progress',
  created: 'order_created',
};

const NO_ORDER: Partial<Record<LineState, string>> = {
  rejected_creation: 'no_order__rejected_creation',
  technical_error: 'no_order__technical_error',
};

/**
 * An API line state → the line machine's state. The session's state tells the two meanings of
 * `in_progress` apart: waiting for the outcome (session `in_progress`) or an order created
 * (session final). Before confirmation a line is `created`.
 */
export function lineDiagramState(line: LineState, session: SessionState): string {
  const noOrder = NO_ORDER[line];
  if (noOrder) return noOrder;
  if (session === 'created') return 'created';
  if (!FINAL_SESSION_STATES.includes(session)) return 'awaiting_outcome';
  return ORDER_CREATED[line] ?? 'order_created';
}
