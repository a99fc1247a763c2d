/**
 * After confirmation, the doc's line flowchart: was the order created? Yes: `acknowledged`,
 * `held_adv_validation` or `in_progress`; no: `rejected_creation` (or `technical_error`, from
 * Covage's order-tracking phase one). Each answer the session reads back is passed to the line
 * as OUTCOME; the guards read the API's state on the event itself.
 */
import type { Line } from '../../src/schemas/line.js';
import type { LineState } from '../../src/schemas/states.js';
import { lineSetup, standing } from './setup.js';

type OutcomeArgs = { event: { line: Line; sessionFinal: boolean } };
const said = (state: LineState) => ({ type: 'apiSays' as const, params: { state } });
const record = {
  type: 'recordOutcome' as const,
  params: ({ event }: OutcomeArgs) => ({ line: event.line, sessionFinal: event.sessionFinal }),
};

/** OUTCOME, wherever the line stands after confirmation: straight to the state the API gives. */
const OUTCOME = [
  { guard: said('rejected_creation'), target: '#line.no_order.rejected_creation', actions: record },
  { guard: said('technical_error'), target: '#line.no_order.technical_error', actions: record },
  { guard: said('acknowledged'), target: '#line.order_created.acknowledged', actions: record },
  {
    guard: said('held_adv_validation'),
    target: '#line.order_created.held_adv_validation',
    actions: record,
  },
  { guard: 'becameOrder' as const, target: '#line.order_created.in_progress', actions: record },
  { actions: record },
] as const;

export const awaitingOutcome = lineSetup.createStateConfig({
  description: 'Confirmed: the API is creating the order (line state in_progress).',
  tags: ['confirmed'],
  entry: standing('confirmed'),
  on: { OUTCOME },
});

export const orderCreated = lineSetup.createStateConfig({
  description: 'An order was created: acknowledged, held_adv_validation or in_progress.',
  tags: ['confirmed'],
  initial: 'in_progress',
  states: { acknowledged: {}, held_adv_validation: {}, in_progress: {} },
  on: { OUTCOME },
});

export const noOrder = lineSetup.createStateConfig({
  description: 'No order was created; termination_error says why.',
  tags: ['confirmed'],
  initial: 'rejected_creation',
  states: { rejected_creation: {}, technical_error: {} },
});
