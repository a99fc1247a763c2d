/**
 * The session machine's setup: types, the actors it names (the runtime provides them), the poll
 * delay, and its guards — the doc's rules one guard each, composed into `readyToConfirm`, and the
 * guards on the lines' progress, which read counters only. Actions are added in `actions.ts`.
 */
import { and, setup } from 'xstate';
import { finalStateOf, wasConfirmed } from '../../src/rules/lifecycle.js';
import type { SessionWithItems } from '../../src/schemas/session.js';
import type { SessionState } from '../../src/schemas/states.js';
import { lineMachine } from '../line/line.machine.js';
import { notProvided } from '../shared/notProvided.js';
import { noErrorOf, sessionCheck } from './check.js';
import { allInSync, countsAfter, settled } from './counts.js';
import type { SessionProgressEvent } from './events.js';
import { lineRegistry } from './lineRegistry.js';
import {
  type ConfirmSessionInput,
  type ConfirmSessionOutcome,
  type CreateSessionInput,
  type CreateSessionOutcome,
  DEFAULT_SESSION_OPTIONS,
  type FollowInput,
  type ReadExportOutcome,
  type ReadSessionInput,
  type SessionContext,
  type SessionFailure,
  type SessionInput,
  type SessionMachineEvent,
  type SessionTag,
  type TrackOrdersOutcome,
} from './types.js';

const sessionBase = setup({
  types: {
    context: {} as SessionContext,
    input: {} as SessionInput,
    events: {} as SessionMachineEvent,
    emitted: {} as SessionProgressEvent,
    tags: {} as SessionTag,
  },
  actors: {
    lines: lineRegistry(lineMachine),
    createSession: notProvided<CreateSessionOutcome, CreateSessionInput>('createSession'),
    confirmSession: notProvided<ConfirmSessionOutcome, ConfirmSessionInput>('confirmSession'),
    readSession: notProvided<SessionWithItems, ReadSessionInput>('readSession'),
    trackOrders: notProvided<TrackOrdersOutcome, FollowInput>('trackOrders'),
    readExport: notProvided<ReadExportOutcome, FollowInput>('readExport'),
  },
  delays: {
    POLL_DELAY: ({ context }) => {
      const { initialDelayMs, maxDelayMs, factor } = context.options.poll;
      return Math.min(maxDelayMs, initialDelayMs * factor ** context.pollAttempt);
    },
    // What is left of the deadline counted from the confirmation (see `outcomeDeadlineLeft`).
    OUTCOME_DEADLINE: ({ context }) => outcomeDeadlineLeft(context),
  },
});

/**
 * The time left (ms) before the lines still without an outcome end `outcome_unknown`: the
 * deadline counts from the confirmation's answer, stored with the session, so a restored session
 * waits only the rest. The wall clock is read here: the deadline is a moment, not a duration.
 */
export function outcomeDeadlineLeft(context: SessionContext): number {
  // (A session stored before this option existed gets the default.)
  const deadline = context.options.outcomeDeadlineMs ?? DEFAULT_SESSION_OPTIONS.outcomeDeadlineMs;
  const now = Date.now();
  return Math.max(0, (context.confirmedAt ?? now) + deadline - now);
}

/** The doc's confirmation rules, one guard each; they all read one check of the lines. */
const withRules = sessionBase.extend({
  guards: {
    sessionHasLines: ({ context }) => noErrorOf(sessionCheck(context), ['session_has_no_line']),
    requiredAtConfirmationFilled: ({ context }) =>
      noErrorOf(sessionCheck(context), ['required_at_confirmation', 'required_at_creation']),
    cpeFieldsGivenWithOption7021: ({ context }) =>
      noErrorOf(sessionCheck(context), ['cpe_required_with_7021']),
    cpeFieldsEmptyWithoutOption7021: ({ context }) =>
      noErrorOf(sessionCheck(context), ['cpe_forbidden_without_7021']),
    siretGivenAndValidWhenKnown: ({ context }) =>
      noErrorOf(sessionCheck(context), ['siret_required', 'siret_invalid']),
    /** Everything else that stops a confirmation (structure, duplicates, strict formats). */
    noOtherBlockingIssue: ({ context }) => sessionCheck(context).ready,
  },
});

