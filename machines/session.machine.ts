/**
 * The lifecycle of one order session, as the order-taking doc's flowchart and sequence diagram
 * describe it, plus what a real client needs around it: a local draft before the API session
 * exists, bounded concurrent line creation, local validation before confirming, reconciliation of
 * writes whose answer was lost, following the outcome, and failure states that keep the work.
 *
 * draft → creating_session → created ⇄ validating → syncing → confirming → in_progress →
 * completed | partial | rejected.
 */
import { type ActorRefFrom, and, assign, emit, enqueueActions, fromPromise, setup } from 'xstate';
import { produce } from '../src/context/produce.js';
import type { SessionProgressEvent } from '../src/events/sessionEvents.js';
import { type ErrorInfo, errorInfo } from '../src/http/errorInfo.js';
import { generatedExternalId } from '../src/lines/externalId.js';
import { checkSession, type SessionCheck } from '../src/rules/checkSession.js';
import type { Issue, RuleCode } from '../src/rules/issue.js';
import { lineOutcome, sessionOutcome } from '../src/rules/lifecycle.js';
import { joinPath } from '../src/rules/path.js';
import type { LineCreate } from '../src/schemas/line.js';
import type { Session, SessionCreate, SessionWithItems } from '../src/schemas/session.js';
import { FINAL_SESSION_STATES, type SessionState } from '../src/schemas/states.js';
import { lineMachine } from './line.machine.js';

export interface PollOptions {
  /** First wait after confirmation before reading the session back. */
  initialDelayMs: number;
  /** Longest wait between two reads. */
  maxDelayMs: number;
  /** Each wait is the previous one times this. */
  factor: number;
  /** Consecutive failed reads before giving up (`following_failed`, which can RETRY). */
  maxErrors: number;
}

export interface SessionMachineOptions {
  /** Lines created at the same time. Default 8. */
  concurrency: number;
  /** `product_offering_id`s that are DIA offerings. */
  diaOfferingIds: string[];
  /** Treat the checks the doc does not state as errors. */
  strictFormats: boolean;
  /** Delay before an edited, already created line is PATCHed (edits in a burst make one call). */
  syncDelayMs: number;
  poll: PollOptions;
}

export const DEFAULT_SESSION_OPTIONS: SessionMachineOptions = {
  concurrency: 8,
  diaOfferingIds: [],
  strictFormats: false,
  syncDelayMs: 250,
  poll: { initialDelayMs: 500, maxDelayMs: 30_000, factor: 2, maxErrors: 8 },
};

/** Where the session stands with one line, kept up to date from the line actors' reports. */
export type LineStatus =
  | 'draft'
  | 'queued'
  | 'creating'
  /** Created; whether it matches its draft is reported next (LINE.SYNCED or LINE.DIRTY). */
  | 'created'
  | 'synced'
  | 'dirty'
  | 'failed'
  | 'removing'
  | 'removed'
  | 'confirmed';

export interface LineEntry {
  key: string;
  index: number;
  ref: ActorRefFrom<typeof lineMachine>;
}

/** The step of the session a failure happened in. */
export type FailurePhase = 'create_session' | 'sync' | 'confirm' | 'follow';

export interface SessionContext {
  /** Random, per session: makes generated `external_id`s unique. */
  instanceKey: string;
  /** The API's session id, once created. */
  sessionId: string | null;
  request: SessionCreate;
  lines: LineEntry[];
  status: Record<string, LineStatus>;
  /** API line id → line key. */
  lineKeys: Record<string, string>;
  /** API line id → the state last reported in a `line.outcome` event. */
  reportedStates: Record<string, string>;
  /** Keys waiting for their creation to start (bounded by `concurrency`). */
  queue: string[];
  /** Keys whose creation is under way. */
  inFlight: string[];
  nextNumber: number;
  /** Edits forwarded to line actors and not yet acknowledged by them. */
  pendingEdits: number;
  /** CONFIRM was asked before the API session existed: confirm as soon as every line is in. */
  confirmRequested: boolean;
  /** The last validation's findings (paths like `lines[2].enni`). */
  issues: Issue[];
  remote: SessionWithItems | null;
  outcome: SessionState | null;
  pollAttempt: number;
  pollErrors: number;
  error: (ErrorInfo & { phase: FailurePhase }) | null;
  options: SessionMachineOptions;
}

