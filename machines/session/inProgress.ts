/**
 * Confirmed: Covage is creating the orders. The session reads itself back with backoff until the
 * doc's flowchart gives its outcome: were all order lines created (`completed`)? At least one
 * (`partial`)? None (`rejected`)? Each read passes every line its state.
 */
import type { SessionWithItems } from '../../src/schemas/session.js';
import type { SessionState } from '../../src/schemas/states.js';
import { failureFrom } from '../shared/failure.js';
import { sessionSetup } from './actions.js';

type Read = { event: { output: SessionWithItems } };
const read = ({ event }: Read) => event.output;
const outcome = (state: SessionState) => [
  { type: 'forwardOutcomes' as const, params: read },
  { type: 'recordOutcome' as const, params: { state } },
];

export const inProgress = sessionSetup.createStateConfig({
  description: 'Confirmed: Covage is creating the orders. Reads the session back with backoff.',
  initial: 'waiting',
  states: {
    waiting: {
      after: { POLL_DELAY: 'polling' },
      on: { RESUME: 'polling' },
    },
    polling: {
      invoke: {
        id: 'readSession',
        src: 'readSession',
        input: ({ context }) => ({ sessionId: context.sessionId ?? '' }),
        onDone: [
          {
            guard: { type: 'allLinesBecameOrders', params: read },
            target: '#session.completed',
            actions: outcome('completed'),
          },
          {
            guard: { type: 'someLinesBecameOrders', params: read },
            target: '#session.partial',
            actions: outcome('partial'),
          },
          {
            guard: { type: 'noLineBecameOrder', params: read },
            target: '#session.rejected',
            actions: outcome('rejected'),
          },
          { target: 'waiting', actions: [{ type: 'forwardOutcomes', params: read }, 'nextPoll'] },
        ],
        onError: [
          {
            guard: 'tooManyPollErrors',
            target: 'failed',
            actions: {
              type: 'fail',
              params: ({ event }) => ({ ...failureFrom(event.error), phase: 'follow' }),
            },
          },
          { target: 'waiting', actions: 'countPollError' },
        ],
      },
    },
    failed: {
      description: 'The outcome could not be read; the session is confirmed. RETRY follows again.',
      tags: ['failed'],
      on: { RETRY: { target: 'waiting', actions: 'resetPolling' } },
    },
  },
});
