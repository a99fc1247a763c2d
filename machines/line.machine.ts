/**
 * The lifecycle of one order line, as a child actor of its session.
 *
 * draft → creating → created (in_sync ⇄ dirty → updating) → deleting → removed, then, once the
 * session is confirmed, awaiting_outcome → order_created (acknowledged | held_adv_validation |
 * in_progress) or no_order (rejected_creation | technical_error).
 *
 * A creation whose answer is lost (timeout, reset, 5xx) is never simply sent again: the line
 * goes to `reconciling`, which reads the session back and looks for the line by its
 * `external_id` and `product_offering_qualification_item_id`; only when it is not there is the
 * POST sent again.
 */

import { assign, fromPromise, sendParent, setup } from 'xstate';
import { produce } from '../src/context/produce.js';
import { type ErrorInfo, errorInfo } from '../src/http/errorInfo.js';
import { applyChanges, changedFields, sameContent } from '../src/lines/diff.js';
import { isFilled } from '../src/rules/checkConfirmation.js';
import { isDiaLine } from '../src/rules/dia.js';
import type { Issue } from '../src/rules/issue.js';
import { lineOutcome } from '../src/rules/lifecycle.js';
import type { Line, LineCreate, LineUpdate } from '../src/schemas/line.js';

/** The call of a line that failed. */
export type LineFailurePhase = 'create' | 'reconcile' | 'update' | 'delete';

export interface LineContext {
  /** The engine's stable key for this line within its session (`L1`, `L2`, …). */
  key: string;
  /** Position in the order, for messages. */
  index: number;
  sessionId: string | null;
  /** What the line should hold (tables' spelling). */
  draft: LineCreate;
  /** What the API is known to hold, once created. */
  synced: LineCreate | null;
  /** The last version of the line the API answered. */
  remote: Line | null;
  lineId: string | null;
  /** `product_offering_id`s that are DIA offerings. */
  diaOfferingIds: string[];
  /** Delay before a changed line is sent (a burst of edits makes one PATCH). */
  syncDelayMs: number;
  /** The line was found already created (reconciliation) rather than created by this engine's call. */
  reconciled: boolean;
  /** The body of the POST or PATCH under way: what the API holds once it succeeds. */
  pending: LineCreate | null;
  /** Fields the last PATCH sent. */
  lastUpdatedFields: string[];
  /** Removal asked while the creation was under way. */
  removeRequested: boolean;
  error: (ErrorInfo & { phase: LineFailurePhase }) | null;
  warnings: Issue[];
}

export interface LineInput {
  key: string;
  index: number;
  draft: LineCreate;
  sessionId?: string | null;
  diaOfferingIds?: string[];
  syncDelayMs?: number;
}

export type LineEvent =
  | { type: 'CREATE'; sessionId: string }
  | { type: 'UPDATE'; changes: Record<string, unknown> }
  | { type: 'REMOVE' }
  | { type: 'SYNC' }
  | { type: 'RETRY' }
  | { type: 'CONFIRMED'; line: Line | null }
  | { type: 'OUTCOME'; line: Line; sessionFinal: boolean };

export interface CreateLineInput {
  sessionId: string;
  body: LineCreate;
  /** True when this POST may already have been sent (a restored snapshot): look first. */
  reconcileFirst: boolean;
}
export interface CreateLineOutput {
  line: Line;
  /** True when the line was found already created rather than created by this call. */
  reconciled: boolean;
}
export interface ReconcileLineInput {
  sessionId: string;
  body: LineCreate;
}
export interface UpdateLineInput {
  sessionId: string;
  lineId: string;
  changes: LineUpdate;
}
export interface DeleteLineInput {
  sessionId: string;
  lineId: string;
}

function notProvided(name: string): () => Promise<never> {
  return async () => {
    throw new Error(
      `the "${name}" actor is not provided (see createSessionActor or machine.provide)`,
    );
  };
}