export interface SessionInput {
  instanceKey: string;
  request?: SessionCreate;
  options?: Partial<Omit<SessionMachineOptions, 'poll'>> & { poll?: Partial<PollOptions> };
}

export type SessionCommand =
  | { type: 'ADD_LINE'; line: LineCreate }
  | { type: 'UPDATE_LINE'; key: string; changes: Record<string, unknown> }
  | { type: 'REMOVE_LINE'; key: string }
  | { type: 'START' }
  | { type: 'CONFIRM' }
  | { type: 'RETRY' }
  | { type: 'CANCEL' }
  | { type: 'RESUME' };

/** Reports the line actors send their session. */
export type LineNotice =
  | { type: 'LINE.CREATED'; key: string; lineId: string; reconciled: boolean }
  | { type: 'LINE.UPDATED'; key: string; lineId: string; fields: string[] }
  | { type: 'LINE.SYNCED'; key: string }
  | { type: 'LINE.DIRTY'; key: string }
  | { type: 'LINE.REMOVED'; key: string }
  | {
      type: 'LINE.FAILED';
      key: string;
      error: (ErrorInfo & { phase: 'create' | 'reconcile' | 'update' | 'delete' }) | null;
    }
  | { type: 'LINE.WARNING'; key: string; issue: Issue }
  | { type: 'LINE.EDITED'; key: string };

export type SessionEvent = SessionCommand | LineNotice;

export interface ConfirmSessionInput {
  sessionId: string;
  /** True when this confirmation may already have been sent (a restored snapshot): look first. */
  reconcileFirst: boolean;
}

function notProvided(name: string): () => Promise<never> {
  return async () => {
    throw new Error(
      `the "${name}" actor is not provided (see createSessionActor or machine.provide)`,
    );
  };
}

function mergeOptions(input: SessionInput['options']): SessionMachineOptions {
  return {
    ...DEFAULT_SESSION_OPTIONS,
    ...input,
    poll: { ...DEFAULT_SESSION_OPTIONS.poll, ...input?.poll },
    diaOfferingIds: [...(input?.diaOfferingIds ?? DEFAULT_SESSION_OPTIONS.diaOfferingIds)],
  };
}

/** A line being removed, or removed: its other reports no longer change its status. */
const isGoing = (status: LineStatus | undefined) => status === 'removed' || status === 'removing';

/** Lines that are part of the session: not removed, nor being removed. */
const activeLines = (context: SessionContext) =>
  context.lines.filter((entry) => !isGoing(context.status[entry.key]));

const checks = new WeakMap<SessionContext, SessionCheck>();

/** The confirmation check of every line still in the session, computed once per context. */
export function sessionCheck(context: SessionContext): SessionCheck {
  let check = checks.get(context);
  if (!check) {
    const lines = activeLines(context);
    const result = checkSession(
      lines.map((entry) => entry.ref.getSnapshot().context.draft),
      {
        diaOfferingIds: context.options.diaOfferingIds,
        strictFormats: context.options.strictFormats,
      },
    );
    // Report paths against each line's position in the order (`lines[i]…`).
    const at = (position: number) => `lines[${lines[position]?.index ?? position}]`;
    check = {
      ready: result.ready,
      issues: [
        ...result.issues.map((issue) => ({
          ...issue,
          path: issue.path.replace(/^lines\[(\d+)\]/, (_, n: string) => at(Number(n))),
        })),
        ...result.lines.flatMap((report) =>
          report.issues.map((issue) => ({
            ...issue,
            path: joinPath(at(report.index), issue.path),
          })),
        ),
      ],
      lines: result.lines,
    };
    checks.set(context, check);
  }
  return check;
}

const hasNoError = (context: SessionContext, codes: RuleCode[]) =>
  !sessionCheck(context).issues.some(
    (issue) => issue.severity === 'error' && codes.includes(issue.code),
  );

/** The session's final state from what the API answered, or null while it is still running. */
export function finalStateOf(remote: SessionWithItems | null): SessionState | null {
  if (!remote) return null;
  if (remote.state && FINAL_SESSION_STATES.includes(remote.state)) return remote.state;
  if (remote.state && remote.state !== 'in_progress') return null;
  const derived = sessionOutcome(
    remote.product_order_item.map((item) => lineOutcome(item.state, false)),
  );
  return FINAL_SESSION_STATES.includes(derived) ? derived : null;
}

