import type { LineState, SessionState } from '../../schemas/states.js';

/** The line flowchart's "Was the order created? yes" box. */
export const ORDER_CREATED_STATES: readonly LineState[] = [
  'acknowledged',
  'held_adv_validation',
  'in_progress',
];

/**
 * The session flowchart, once every line has its outcome: "Were all order lines created?" yes:
 * `completed`; "Is at least one line created?" yes: `partial`, no: `rejected`.
 */
export function sessionStateOf(lineStates: readonly LineState[]): SessionState {
  const created = lineStates.filter((state) => ORDER_CREATED_STATES.includes(state)).length;
  if (created > 0 && created === lineStates.length) return 'completed';
  return created > 0 ? 'partial' : 'rejected';
}