/** The body a line is created with: the draft, without a DIA line's `enni`. */
export function bodyToSend(context: Pick<LineContext, 'draft' | 'diaOfferingIds'>): LineCreate {
  const draft = context.draft;
  if (draft.enni !== undefined && isDiaLine(draft, new Set(context.diaOfferingIds))) {
    const { enni: _dropped, ...rest } = draft;
    return rest;
  }
  return draft;
}

export const lineMachine = setup({
  types: {
    context: {} as LineContext,
    input: {} as LineInput,
    events: {} as LineEvent,
  },
  actors: {
    createLine: fromPromise<CreateLineOutput, CreateLineInput>(notProvided('createLine')),
    reconcileLine: fromPromise<{ line: Line | null }, ReconcileLineInput>(
      notProvided('reconcileLine'),
    ),
    updateLine: fromPromise<Line, UpdateLineInput>(notProvided('updateLine')),
    deleteLine: fromPromise<unknown, DeleteLineInput>(notProvided('deleteLine')),
  },
  delays: {
    SYNC_DELAY: ({ context }) => context.syncDelayMs,
  },
  guards: {
    /** The doc: for the DIA offer, a supplied `enni` is replaced by the one Covage computes. */
    isDiaOfferWithSuppliedEnni: ({ context }) =>
      isFilled(context.draft.enni) && isDiaLine(context.draft, new Set(context.diaOfferingIds)),
    draftDiffersFromApi: ({ context }) =>
      context.synced !== null && !sameContent(context.synced, bodyToSend(context)),
    draftMatchesApi: ({ context }) =>
      context.synced !== null && sameContent(context.synced, bodyToSend(context)),
    failureIsAmbiguous: ({ context }) => context.error?.ambiguous === true,
    removeRequested: ({ context }) => context.removeRequested,
    /** A POST that failed without an answer (timeout, reset, 5xx) may still have created the line. */
    creationOutcomeUnknown: ({ event }) =>
      errorInfo((event as { error?: unknown }).error, true).ambiguous,
    lineFoundInApi: ({ event }) =>
      (event as { output?: { line: Line | null } }).output?.line != null,
    /** A DELETE answered 404: the line is not there any more. */
    lineAlreadyGone: ({ event }) => errorInfo((event as { error?: unknown }).error).status === 404,
    apiSaysAcknowledged: ({ context }) => context.remote?.state === 'acknowledged',
    apiSaysHeldAdvValidation: ({ context }) => context.remote?.state === 'held_adv_validation',
    apiSaysTechnicalError: ({ context }) => context.remote?.state === 'technical_error',
    apiStateChanged: ({ context, event }) =>
      event.type === 'OUTCOME' && event.line.state !== context.remote?.state,
    becameOrder: ({ event }) =>
      event.type === 'OUTCOME' &&
      lineOutcome(event.line.state, event.sessionFinal) === 'order_created',
    gotNoOrder: ({ event }) =>
      event.type === 'OUTCOME' && lineOutcome(event.line.state, event.sessionFinal) === 'no_order',
  },
  actions: {
    applyUpdate: assign(({ context, event }) =>
      produce(context, (draft) => {
        if (event.type !== 'UPDATE') return;
        draft.draft = applyChanges(context.draft, event.changes);
      }),
    ),
    /** The DIA ENNI override: the supplied `enni` is not sent, and a warning says so. */
    dropSuppliedEnni: assign(({ context }) =>
      produce(context, (draft) => {
        const issue: Issue = {
          path: 'enni',
          code: 'enni_overridden_for_dia',
          severity: 'warning',
          message: 'DIA offer: the supplied enni is not sent; Covage computes it',
        };
        draft.draft = bodyToSend(context);
        draft.warnings.push(issue);
      }),
    ),
    warnEnniOverridden: sendParent(({ context }) => ({
      type: 'LINE.WARNING' as const,
      key: context.key,
      issue: context.warnings.at(-1),
    })),
    rememberSession: assign(({ context, event }) =>
      produce(context, (draft) => {
        if (event.type === 'CREATE') draft.sessionId = event.sessionId;
      }),
    ),
    requestRemoval: assign({ removeRequested: true }),
    rememberPending: assign({ pending: ({ context }) => bodyToSend(context) }),
    /** Reconciliation looks for the body that was POSTed, which later edits may have changed. */
    keepPending: assign({ pending: ({ context }) => context.pending ?? bodyToSend(context) }),
    clearError: assign({ error: null }),
    /** Keeps a failed call as plain data: which call, what happened, whether it may have landed. */
    recordFailure: assign(
      ({ event }, params: { phase: LineFailurePhase; write: boolean; ambiguous?: boolean }) => {
        const info = errorInfo((event as { error?: unknown }).error, params.write);
        return {
          error: { ...info, ambiguous: params.ambiguous ?? info.ambiguous, phase: params.phase },
        };
      },
    ),
    notifyCreated: sendParent(({ context }) => ({
      type: 'LINE.CREATED' as const,
      key: context.key,
      lineId: context.lineId,
      reconciled: context.reconciled,
    })),
    notifyUpdated: sendParent(({ context }) => ({
      type: 'LINE.UPDATED' as const,
      key: context.key,
      lineId: context.lineId,
      fields: context.lastUpdatedFields,
    })),
    /** Tells the session an edit it forwarded has been applied to this line's draft. */
    notifyEdited: sendParent(({ context }) => ({ type: 'LINE.EDITED' as const, key: context.key })),
    notifySynced: sendParent(({ context }) => ({ type: 'LINE.SYNCED' as const, key: context.key })),
    notifyDirty: sendParent(({ context }) => ({ type: 'LINE.DIRTY' as const, key: context.key })),
    notifyRemoved: sendParent(({ context }) => ({
      type: 'LINE.REMOVED' as const,
      key: context.key,
    })),
    notifyFailed: sendParent(({ context }) => ({
      type: 'LINE.FAILED' as const,
      key: context.key,
      error: context.error,
    })),
    recordRemote: assign(({ context, event }) =>
      produce(context, (draft) => {
        if (event.type === 'CONFIRMED' && event.line) draft.remote = event.line;
        if (event.type === 'OUTCOME') draft.remote = event.line;
      }),
    ),
  },
}).createMachine({
  id: 'line',
  context: ({ input }) => ({
    key: input.key,
    index: input.index,
    sessionId: input.sessionId ?? null,
    draft: input.draft,
    synced: null,
    remote: null,
    lineId: null,
    diaOfferingIds: input.diaOfferingIds ?? [],
    syncDelayMs: input.syncDelayMs ?? 250,
    reconciled: false,
    pending: null,
    lastUpdatedFields: [],
    removeRequested: false,
    error: null,
    warnings: [],
  }),
  initial: 'draft',
  on: {
    // A line that can no longer change (removed, confirmed) ignores edits, but says it saw them.
    UPDATE: { actions: 'notifyEdited' },
  },
  states: {
    draft: {
      description: 'Local only: the API does not know this line yet.',
      on: {
        UPDATE: { actions: ['applyUpdate', 'notifyEdited'] },
        REMOVE: { target: 'removed', actions: 'notifyRemoved' },
        CREATE: [
          {
            guard: 'isDiaOfferWithSuppliedEnni',
            target: 'creating',
            actions: ['rememberSession', 'dropSuppliedEnni', 'warnEnniOverridden'],
          },
          { target: 'creating', actions: 'rememberSession' },
        ],
      },
    },
    creating: {
      description: 'POST product_order_item with the whole line: one call, no PATCH after.',
      entry: 'rememberPending',
      invoke: {
        src: 'createLine',
        input: ({ context }) => ({
          sessionId: context.sessionId as string,
          body: context.pending ?? bodyToSend(context),
          reconcileFirst: false,
        }),
        onDone: {
          target: 'created.check',
          actions: [
            assign(({ context, event }) =>
              produce(context, (draft) => {
                draft.lineId = event.output.line.id;
                draft.remote = event.output.line;
                draft.synced = context.pending;
                draft.pending = null;
                draft.reconciled = event.output.reconciled;
                draft.error = null;
              }),
            ),
            'notifyCreated',
          ],
        },
        onError: [
          {
            target: 'reconciling',
            guard: 'creationOutcomeUnknown',
            actions: { type: 'recordFailure', params: { phase: 'create', write: true } },
          },
          {
            target: 'creation_failed',
            actions: [
              { type: 'recordFailure', params: { phase: 'create', write: true } },
              'notifyFailed',
            ],
          },
        ],
      },
      on: {
        UPDATE: { actions: ['applyUpdate', 'notifyEdited'] },
        REMOVE: { actions: 'requestRemoval' },
      },
    },
    reconciling: {
      description:
        'The creation may have happened: read the session back and look for the line by external_id and eligibility item before any new POST.',
      entry: 'keepPending',
      invoke: {
        src: 'reconcileLine',
        input: ({ context }) => ({
          sessionId: context.sessionId as string,
          body: context.pending ?? bodyToSend(context),
        }),
        onDone: [
          {
            guard: 'lineFoundInApi',
            target: 'created.check',
            actions: [
              assign(({ context, event }) =>
                produce(context, (draft) => {
                  const line = event.output.line as Line;
                  draft.lineId = line.id;
                  draft.remote = line;
                  draft.synced = context.pending;
                  draft.pending = null;
                  draft.reconciled = true;
                  draft.error = null;
                }),
              ),
              'notifyCreated',
            ],
          },
          { target: 'creating', actions: 'clearError' },
        ],
        onError: {
          target: 'creation_failed',
          actions: [
            {
              type: 'recordFailure',
              params: { phase: 'reconcile', write: false, ambiguous: true },
            },
            'notifyFailed',
          ],
        },
      },
      on: {
        UPDATE: { actions: ['applyUpdate', 'notifyEdited'] },
        REMOVE: { actions: 'requestRemoval' },
      },
    },
    creation_failed: {
      description:
        'Not created (or not known to be). RETRY reconciles first when the fate of the POST is unknown.',
      on: {
        UPDATE: { actions: ['applyUpdate', 'notifyEdited'] },
        RETRY: [
          { guard: 'failureIsAmbiguous', target: 'reconciling' },
          { target: 'creating', actions: 'clearError' },
        ],
        REMOVE: [
          { guard: 'failureIsAmbiguous', target: 'reconciling', actions: 'requestRemoval' },
          { target: 'removed', actions: 'notifyRemoved' },
        ],
      },
    },
    created: {
      description: 'The API holds the line.',
      initial: 'in_sync',
      always: { guard: 'removeRequested', target: 'deleting' },
      states: {
        in_sync: {
          entry: 'notifySynced',
          on: {
            UPDATE: { actions: ['applyUpdate', 'notifyEdited'], target: 'check' },
            CONFIRMED: { target: '#line.awaiting_outcome', actions: 'recordRemote' },
          },
        },
        check: {
          always: [{ guard: 'draftDiffersFromApi', target: 'dirty' }, { target: 'in_sync' }],
        },
        dirty: {
          entry: 'notifyDirty',
          after: { SYNC_DELAY: '#line.updating' },
          on: {
            UPDATE: [
              {
                guard: 'draftMatchesApi',
                target: 'in_sync',
                actions: ['applyUpdate', 'notifyEdited'],
              },
              { actions: ['applyUpdate', 'notifyEdited'], target: 'dirty', reenter: true },
            ],
            SYNC: '#line.updating',
          },
        },
      },
      on: {
        REMOVE: 'deleting',
      },
    },
    updating: {
      description: 'PATCH with only the fields that changed.',
      entry: 'rememberPending',
      invoke: {
        src: 'updateLine',
        input: ({ context }) => ({
          sessionId: context.sessionId as string,
          lineId: context.lineId as string,
          changes: changedFields(context.synced ?? {}, context.pending ?? bodyToSend(context)),
        }),
        onDone: {
          target: 'created.check',
          actions: [
            assign(({ context, event }) =>
              produce(context, (draft) => {
                const sent = context.pending ?? bodyToSend(context);
                draft.lastUpdatedFields = Object.keys(changedFields(context.synced ?? {}, sent));
                draft.synced = sent;
                draft.pending = null;
                draft.remote = event.output;
                draft.error = null;
              }),
            ),
            'notifyUpdated',
          ],
        },
        onError: {
          target: 'update_failed',
          actions: [
            { type: 'recordFailure', params: { phase: 'update', write: false } },
            'notifyFailed',
          ],
        },
      },
      on: {
        UPDATE: { actions: ['applyUpdate', 'notifyEdited'] },
        REMOVE: { actions: 'requestRemoval' },
      },
    },
    update_failed: {
      on: {
        UPDATE: { actions: ['applyUpdate', 'notifyEdited'] },
        RETRY: { target: 'updating', actions: 'clearError' },
        SYNC: { target: 'updating', actions: 'clearError' },
        REMOVE: { target: 'deleting', actions: 'clearError' },
      },
    },
    deleting: {
      description: 'DELETE product_order_item (the path without /v1).',
      invoke: {
        src: 'deleteLine',
        input: ({ context }) => ({
          sessionId: context.sessionId as string,
          lineId: context.lineId as string,
        }),
        onDone: { target: 'removed', actions: 'notifyRemoved' },
        onError: [
          {
            target: 'removed',
            guard: 'lineAlreadyGone',
            actions: 'notifyRemoved',
          },
          {
            target: 'deletion_failed',
            actions: [
              { type: 'recordFailure', params: { phase: 'delete', write: false } },
              'notifyFailed',
            ],
          },
        ],
      },
    },
    deletion_failed: {
      on: {
        RETRY: { target: 'deleting', actions: 'clearError' },
      },
    },
    removed: {
      type: 'final',
    },
    awaiting_outcome: {
      description: 'Confirmed: the API is creating the order (line state in_progress).',
      on: {
        OUTCOME: [
          { guard: 'gotNoOrder', target: 'no_order', actions: 'recordRemote' },
          {
            guard: 'becameOrder',
            target: 'order_created',
            actions: 'recordRemote',
          },
          { actions: 'recordRemote' },
        ],
      },
    },
    order_created: {
      description: 'An order was created: acknowledged, held_adv_validation or in_progress.',
      initial: 'routing',
      states: {
        routing: {
          always: [
            {
              guard: 'apiSaysAcknowledged',
              target: 'acknowledged',
            },
            {
              guard: 'apiSaysHeldAdvValidation',
              target: 'held_adv_validation',
            },
            { target: 'in_progress' },
          ],
        },
        acknowledged: {},
        held_adv_validation: {},
        in_progress: {},
      },
      on: {
        OUTCOME: [
          { guard: 'gotNoOrder', target: 'no_order', actions: 'recordRemote' },
          {
            guard: 'apiStateChanged',
            target: '.routing',
            actions: 'recordRemote',
          },
        ],
      },
    },
    no_order: {
      description: 'No order was created; termination_error says why.',
      initial: 'routing',
      states: {
        routing: {
          always: [
            {
              guard: 'apiSaysTechnicalError',
              target: 'technical_error',
            },
            { target: 'rejected_creation' },
          ],
        },
        rejected_creation: {},
        technical_error: {},
      },
    },
  },
});

export type LineMachine = typeof lineMachine;
