/**
 * An order session as its user sees it, for `createTestModel` (xstate/graph): what the user does
 * (add lines, complete one, confirm) and what the API answers (the confirmation, then the lines'
 * outcomes) are all events, so the model has no `invoke` and no `after`. Generate its paths, then
 * drive the real session (or the app's page) along each one: `sessionModelDriver` does it on a
 * session actor, `scriptFor(path)` tells the sandbox which lines to reject.
 */
import { assign, setup } from 'xstate';

export interface SessionModelContext {
  /** Complete lines the API will accept. */
  accepted: number;
  /** Complete lines the API will reject (scripted in the sandbox). */
  rejected: number;
  /** A line without its enni: the confirmation rules stop the session. */
  incomplete: boolean;
}

export type SessionModelEvent =
  /** The user adds a complete line (the API will make it an order). */
  | { type: 'ADD_LINE' }
  /** The user adds a complete line that the API will reject (the sandbox is told). */
  | { type: 'ADD_LINE_THE_API_REJECTS' }
  /** The user adds a line without its enni. */
  | { type: 'ADD_INCOMPLETE_LINE' }
  /** The user fills in the incomplete line's enni. */
  | { type: 'COMPLETE_LINE' }
  | { type: 'CONFIRM' }
  /** The API confirmed the session; the lines' outcomes are to come. */
  | { type: 'API.CONFIRMED' }
  /** The API gave every line its outcome. */
  | { type: 'API.OUTCOME' };

/** Each kind of line at most this many times: the model stays small enough to walk. */
const MAX_LINES = 2;

export const sessionTestModel = setup({
  types: {} as { context: SessionModelContext; events: SessionModelEvent },
  guards: {
    canAddLine: ({ context }) => context.accepted < MAX_LINES - (context.incomplete ? 1 : 0),
    canAddRejectedLine: ({ context }) => context.rejected < 1,
    canAddIncompleteLine: ({ context }) => !context.incomplete && context.accepted < MAX_LINES,
    hasIncompleteLine: ({ context }) => context.incomplete,
    notConfirmable: ({ context }) =>
      context.incomplete || context.accepted + context.rejected === 0,
    noLineRejected: ({ context }) => context.rejected === 0,
    noLineAccepted: ({ context }) => context.accepted === 0,
  },
  actions: {
    addAccepted: assign({ accepted: ({ context }) => context.accepted + 1 }),
    addRejected: assign({ rejected: ({ context }) => context.rejected + 1 }),
    addIncomplete: assign({ incomplete: true }),
    complete: assign({ incomplete: false, accepted: ({ context }) => context.accepted + 1 }),
  },
}).createMachine({
  id: 'sessionTestModel',
  context: { accepted: 0, rejected: 0, incomplete: false },
  initial: 'editing',
  states: {
    editing: {
      description: 'The form: lines can be added and completed.',
      on: {
        ADD_LINE: { guard: 'canAddLine', actions: 'addAccepted' },
        ADD_LINE_THE_API_REJECTS: { guard: 'canAddRejectedLine', actions: 'addRejected' },
        ADD_INCOMPLETE_LINE: { guard: 'canAddIncompleteLine', actions: 'addIncomplete' },
        COMPLETE_LINE: { guard: 'hasIncompleteLine', actions: 'complete' },
        CONFIRM: [{ guard: 'notConfirmable', target: 'invalid' }, { target: 'confirming' }],
      },
    },
    invalid: {
      description: 'CONFIRM found issues: they are shown, nothing was sent.',
      on: {
        ADD_LINE: { guard: 'canAddLine', target: 'editing', actions: 'addAccepted' },
        COMPLETE_LINE: { guard: 'hasIncompleteLine', target: 'editing', actions: 'complete' },
      },
    },
    confirming: {
      description: 'Sent: the session and its lines are created, then confirmed.',
      on: { 'API.CONFIRMED': 'in_progress' },
    },
    in_progress: {
      description: 'Confirmed: waiting for the lines’ outcomes.',
      on: {
        'API.OUTCOME': [
          { guard: 'noLineRejected', target: 'completed' },
          { guard: 'noLineAccepted', target: 'rejected' },
          { target: 'partial' },
        ],
      },
    },
    completed: { description: 'Every line became an order.', type: 'final' },
    partial: { description: 'Some lines became orders.', type: 'final' },
    rejected: { description: 'No line became an order.', type: 'final' },
  },
});

export type SessionTestModel = typeof sessionTestModel;
