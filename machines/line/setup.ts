/**
 * The line machine's setup: its types, the actors it names (provided by the runtime), its delay,
 * then its guards and actions in two `extend` steps. The states (`draft.ts`, `creating.ts`,
 * `created.ts`, `outcome.ts`) are written against it with `createStateConfig`.
 */
import { assign, enqueueActions, sendParent, setup } from 'xstate';
import { applyChanges, changedFields } from '../../src/lines/diff.js';
import { shareValues } from '../../src/lines/share.js';
import { isFilled } from '../../src/rules/checkConfirmation.js';
import { isDiaLine } from '../../src/rules/dia.js';
import type { Issue } from '../../src/rules/issue.js';
import { lineOutcome } from '../../src/rules/lifecycle.js';
import type { Line } from '../../src/schemas/line.js';
import type { LineState } from '../../src/schemas/states.js';
import { notProvided } from '../shared/notProvided.js';
import { bodyToSend, draftDiffersFrom, outcomeSignature } from './body.js';
import type {
  CreateLineInput,
  CreateLineOutcome,
  DeleteLineInput,
  DeleteLineOutcome,
  LineContext,
  LineEvent,
  LineFailure,
  LineInput,
  LineNotice,
  LineStanding,
  ReconcileLineInput,
  ReconcileLineOutcome,
  UpdateLineInput,
  UpdateLineOutcome,
} from './types.js';

/** A line's state tags: what a line in that state is doing, for apps and the runtime. */
export type LineTag = 'local' | 'sending' | 'failed' | 'going' | 'confirmed';

const lineBase = setup({
  types: {
    context: {} as LineContext,
    input: {} as LineInput,
    events: {} as LineEvent,
    tags: {} as LineTag,
  },
  actors: {
    createLine: notProvided<CreateLineOutcome, CreateLineInput>('createLine'),
    reconcileLine: notProvided<ReconcileLineOutcome, ReconcileLineInput>('reconcileLine'),
    updateLine: notProvided<UpdateLineOutcome, UpdateLineInput>('updateLine'),
    deleteLine: notProvided<DeleteLineOutcome, DeleteLineInput>('deleteLine'),
  },
  delays: {
    SYNC_DELAY: ({ context }) => context.syncDelayMs,
  },
});

/** A notice to the session (the line's parent forwards it), checked against `LineNotice`. */
const notice = (value: LineNotice): LineNotice => value;

const withGuards = lineBase.extend({
  guards: {
    /** The doc: for the DIA offer, a supplied `enni` is replaced by the one Covage computes. */
    isDiaOfferWithSuppliedEnni: ({ context }) =>
      isFilled(context.draft.enni) && isDiaLine(context.draft, new Set(context.diaOfferingIds)),
    /** The POST got no answer: the line may have been created. */
    mayHaveBeenCreated: (_, outcome: CreateLineOutcome) => outcome.type === 'maybeSent',
    refusedByApi: (_, outcome: CreateLineOutcome) => outcome.type === 'rejected',
    /** A call that failed without an answer (timeout, reset, 5xx) may still have landed. */
    mayHaveLanded: (_, failure: LineFailure) => failure.ambiguous,
    lineNotFound: (_, outcome: ReconcileLineOutcome) => outcome.type === 'notFound',
    /** Removal was asked while the line's call was under way. */
    removalRequested: ({ context }) => context.removeRequested,
    /** The draft was edited while the line's call was under way. */
    draftChangedSinceSent: ({ context }) => draftDiffersFrom(context.pending, context),
    /** This edit makes the draft differ from what the API holds. */
    editDiffersFromApi: ({ context }, params: { changes: Record<string, unknown> }) =>
      draftDiffersFrom(context.synced, {
        ...context,
        draft: applyChanges(context.draft, params.changes),
      }),
    /** The last failed call may have landed: look before doing it again. */
    failureIsAmbiguous: ({ context }) => context.error?.ambiguous === true,
    /** The session read back says the line is in this state. */
    apiSays: ({ event }, params: { state: LineState }) =>
      event.type === 'OUTCOME' && event.line.state === params.state,
    /** The session read back says an order was created (the session is final, or it says so). */
    becameOrder: ({ event }) =>
      event.type === 'OUTCOME' &&
      lineOutcome(event.line.state, event.sessionFinal) === 'order_created',
  },
});

