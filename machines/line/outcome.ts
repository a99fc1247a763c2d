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

type FoundArgs = { event: { orderReference: string; orderState: string | null } };
const recordTracked = {
  type: 'recordTracked' as const,
  params: ({ event }: FoundArgs) => ({
    orderReference: event.orderReference,
    orderState: event.orderState,
  }),
};

export const awaitingOutcome = lineSetup.createStateConfig({
  description: 'Confirmed: the API is creating the order (line state in_progress).',
  tags: ['confirmed'],
  entry: standing('confirmed'),
  on: {
    OUTCOME,
    ORDER_FOUND: { target: '#line.order_created.tracked', actions: recordTracked },
    OUTCOME_UNKNOWN: '#line.outcome_unknown',
  },
});

export const orderCreated = lineSetup.createStateConfig({
  description: 'An order was created: acknowledged, held_adv_validation or in_progress.',
  tags: ['confirmed'],
  entry: standing('ordered'),
  initial: 'in_progress',
  states: {
    acknowledged: {},
    held_adv_validation: {},
    in_progress: {},
    tracked: {
      description:
        'Without the session read: Covage order tracking lists the order made from this line (its reference and state there); the order-taking state is not known.',
    },
  },
  on: { OUTCOME, ORDER_FOUND: { actions: recordTracked } },
});

export const noOrder = lineSetup.createStateConfig({
  description: 'No order was created; termination_error says why.',
  tags: ['confirmed'],
  entry: standing('no_order'),
  initial: 'rejected_creation',
  states: { rejected_creation: {}, technical_error: {} },
});

export const outcomeUnknown = lineSetup.createStateConfig({
  description:
    'Without the session read, neither order tracking nor the CSV export told the outcome before the deadline: not guessed.',
  type: 'final',
  tags: ['confirmed'],
  entry: standing('unknown'),
});
