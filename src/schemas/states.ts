import * as z from 'zod/mini';

/** Session states, as the order-taking doc's session flowchart names them. */
export const SESSION_STATES = [
  'created',
  'in_progress',
  'completed',
  'partial',
  'rejected',
] as const;
export const sessionStateSchema = z.enum(SESSION_STATES);
export type SessionState = z.infer<typeof sessionStateSchema>;

/**
 * Line states. The order-taking doc names `created`, `in_progress`, `acknowledged`,
 * `held_adv_validation` and `rejected_creation`; Covage's order-tracking doc (phase one, the
 * order-creation step) adds `technical_error` and uses `created` for "the order was created".
 */
export const LINE_STATES = [
  'created',
  'in_progress',
  'acknowledged',
  'held_adv_validation',
  'rejected_creation',
  'technical_error',
] as const;
export const lineStateSchema = z.enum(LINE_STATES);
export type LineState = z.infer<typeof lineStateSchema>;

/** Line states that mean "an order was created" once the session is confirmed. */
export const ORDER_CREATED_LINE_STATES: readonly LineState[] = [
  'acknowledged',
  'held_adv_validation',
  'in_progress',
  'created',
];

/** Line states that mean "no order was created"; `termination_error` says why. */
export const NO_ORDER_LINE_STATES: readonly LineState[] = ['rejected_creation', 'technical_error'];

/** Final session states (the end of the session flowchart). */
export const FINAL_SESSION_STATES: readonly SessionState[] = ['completed', 'partial', 'rejected'];