export const lineSetup = withGuards.extend({
  actions: {
    /** Keeps the line's standing in step with its state and tells the session of a change. */
    stand: enqueueActions(({ context, enqueue }, params: { standing: LineStanding }) => {
      if (context.standing === params.standing) return;
      enqueue.sendParent(
        notice({
          type: 'LINE.MOVED',
          key: context.key,
          from: context.standing,
          to: params.standing,
        }),
      );
      enqueue.assign({ standing: params.standing });
    }),
    applyUpdate: assign(({ context }, params: { changes: Record<string, unknown> }) => ({
      draft: applyChanges(context.draft, params.changes),
    })),
    rememberSession: assign((_, params: { sessionId: string }) => ({
      sessionId: params.sessionId,
    })),
    /** The DIA ENNI override: the supplied `enni` is not sent, and a warning says so. */
    dropSuppliedEnni: enqueueActions(({ context, enqueue }) => {
      const issue: Issue = {
        path: 'enni',
        code: 'enni_overridden_for_dia',
        severity: 'warning',
        message: 'DIA offer: the supplied enni is not sent; Covage computes it',
      };
      enqueue.assign({ draft: bodyToSend(context), warnings: [...context.warnings, issue] });
      enqueue.sendParent(notice({ type: 'LINE.WARNING', key: context.key, issue }));
    }),
    requestRemoval: assign({ removeRequested: true }),
    /** The body of the call about to start: what the API holds once it succeeds. */
    rememberPending: assign({ pending: ({ context }) => bodyToSend(context) }),
    /** Reconciliation looks for the body that was POSTed, which later edits may have changed. */
    keepPending: assign({ pending: ({ context }) => context.pending ?? bodyToSend(context) }),
    clearError: assign({ error: null }),
    /** Keeps a failed call (whose fate the line settles itself: no notice). */
    recordFailure: assign((_, failure: LineFailure) => ({ error: failure })),
    /** Keeps a failed call and tells the session. */
    fail: enqueueActions(({ context, enqueue }, failure: LineFailure) => {
      enqueue.assign({ error: failure });
      enqueue.sendParent(notice({ type: 'LINE.FAILED', key: context.key, failure }));
    }),
    /** The API holds the line: what it answered, and that it holds the body sent. */
    recordCreation: enqueueActions(
      ({ context, enqueue }, params: { line: Line; reconciled: boolean }) => {
        enqueue.assign({
          lineId: params.line.id,
          // The answer repeats the draft: held once (see shareValues).
          remote: shareValues(params.line, context.draft, context.sessionId),
          synced: context.pending,
          pending: null,
          reconciled: params.reconciled,
          error: null,
        });
        enqueue.sendParent(
          notice({
            type: 'LINE.CREATED',
            key: context.key,
            lineId: params.line.id,
            reconciled: params.reconciled,
          }),
        );
      },
    ),
    /** The PATCH landed: the API holds the body sent. */
    recordUpdate: enqueueActions(({ context, enqueue }, params: { line: Line }) => {
      const sent = context.pending ?? bodyToSend(context);
      const fields = Object.keys(changedFields(context.synced ?? {}, sent));
      enqueue.assign({
        lastUpdatedFields: fields,
        synced: sent,
        pending: null,
        remote: shareValues(params.line, sent, context.sessionId),
        error: null,
      });
      enqueue.sendParent(
        notice({ type: 'LINE.UPDATED', key: context.key, lineId: params.line.id, fields }),
      );
    }),
    recordRemote: assign(({ context }, params: { line: Line | null }) =>
      params.line ? { remote: shareValues(params.line, context.synced, context.remote) } : {},
    ),
    /** The line as the session read it back after confirmation, and what was reported of it. */
    recordOutcome: assign(({ context }, params: { line: Line; sessionFinal: boolean }) => ({
      remote: shareValues(params.line, context.synced ?? context.draft, context.remote),
      reportedOutcome: outcomeSignature(params.line.state, params.sessionFinal),
    })),
    /** The order tracking lists for this line (without the session read). */
    recordTracked: assign((_, params: { orderReference: string; orderState: string | null }) => ({
      tracked: { orderReference: params.orderReference, orderState: params.orderState },
    })),
    /** Gives back a creation slot the line does not need. */
    declineCreation: sendParent(({ context }) =>
      notice({ type: 'LINE.DECLINED', key: context.key }),
    ),
  },
});

/** Each state's `entry` that keeps the line's standing (see `LineStanding`). */
export const standing = (value: LineStanding) =>
  ({ type: 'stand', params: { standing: value } }) as const;

/** The UPDATE event's changes, as the `applyUpdate` action and the edit guards take them. */
export const changesOf = ({ event }: { event: { changes: Record<string, unknown> } }) => ({
  changes: event.changes,
});
