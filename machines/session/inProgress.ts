/**
 * Confirmed: Covage is creating the orders. The session reads itself back with backoff until the
 * doc's flowchart gives its outcome: were all order lines created (`completed`)? At least one
 * (`partial`)? None (`rejected`)? Each read passes every line its state. Without the read (off,
 * or the API answered it as a missing route) the outcome comes from the documented paths
 * (`following.ts`).
 */
import type { SessionWithItems } from '../../src/schemas/session.js';
import type { SessionState } from '../../src/schemas/states.js';
import { failureFrom } from '../shared/failure.js';
import { givingUp, sessionFollowSetup } from './followActions.js';
import { following } from './following.js';

type Read = { event: { output: SessionWithItems } };
const read = ({ event }: Read) => event.output;
const outcome = (state: SessionState) => [
  { type: 'forwardOutcomes' as const, params: read },
  { type: 'recordOutcome' as const, params: { state } },
];

const readFailure = ({ event }: { event: { error: unknown } }) => ({
  ...failureFrom(event.error),
  phase: 'follow' as const,
});

export const inProgress = sessionFollowSetup.createStateConfig({
  description: 'Confirmed: Covage is creating the orders. Reads the session back with backoff.',
  entry: 'anchorOutcomeDeadline',
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
            // Without the read, past the deadline (a session resumed late): nothing to look for.
            guard: { type: 'readUnavailablePastDeadline', params: readFailure },
            target: '#session.outcome_unknown',
            actions: [{ type: 'announceReadUnavailable', params: readFailure }, ...givingUp],
          },
          {
            guard: { type: 'readIsUnavailable', params: readFailure },
            target: 'following',
            actions: { type: 'announceReadUnavailable', params: readFailure },
          },
          {
            guard: 'tooManyPollErrors',
            target: 'failed',
            actions: { type: 'fail', params: readFailure },
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
    following,
  },
});
