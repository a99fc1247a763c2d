/**
 * Confirmed, without the session read (turned off, or the API answered it as a missing route):
 * the outcome from the doc's documented paths. Order tracking first ("follow the state of those
 * newly created orders"): a line whose order it lists became an order. For the rest, the CSV
 * export, the only documented source of `rejected_creation` and its `termination_error`, within
 * the rate limit shared by every session of the client. The session ends by the doc's flowchart
 * once every line has its outcome, counted as the lines settle; a line still unknown at the
 * deadline ends `outcome_unknown`, and so does the session.
 */
import { failureFrom } from '../shared/failure.js';
import { notice } from './actions.js';
import { followInput, givingUp, sessionFollowSetup } from './followActions.js';
import type { ReadExportOutcome, TrackOrdersOutcome } from './types.js';

const tracked = ({ event }: { event: { output: TrackOrdersOutcome } }) => event.output;
const exported = ({ event }: { event: { output: ReadExportOutcome } }) => event.output;
const listed = ({ event }: { event: { output: ReadExportOutcome } }) => {
  if (event.output.type !== 'listed') throw new Error('the export does not list the session');
  return event.output.session;
};
const counted = { type: 'countLine' as const, params: notice };
const followFailure = ({ event }: { event: { error: unknown } }) => ({
  ...failureFrom(event.error),
  phase: 'follow' as const,
});

export const following = sessionFollowSetup.createStateConfig({
  description:
    'Without the session read: Covage order tracking, then the CSV export within its rate limit, until every line has its outcome or the deadline passes.',
  entry: 'anchorOutcomeDeadline',
  initial: 'tracking',
  after: {
    OUTCOME_DEADLINE: { target: '#session.outcome_unknown', actions: givingUp },
  },
  on: {
    'LINE.MOVED': [
      {
        guard: 'everyLineHasOrder',
        target: '#session.completed',
        actions: [counted, { type: 'recordOutcome', params: { state: 'completed' } }],
      },
      {
        guard: 'someLinesHaveOrders',
        target: '#session.partial',
        actions: [counted, { type: 'recordOutcome', params: { state: 'partial' } }],
      },
      {
        guard: 'noLineHasOrder',
        target: '#session.rejected',
        actions: [counted, { type: 'recordOutcome', params: { state: 'rejected' } }],
      },
      { actions: counted },
    ],
    // A restored session gives up at once when its deadline (counted from the confirmation) has
    // passed; otherwise it looks again, and waits only the rest.
    RESUME: [
      {
        guard: 'outcomeDeadlinePassed',
        target: '#session.outcome_unknown',
        actions: givingUp,
      },
      { target: '#session.in_progress.following', reenter: true, actions: 'recountLines' },
    ],
  },
  states: {
    tracking: {
      description: 'GET /api/v1/order/ for the session: the lines whose order it lists.',
      invoke: {
        id: 'trackOrders',
        src: 'trackOrders',
        input: followInput,
        onDone: [
          {
            guard: { type: 'everyAwaitedLineTracked', params: tracked },
            target: 'settling',
            actions: { type: 'forwardOrders', params: tracked },
          },
          { target: 'exporting', actions: { type: 'forwardOrders', params: tracked } },
        ],
        onError: { target: 'exporting', actions: { type: 'recordFailure', params: followFailure } },
      },
    },
    exporting: {
      description:
        'The next CSV export (one start per interval for the whole client): each line with its state and termination_error.',
      invoke: {
        id: 'readExport',
        src: 'readExport',
        input: followInput,
        onDone: [
          {
            guard: { type: 'exportListsSession', params: exported },
            target: 'pausing',
            actions: [{ type: 'forwardOutcomes', params: listed }, 'nextPoll'],
          },
          { target: 'pausing', actions: 'nextPoll' },
        ],
        onError: [
          {
            guard: 'tooManyPollErrors',
            target: 'failed',
            actions: { type: 'fail', params: followFailure },
          },
          { target: 'pausing', actions: 'countPollError' },
        ],
      },
    },
    settling: {
      description: 'Every line looked for has an order: the lines settle, then the session ends.',
    },
    pausing: {
      after: { POLL_DELAY: 'tracking' },
    },
    failed: {
      description:
        'The outcome could not be read from the documented paths; the session is confirmed. RETRY looks again.',
      tags: ['failed'],
      on: { RETRY: { target: 'tracking', actions: 'resetPolling' } },
    },
  },
});