/** True when a session read back shows the confirmation happened. */
export function wasConfirmed(session: SessionWithItems): boolean {
  if (session.state !== undefined && session.state !== null) return session.state !== 'created';
  return session.product_order_item.some((item) => item.state !== 'created');
}

function pollDelay(context: SessionContext): number {
  const { initialDelayMs, maxDelayMs, factor } = context.options.poll;
  return Math.min(maxDelayMs, initialDelayMs * factor ** context.pollAttempt);
}

function indexOf(context: SessionContext, key: string): number {
  return context.lines.find((entry) => entry.key === key)?.index ?? -1;
}

export const sessionMachine = setup({
  types: {
    context: {} as SessionContext,
    input: {} as SessionInput,
    events: {} as SessionEvent,
    emitted: {} as SessionProgressEvent,
  },
  actors: {
    line: lineMachine,
    createSession: fromPromise<Session, { request: SessionCreate }>(notProvided('createSession')),
    confirmSession: fromPromise<SessionWithItems, ConfirmSessionInput>(
      notProvided('confirmSession'),
    ),
    readSession: fromPromise<SessionWithItems, { sessionId: string }>(notProvided('readSession')),
  },
  delays: {
    POLL_DELAY: ({ context }) => pollDelay(context),
  },
  guards: {
    // The doc's rules, one guard each (they read the same cached check).
    sessionHasLines: ({ context }) => hasNoError(context, ['session_has_no_line']),
    requiredAtConfirmationFilled: ({ context }) =>
      hasNoError(context, ['required_at_confirmation', 'required_at_creation']),
    cpeFieldsGivenWithOption7021: ({ context }) => hasNoError(context, ['cpe_required_with_7021']),
    cpeFieldsEmptyWithoutOption7021: ({ context }) =>
      hasNoError(context, ['cpe_forbidden_without_7021']),
    siretGivenAndValidWhenKnown: ({ context }) =>
      hasNoError(context, ['siret_required', 'siret_invalid']),
    /** Everything else that stops a confirmation (structure, duplicates, strict formats). */
    noOtherBlockingIssue: ({ context }) => sessionCheck(context).ready,
    confirmRequested: ({ context }) => context.confirmRequested,
    // Evaluated after every event while syncing: one pass over the lines, nothing allocated.
    allLinesInSync: ({ context }) => {
      if (context.queue.length > 0 || context.inFlight.length > 0) return false;
      let active = 0;
      for (const entry of context.lines) {
        const status = context.status[entry.key];
        if (isGoing(status)) continue;
        if (status !== 'synced') return false;
        active++;
      }
      return active > 0;
    },
    // A failed line is never one being removed (those are `removing` or `removed`).
    anyLineFailed: ({ context }) =>
      context.lines.some((entry) => context.status[entry.key] === 'failed'),
    failureIsAmbiguous: ({ context }) => context.error?.ambiguous === true,
    sessionCompleted: ({ context }) => finalStateOf(context.remote) === 'completed',
    sessionPartial: ({ context }) => finalStateOf(context.remote) === 'partial',
    sessionRejected: ({ context }) => finalStateOf(context.remote) === 'rejected',
    /** No answer, a 5xx, or 409 (already confirmed): the confirmation may have happened. */
    confirmationOutcomeUnknown: ({ event }) => {
      const info = errorInfo((event as { error?: unknown }).error, true);
      return info.ambiguous || info.status === 409;
    },
    sessionWasConfirmed: ({ event }) => {
      const output = (event as { output?: SessionWithItems }).output;
      return output !== undefined && wasConfirmed(output);
    },
    /** The session read back is `completed`, `partial` or `rejected`. */
    outcomeKnown: ({ event }) =>
      finalStateOf((event as { output?: SessionWithItems }).output ?? null) !== null,
    /** Every forwarded edit has reached its line. */
    editsApplied: ({ context }) => context.pendingEdits === 0,
    tooManyPollErrors: ({ context }) => context.pollErrors + 1 >= context.options.poll.maxErrors,
  },
  // Context updates go through immer's produce (src/context/produce.ts: no auto-freeze, which
  // cost time in proportion to the number of lines at every report; see docs/performance.md).
  actions: {
    addLine: assign(({ context, event, spawn }) => {
      if (event.type !== 'ADD_LINE') return {};
      const number = context.nextNumber;
      const key = `L${number}`;
      const draft: LineCreate = event.line.external_id?.trim()
        ? event.line
        : { ...event.line, external_id: generatedExternalId(context.instanceKey, number) };
      const ref = spawn('line', {
        id: key,
        input: {
          key,
          index: number - 1,
          draft,
          sessionId: context.sessionId,
          diaOfferingIds: context.options.diaOfferingIds,
          syncDelayMs: context.options.syncDelayMs,
        },
      });
      return produce(context, (next) => {
        next.lines.push({ key, index: number - 1, ref } as LineEntry);
        next.status[key] = context.sessionId ? 'queued' : 'draft';
        if (context.sessionId) next.queue.push(key);
        next.nextNumber = number + 1;
      });
    }),
    announceLine: emit(({ context }) => {
      const entry = context.lines.at(-1) as LineEntry;
      return { type: 'line.added' as const, key: entry.key, index: entry.index };
    }),
    forwardUpdate: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'UPDATE_LINE') return;
      const entry = context.lines.find((line) => line.key === event.key);
      if (!entry) return;
      enqueue.sendTo(entry.ref, { type: 'UPDATE', changes: event.changes });
      enqueue.assign({ pendingEdits: ({ context: current }) => current.pendingEdits + 1 });
    }),
    forwardRemove: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'REMOVE_LINE') return;
      const entry = context.lines.find((line) => line.key === event.key);
      if (!entry || context.status[entry.key] === 'removed') return;
      enqueue.sendTo(entry.ref, { type: 'REMOVE' });
      enqueue.assign(({ context: current }) =>
        produce(current, (next) => {
          next.status[entry.key] = 'removing';
          next.queue = current.queue.filter((key) => key !== entry.key);
        }),
      );
    }),
    onLineEdited: assign({ pendingEdits: ({ context }) => Math.max(0, context.pendingEdits - 1) }),
    /** Starts creations while fewer than `concurrency` are under way. */
    dispatchCreations: enqueueActions(({ context, enqueue }) => {
      if (!context.sessionId) return;
      const free = context.options.concurrency - context.inFlight.length;
      if (free <= 0 || context.queue.length === 0) return;
      const starting = context.queue.slice(0, free);
      for (const key of starting) {
        const entry = context.lines.find((line) => line.key === key);
        if (!entry) continue;
        // A line whose creation failed is retried (it reconciles first when that is needed).
        enqueue.sendTo(
          entry.ref,
          entry.ref.getSnapshot().matches('creation_failed')
            ? { type: 'RETRY' }
            : { type: 'CREATE', sessionId: context.sessionId },
        );
      }
      enqueue.assign(({ context: current }) =>
        produce(current, (next) => {
          next.queue = current.queue.filter((key) => !starting.includes(key));
          next.inFlight.push(...starting);
          for (const key of starting) next.status[key] = 'creating';
        }),
      );
    }),
    queueAllLines: assign(({ context }) =>
      produce(context, (next) => {
        for (const entry of activeLines(context)) {
          if (context.status[entry.key] === 'draft') {
            next.queue.push(entry.key);
            next.status[entry.key] = 'queued';
          }
        }
      }),
    ),
    /** Sends every edited line now, and retries the lines whose last call failed. */
    syncLines: enqueueActions(({ context, enqueue }) => {
      for (const entry of activeLines(context)) {
        const status = context.status[entry.key];
        if (status === 'dirty') enqueue.sendTo(entry.ref, { type: 'SYNC' });
      }
    }),
    retryFailedLines: enqueueActions(({ context, enqueue }) => {
      const failed = activeLines(context).filter((entry) => context.status[entry.key] === 'failed');
      for (const entry of failed) {
        const phase = entry.ref.getSnapshot().context.error?.phase;
        if (phase === 'create' || phase === 'reconcile') {
          // Creations go back through the queue, to keep the concurrency bound. Queued, they no
          // longer count as failed: a RETRY with more failed lines than free slots must not fall
          // straight back into sync_failed while the first ones are being created.
          enqueue.assign(({ context: current }) =>
            produce(current, (next) => {
              if (!current.queue.includes(entry.key)) next.queue.push(entry.key);
              next.status[entry.key] = 'queued';
            }),
          );
        } else {
          enqueue.sendTo(entry.ref, { type: 'RETRY' });
          enqueue.assign(({ context: current }) =>
            produce(current, (next) => {
              next.status[entry.key] = phase === 'delete' ? 'removing' : 'dirty';
            }),
          );
        }
      }
    }),
    onLineCreated: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'LINE.CREATED') return;
      enqueue.assign(({ context: current }) =>
        produce(current, (next) => {
          next.inFlight = current.inFlight.filter((key) => key !== event.key);
          next.lineKeys[event.lineId] = event.key;
          if (!isGoing(current.status[event.key])) next.status[event.key] = 'created';
        }),
      );
      enqueue.emit({
        type: 'line.created',
        key: event.key,
        index: indexOf(context, event.key),
        lineId: event.lineId,
        reconciled: event.reconciled,
      });
    }),
    onLineFailed: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'LINE.FAILED') return;
      enqueue.assign(({ context: current }) =>
        produce(current, (next) => {
          next.inFlight = current.inFlight.filter((key) => key !== event.key);
          next.status[event.key] = 'failed';
        }),
      );
      if (event.error) {
        const { phase, ...error } = event.error;
        enqueue.emit({
          type: 'line.failed',
          key: event.key,
          index: indexOf(context, event.key),
          phase,
          error,
        });
      }
    }),
    onLineSynced: assign(({ context, event }) =>
      produce(context, (next) => {
        if (event.type === 'LINE.SYNCED' && !isGoing(context.status[event.key]))
          next.status[event.key] = 'synced';
      }),
    ),
    onLineDirty: assign(({ context, event }) =>
      produce(context, (next) => {
        if (event.type === 'LINE.DIRTY' && !isGoing(context.status[event.key]))
          next.status[event.key] = 'dirty';
      }),
    ),
    onLineUpdated: emit(({ context, event }) => {
      const e = event as Extract<LineNotice, { type: 'LINE.UPDATED' }>;
      return {
        type: 'line.updated' as const,
        key: e.key,
        index: indexOf(context, e.key),
        lineId: e.lineId,
        fields: e.fields,
      };
    }),
    onLineRemoved: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'LINE.REMOVED') return;
      enqueue.assign(({ context: current }) =>
        produce(current, (next) => {
          next.status[event.key] = 'removed';
          next.queue = current.queue.filter((key) => key !== event.key);
          next.inFlight = current.inFlight.filter((key) => key !== event.key);
        }),
      );
      enqueue.emit({ type: 'line.removed', key: event.key, index: indexOf(context, event.key) });
    }),
    onLineWarning: emit(({ context, event }) => {
      const e = event as Extract<LineNotice, { type: 'LINE.WARNING' }>;
      return {
        type: 'line.warning' as const,
        key: e.key,
        index: indexOf(context, e.key),
        issue: e.issue,
      };
    }),
    reportIssues: enqueueActions(({ context, enqueue }) => {
      const issues = sessionCheck(context).issues;
      enqueue.assign({ issues, confirmRequested: false });
      enqueue.emit({ type: 'session.invalid', issues });
    }),
    clearIssues: assign({ issues: [] }),
    announceSession: emit(({ context }) => ({
      type: 'session.created' as const,
      sessionId: context.sessionId as string,
    })),
    requestConfirmation: assign({ confirmRequested: true }),
    /** Tells each line its session was confirmed, with the line as the API answered it. */
    forwardConfirmation: enqueueActions(({ context, enqueue }) => {
      const items = context.remote?.product_order_item ?? [];
      for (const entry of activeLines(context)) {
        const lineId = entry.ref.getSnapshot().context.lineId;
        const item = items.find((candidate) => candidate.id === lineId) ?? null;
        enqueue.sendTo(entry.ref, { type: 'CONFIRMED', line: item });
      }
      enqueue.assign(({ context: current }) =>
        produce(current, (next) => {
          for (const entry of activeLines(current)) next.status[entry.key] = 'confirmed';
        }),
      );
    }),
    /** Passes each line's state, as read back, to its line actor, and reports what changed. */
    forwardOutcomes: enqueueActions(({ context, enqueue }) => {
      const remote = context.remote;
      if (!remote) return;
      const sessionFinal = finalStateOf(remote) !== null;
      const reported: Record<string, string> = {};
      for (const item of remote.product_order_item) {
        const key = context.lineKeys[item.id];
        const entry = key ? context.lines.find((line) => line.key === key) : undefined;
        if (!key || !entry) continue;
        enqueue.sendTo(entry.ref, { type: 'OUTCOME', line: item, sessionFinal });
        const outcome = lineOutcome(item.state, sessionFinal);
        const signature = `${item.state}:${outcome}`;
        if (context.reportedStates[item.id] === signature) continue;
        reported[item.id] = signature;
        enqueue.emit({
          type: 'line.outcome',
          key,
          index: entry.index,
          lineId: item.id,
          state: item.state,
          outcome,
          orderReference: item.order_reference ? item.order_reference : null,
          terminationErrors: item.termination_error ?? [],
        });
      }
      enqueue.assign(({ context: current }) =>
        produce(current, (next) => {
          Object.assign(next.reportedStates, reported);
        }),
      );
    }),
    emitOutcome: emit(({ context }) => ({
      type: 'session.outcome' as const,
      sessionId: context.sessionId as string,
      state: context.outcome as SessionState,
    })),
    emitFailed: emit(({ context }) => ({
      type: 'session.failed' as const,
      phase: context.error?.phase ?? 'sync',
      error: context.error ? (({ phase: _phase, ...rest }) => rest)(context.error) : null,
    })),
    clearError: assign({ error: null }),
    recordSessionCreated: assign({
      sessionId: ({ event }) => (event as { output?: Session }).output?.id ?? null,
      error: null,
    }),
    /** Keeps a failed call as plain data: which step, what happened, whether it may have landed. */
    recordFailure: assign(
      ({ event }, params: { phase: FailurePhase; write: boolean; ambiguous?: boolean }) => {
        const info = errorInfo((event as { error?: unknown }).error, params.write);
        return {
          error: { ...info, ambiguous: params.ambiguous ?? info.ambiguous, phase: params.phase },
        };
      },
    ),
  },
}).createMachine({
  id: 'session',
  context: ({ input }) => ({
    instanceKey: input.instanceKey,
    sessionId: null,
    request: input.request ?? {},
    lines: [],
    status: {},
    lineKeys: {},
    reportedStates: {},
    queue: [],
    inFlight: [],
    nextNumber: 1,
    pendingEdits: 0,
    confirmRequested: false,
    issues: [],
    remote: null,
    outcome: null,
    pollAttempt: 0,
    pollErrors: 0,
    error: null,
    options: mergeOptions(input.options),
  }),
  initial: 'draft',
  on: {
    'LINE.CREATED': { actions: ['onLineCreated', 'dispatchCreations'] },
    'LINE.FAILED': { actions: ['onLineFailed', 'dispatchCreations'] },
    'LINE.REMOVED': { actions: ['onLineRemoved', 'dispatchCreations'] },
    'LINE.SYNCED': { actions: 'onLineSynced' },
    'LINE.DIRTY': { actions: 'onLineDirty' },
    'LINE.UPDATED': { actions: 'onLineUpdated' },
    'LINE.WARNING': { actions: 'onLineWarning' },
    'LINE.EDITED': { actions: 'onLineEdited' },
  },
  states: {
    draft: {
      description: 'Local only: the API session does not exist yet; nothing has been sent.',
      on: {
        ADD_LINE: { actions: ['addLine', 'announceLine'] },
        UPDATE_LINE: { actions: 'forwardUpdate' },
        REMOVE_LINE: { actions: 'forwardRemove' },
        START: 'creating_session',
        CONFIRM: [
          {
            guard: and([
              'sessionHasLines',
              'requiredAtConfirmationFilled',
              'cpeFieldsGivenWithOption7021',
              'cpeFieldsEmptyWithoutOption7021',
              'siretGivenAndValidWhenKnown',
              'noOtherBlockingIssue',
            ]),
            target: 'creating_session',
            actions: ['clearIssues', 'requestConfirmation'],
          },
          { actions: 'reportIssues' },
        ],
        CANCEL: 'cancelled',
      },
    },
    creating_session: {
      description: 'POST product_order.',
      invoke: {
        src: 'createSession',
        input: ({ context }) => ({ request: context.request }),
        onDone: [
          {
            guard: 'confirmRequested',
            target: 'revalidating',
            actions: ['recordSessionCreated', 'announceSession', 'queueAllLines'],
          },
          {
            target: 'created',
            actions: ['recordSessionCreated', 'announceSession', 'queueAllLines'],
          },
        ],
        onError: {
          target: 'session_creation_failed',
          actions: [
            { type: 'recordFailure', params: { phase: 'create_session', write: true } },
            'emitFailed',
          ],
        },
      },
      on: {
        ADD_LINE: { actions: ['addLine', 'announceLine'] },
        UPDATE_LINE: { actions: 'forwardUpdate' },
        REMOVE_LINE: { actions: 'forwardRemove' },
        CANCEL: 'cancelled',
      },
    },
    session_creation_failed: {
      description:
        'The session was not created (a lost answer leaves at most an empty session behind).',
      on: {
        RETRY: { target: 'creating_session', actions: 'clearError' },
        ADD_LINE: { actions: ['addLine', 'announceLine'] },
        UPDATE_LINE: { actions: 'forwardUpdate' },
        REMOVE_LINE: { actions: 'forwardRemove' },
        CANCEL: 'cancelled',
      },
    },
    created: {
      description: 'The API session is `created`: lines are added, updated and removed.',
      entry: 'dispatchCreations',
      on: {
        ADD_LINE: { actions: ['addLine', 'announceLine', 'dispatchCreations'] },
        UPDATE_LINE: { actions: 'forwardUpdate' },
        REMOVE_LINE: { actions: 'forwardRemove' },
        CONFIRM: 'validating',
        RETRY: { actions: ['retryFailedLines', 'dispatchCreations'] },
        RESUME: { actions: ['dispatchCreations'] },
        CANCEL: 'cancelled',
      },
    },
    validating: {
      description:
        'Every line must pass the confirmation rules; a session that fails sends nothing.',
      always: [
        {
          guard: and([
            'sessionHasLines',
            'requiredAtConfirmationFilled',
            'cpeFieldsGivenWithOption7021',
            'cpeFieldsEmptyWithoutOption7021',
            'siretGivenAndValidWhenKnown',
            'noOtherBlockingIssue',
          ]),
          target: 'syncing',
          actions: 'clearIssues',
        },
        { target: 'created', actions: 'reportIssues' },
      ],
    },
    syncing: {
      description:
        'Waits until the API holds every line exactly as drafted (creations, pending PATCHes).',
      entry: ['dispatchCreations', 'syncLines'],
      always: [
        { guard: 'anyLineFailed', target: 'sync_failed' },
        { guard: 'allLinesInSync', target: 'confirming' },
      ],
      on: {
        RESUME: { actions: ['dispatchCreations', 'syncLines'] },
        'LINE.DIRTY': { actions: ['onLineDirty', 'syncLines'] },
        // Edits are still accepted: the session is validated again before confirming.
        ADD_LINE: { target: 'validating', actions: ['addLine', 'announceLine'] },
        UPDATE_LINE: { target: 'revalidating', actions: 'forwardUpdate' },
        REMOVE_LINE: { target: 'validating', actions: 'forwardRemove' },
        CANCEL: 'cancelled',
      },
    },
    revalidating: {
      description:
        'Edits arrived after the last validation: once the lines applied them, validate again.',
      always: { guard: 'editsApplied', target: 'validating' },
      on: { CANCEL: 'cancelled' },
    },
    sync_failed: {
      description:
        'A line could not be created, updated or deleted; nothing is lost, RETRY resumes.',
      entry: [
        assign({
          error: ({ context }) => ({
            ...(context.error ?? {
              kind: 'line',
              message: 'a line failed',
              retriable: true,
              ambiguous: false,
            }),
            phase: 'sync' as const,
          }),
        }),
        'emitFailed',
      ],
      on: {
        RETRY: { target: 'syncing', actions: ['clearError', 'retryFailedLines'] },
        ADD_LINE: { target: 'created', actions: ['clearError', 'addLine', 'announceLine'] },
        UPDATE_LINE: { target: 'created', actions: ['clearError', 'forwardUpdate'] },
        REMOVE_LINE: { target: 'created', actions: ['clearError', 'forwardRemove'] },
        CANCEL: 'cancelled',
      },
    },
    confirming: {
      description:
        'PATCH product_order/{id}/confirm/ — never sent twice: a lost answer is reconciled.',
      entry: emit(({ context }) => ({
        type: 'confirmation.started' as const,
        sessionId: context.sessionId as string,
      })),
      invoke: {
        src: 'confirmSession',
        input: ({ context }) => ({ sessionId: context.sessionId as string, reconcileFirst: false }),
        onDone: {
          target: 'in_progress',
          actions: [
            assign({ remote: ({ event }) => event.output, error: null }),
            'forwardConfirmation',
            emit(({ context }) => ({
              type: 'session.confirmed' as const,
              sessionId: context.sessionId as string,
              reconciled: false,
            })),
          ],
        },
        onError: [
          {
            guard: 'confirmationOutcomeUnknown',
            target: 'reconciling_confirmation',
            actions: {
              type: 'recordFailure',
              params: { phase: 'confirm', write: true, ambiguous: true },
            },
          },
          {
            target: 'confirmation_failed',
            actions: [
              { type: 'recordFailure', params: { phase: 'confirm', write: true } },
              'emitFailed',
            ],
          },
        ],
      },
    },
    reconciling_confirmation: {
      description:
        'The confirmation may have happened: read the session back before confirming again.',
      invoke: {
        src: 'readSession',
        input: ({ context }) => ({ sessionId: context.sessionId as string }),
        onDone: [
          {
            guard: 'sessionWasConfirmed',
            target: 'in_progress',
            actions: [
              assign({ remote: ({ event }) => event.output, error: null }),
              'forwardConfirmation',
              emit(({ context }) => ({
                type: 'session.confirmed' as const,
                sessionId: context.sessionId as string,
                reconciled: true,
              })),
            ],
          },
          { target: 'confirming', actions: 'clearError' },
        ],
        onError: {
          target: 'confirmation_failed',
          actions: [
            { type: 'recordFailure', params: { phase: 'confirm', write: false, ambiguous: true } },
            'emitFailed',
          ],
        },
      },
    },
    confirmation_failed: {
      description:
        'Not confirmed (or not known to be). RETRY reconciles first when the fate is unknown.',
      on: {
        RETRY: [
          { guard: 'failureIsAmbiguous', target: 'reconciling_confirmation' },
          { target: 'confirming', actions: 'clearError' },
        ],
        CANCEL: 'cancelled',
      },
    },
    in_progress: {
      description: 'Confirmed: Covage is creating the orders. Reads the session back with backoff.',
      initial: 'waiting',
      states: {
        waiting: {
          after: { POLL_DELAY: 'polling' },
          on: { RESUME: 'polling' },
        },
        polling: {
          invoke: {
            src: 'readSession',
            input: ({ context }) => ({ sessionId: context.sessionId as string }),
            onDone: [
              {
                guard: 'outcomeKnown',
                target: '#session.outcome',
                actions: [
                  assign({ remote: ({ event }) => event.output, pollErrors: 0 }),
                  'forwardOutcomes',
                ],
              },
              {
                target: 'waiting',
                actions: [
                  assign({
                    remote: ({ event }) => event.output,
                    pollErrors: 0,
                    pollAttempt: ({ context }) => context.pollAttempt + 1,
                  }),
                  'forwardOutcomes',
                ],
              },
            ],
            onError: [
              {
                guard: 'tooManyPollErrors',
                target: '#session.following_failed',
                actions: [
                  { type: 'recordFailure', params: { phase: 'follow', write: false } },
                  'emitFailed',
                ],
              },
              {
                target: 'waiting',
                actions: assign({
                  pollErrors: ({ context }) => context.pollErrors + 1,
                  pollAttempt: ({ context }) => context.pollAttempt + 1,
                }),
              },
            ],
          },
        },
      },
      on: { CANCEL: 'cancelled' },
    },
    following_failed: {
      description: 'The outcome could not be read; the session is confirmed. RETRY follows again.',
      on: {
        RETRY: {
          target: 'in_progress',
          actions: [assign({ pollErrors: 0, pollAttempt: 0 }), 'clearError'],
        },
        CANCEL: 'cancelled',
      },
    },
    outcome: {
      description: "The doc's flowchart: were all order lines created?",
      always: [
        { guard: 'sessionCompleted', target: 'completed' },
        { guard: 'sessionPartial', target: 'partial' },
        { guard: 'sessionRejected', target: 'rejected' },
      ],
    },
    completed: {
      description: 'Every line became an order.',
      type: 'final',
      entry: [assign({ outcome: 'completed' }), 'emitOutcome'],
    },
    partial: {
      description: 'At least one line became an order, not all.',
      type: 'final',
      entry: [assign({ outcome: 'partial' }), 'emitOutcome'],
    },
    rejected: {
      description: 'No line became an order.',
      type: 'final',
      entry: [assign({ outcome: 'rejected' }), 'emitOutcome'],
    },
    cancelled: {
      description: 'Stopped by the user. What the API already holds stays there.',
      type: 'final',
      entry: emit(({ context }) => ({
        type: 'session.cancelled' as const,
        sessionId: context.sessionId,
      })),
    },
  },
});

export type SessionMachine = typeof sessionMachine;
