/**
 * The lifecycle of one order session, as the doc's session flowchart draws it: draft → creating →
 * created → confirming → in_progress → completed | partial | rejected (or `outcome_unknown`
 * without the session read, when the documented paths did not tell every line's outcome in time). What a real client needs
 * around it is nested in each step, each in its own file: creating the lines with bounded
 * concurrency and syncing them before confirming (`created.ts`), reconciling a confirmation whose
 * answer was lost (`confirming.ts`), following the outcome (`inProgress.ts`), and a `failed` state
 * in each step that keeps the work and takes RETRY.
 */
import { notice } from './actions.js';
import { confirming } from './confirming.js';
import { emptyCounts } from './counts.js';
import { created } from './created.js';
import { creating } from './creating.js';
import { draft } from './draft.js';
import { sessionFollowSetup } from './followActions.js';
import { inProgress } from './inProgress.js';
import { mergeOptions } from './options.js';

export const sessionMachine = sessionFollowSetup.createMachine({
  id: 'session',
  context: ({ input, spawn }) => ({
    instanceKey: input.instanceKey,
    sessionId: null,
    request: input.request ?? {},
    lines: spawn('lines', { id: 'lines' }),
    nextNumber: 1,
    revision: 0,
    counts: emptyCounts(),
    cursor: 1,
    inFlight: 0,
    confirmRequested: false,
    issues: [],
    outcome: null,
    confirmedAt: null,
    pollAttempt: 0,
    pollErrors: 0,
    error: null,
    options: mergeOptions(input.options),
  }),
  initial: 'draft',
  // What the lines report, in every state: counters, creation slots, and the progress events.
  on: {
    'LINE.MOVED': { actions: [{ type: 'countLine', params: notice }, 'dispatchCreations'] },
    'LINE.DECLINED': { actions: ['freeSlot', 'dispatchCreations'] },
    'LINE.CREATED': { actions: { type: 'announceCreated', params: notice } },
    'LINE.UPDATED': { actions: { type: 'announceUpdated', params: notice } },
    'LINE.FAILED': { actions: { type: 'announceLineFailure', params: notice } },
    'LINE.WARNING': { actions: { type: 'announceWarning', params: notice } },
    'EXPORT.WAITING': {
      actions: { type: 'announceWaiting', params: ({ event }) => event.waiting },
    },
    'READ.UNAVAILABLE': {
      actions: { type: 'announceReadUnavailable', params: ({ event }) => event },
    },
    CANCEL: '.cancelled',
  },
  states: {
    draft,
    creating,
    created,
    confirming,
    in_progress: inProgress,
    completed: { description: 'Every line became an order.', type: 'final' },
    partial: { description: 'At least one line became an order, not all.', type: 'final' },
    rejected: { description: 'No line became an order.', type: 'final' },
    outcome_unknown: {
      description:
        'Without the session read, at least one line had no outcome from order tracking or the CSV export before the deadline: not guessed.',
      type: 'final',
    },
    cancelled: {
      description: 'Stopped by the user. What the API already holds stays there.',
      type: 'final',
      entry: 'announceCancelled',
    },
  },
});

export type SessionMachine = typeof sessionMachine;