/** The rule guards that `readyToConfirm` composes, in its order (see `readiness`). */
export const CONFIRMATION_RULES = [
  'sessionHasLines',
  'requiredAtConfirmationFilled',
  'cpeFieldsGivenWithOption7021',
  'cpeFieldsEmptyWithoutOption7021',
  'siretGivenAndValidWhenKnown',
  'noOtherBlockingIssue',
] as const;

/** One of the doc's confirmation rules, named as its guard. */
export type ConfirmationRule = (typeof CONFIRMATION_RULES)[number];

const isFinal = (state: SessionState) => (_: unknown, session: SessionWithItems) =>
  finalStateOf(session) === state;

export const sessionGuards = withRules.extend({
  guards: {
    readyToConfirm: and([...CONFIRMATION_RULES]),
    /** Every line is held by the API as drafted, once this event is counted. */
    allLinesInSync: ({ context, event }) => allInSync(countsAfter(context.counts, event)),
    anyLineFailed: ({ context, event }) => countsAfter(context.counts, event).failed > 0,
    /** This event is a line whose call just failed. */
    lineJustFailed: ({ event }) => event.type === 'LINE.MOVED' && event.to === 'failed',
    confirmRequested: ({ context }) => context.confirmRequested,
    failureIsAmbiguous: ({ context }) => context.error?.ambiguous === true,
    /** The confirmation got no answer (or a 409): it may have happened. */
    confirmationMayHaveLanded: (_, outcome: ConfirmSessionOutcome) => outcome.type === 'maybeSent',
    mayHaveLanded: (_, failure: SessionFailure) => failure.ambiguous,
    sessionWasConfirmed: (_, session: SessionWithItems) => wasConfirmed(session),
    // The doc's session flowchart: were all order lines created? Is at least one?
    allLinesBecameOrders: isFinal('completed'),
    someLinesBecameOrders: isFinal('partial'),
    noLineBecameOrder: isFinal('rejected'),
    tooManyPollErrors: ({ context }) => context.pollErrors + 1 >= context.options.poll.maxErrors,
    /** The session read is not used (turned off, or the API has no such route). */
    readIsUnavailable: (_, failure: SessionFailure) => failure.kind === 'read_unavailable',
    /** Order tracking listed an order for every line it looked for. */
    everyAwaitedLineTracked: (_, outcome: TrackOrdersOutcome) =>
      outcome.awaited > 0 && outcome.orders.length >= outcome.awaited,
    exportListsSession: (_, outcome: ReadExportOutcome) => outcome.type === 'listed',
    /** Without the read, and the outcome deadline has passed (a session resumed late). */
    readUnavailablePastDeadline: ({ context }, failure: SessionFailure) =>
      failure.kind === 'read_unavailable' && !outcomeDeadlineLeft(context),
    /** The outcome deadline, counted from the confirmation, has passed (a resume, late). */
    outcomeDeadlinePassed: ({ context }) => !outcomeDeadlineLeft(context),
    // Without the read, the doc's flowchart on the lines' own outcomes (counted as they settle).
    everyLineHasOrder: ({ context, event }) =>
      settled(countsAfter(context.counts, event)) === 'completed',
    someLinesHaveOrders: ({ context, event }) =>
      settled(countsAfter(context.counts, event)) === 'partial',
    noLineHasOrder: ({ context, event }) =>
      settled(countsAfter(context.counts, event)) === 'rejected',
  },
});

export const sessionProgressGuards = sessionGuards.extend({
  guards: {
    readyAndInSync: and(['allLinesInSync', 'readyToConfirm']),
    readyWithFailedLine: and(['anyLineFailed', 'readyToConfirm']),
  },
});
