/**
 * The session's actions. A line event touches that line only: counters move by one, a message is
 * forwarded by key. Only the steps taken once per session (validating, confirming, reading the
 * outcome, retrying, resuming) go through every line.
 */
import { assign, emit, enqueueActions, raise } from 'xstate';
import { generatedExternalId } from '../../src/lines/externalId.js';
import { finalStateOf, lineOutcome } from '../../src/rules/lifecycle.js';
import { type LineDraft, parseLine } from '../../src/rules/parseLine.js';
import type { Line, LineCreate } from '../../src/schemas/line.js';
import type { Session, SessionWithItems } from '../../src/schemas/session.js';
import { outcomeSignature } from '../line/body.js';
import type { LineEvent, LineNotice } from '../line/types.js';
import { activeLineRefs, lineRefs, sessionCheck } from './check.js';
import { countStandings, countsAfter, freeSlots, lineIndex, lineKey } from './counts.js';
import { sessionProgressGuards } from './setup.js';
import type { SessionFailure, SessionOutcomeState } from './types.js';

type Notice<T extends LineNotice['type']> = Extract<LineNotice, { type: T }>;

/** The notice itself, as the params of the action that handles it. */
export const notice = <T extends LineNotice>({ event }: { event: T }) => event;

/** A message for one line, through the registry. */
const toLine = (key: string, event: LineEvent) => ({ type: 'lines.send' as const, key, event });

export const sessionSetup = sessionProgressGuards.extend({
  actions: {
    /** Adds a draft that can be sent; one that cannot is not added, and `issues` says why. */
    addLine: enqueueActions(({ context, enqueue }, params: { line: LineDraft }) => {
      const number = context.nextNumber;
      const parsed = parseLine(params.line, `lines[${number - 1}]`);
      if (!parsed.line) {
        const issues = parsed.issues;
        enqueue.assign({ issues });
        enqueue.emit({ type: 'session.invalid', issues });
        return;
      }
      const key = lineKey(number);
      const draft: LineCreate = parsed.line.external_id?.trim()
        ? parsed.line
        : { ...parsed.line, external_id: generatedExternalId(context.instanceKey, number) };
      enqueue.sendTo(context.lines, {
        type: 'lines.add',
        key,
        input: {
          key,
          index: number - 1,
          draft,
          sessionId: context.sessionId,
          diaOfferingIds: context.options.diaOfferingIds,
          syncDelayMs: context.options.syncDelayMs,
        },
      });
      enqueue.assign({
        nextNumber: number + 1,
        counts: { ...context.counts, local: context.counts.local + 1 },
      });
      enqueue.emit({ type: 'line.added', key, index: number - 1 });
    }),
    /** Passes an edit to its line (unknown keys are ignored by the registry). */
    forwardEdit: enqueueActions(
      ({ context, enqueue }, params: { key: string; event: LineEvent }) => {
        enqueue.sendTo(context.lines, toLine(params.key, params.event));
        enqueue.assign({ revision: context.revision + 1 });
      },
    ),
    /** Offers creation slots to the next lines, while fewer than `concurrency` are taken. */
    dispatchCreations: enqueueActions(({ context, enqueue }) => {
      if (!context.sessionId) return;
      let free = freeSlots(context);
      let cursor = context.cursor;
      if (free === 0 || cursor >= context.nextNumber) return;
      while (free > 0 && cursor < context.nextNumber) {
        const event = { type: 'CREATE', sessionId: context.sessionId } as const;
        enqueue.sendTo(context.lines, toLine(lineKey(cursor), event));
        cursor++;
        free--;
      }
      enqueue.assign({ cursor, inFlight: context.options.concurrency - free });
    }),
    /** A line moved: one counter down, one up; a creation slot back when it leaves `creating`. */
    countLine: enqueueActions(({ context, enqueue }, moved: Notice<'LINE.MOVED'>) => {
      enqueue.assign({
        counts: countsAfter(context.counts, moved),
        inFlight: moved.from === 'creating' ? context.inFlight - 1 : context.inFlight,
      });
      if (moved.to === 'removed')
        enqueue.emit({ type: 'line.removed', key: moved.key, index: lineIndex(moved.key) });
    }),
    freeSlot: assign({ inFlight: ({ context }) => Math.max(0, context.inFlight - 1) }),
    /** In syncing, an edited line is sent at once rather than after its debounce. */
    syncMovedLine: enqueueActions(({ context, enqueue }, moved: Notice<'LINE.MOVED'>) => {
      if (moved.to === 'pending')
        enqueue.sendTo(context.lines, toLine(moved.key, { type: 'SYNC' }));
    }),
    /** Sends every edited line now (confirming flushes the debounce). */
    syncLines: enqueueActions(({ context, enqueue }) => {
      for (const ref of lineRefs(context))
        if (ref.getSnapshot().context.standing === 'pending')
          enqueue.sendTo(context.lines, toLine(ref.id, { type: 'SYNC' }));
    }),
    /** Retries failed updates and deletions; failed creations get the next creation slots. */
    retryFailedLines: enqueueActions(({ context, enqueue }) => {
      for (const ref of lineRefs(context))
        if (ref.getSnapshot().context.standing === 'failed')
          enqueue.sendTo(context.lines, toLine(ref.id, { type: 'RETRY' }));
      enqueue.assign({ cursor: 1 });
    }),
    /** After a restore: count the lines again and offer every line a creation slot again. */
    recountLines: assign(({ context }) => {
      const standings = [...lineRefs(context)].map((ref) => ref.getSnapshot().context.standing);
      const counts = countStandings(standings);
      return { counts, inFlight: counts.creating, cursor: 1 };
    }),
    announceCreated: emit((_, { key, lineId, reconciled }: Notice<'LINE.CREATED'>) => ({
      type: 'line.created' as const,
      key,
      index: lineIndex(key),
      lineId,
      reconciled,
    })),
    announceUpdated: emit((_, { key, lineId, fields }: Notice<'LINE.UPDATED'>) => ({
      type: 'line.updated' as const,
      key,
      index: lineIndex(key),
      lineId,
      fields,
    })),
    announceLineFailure: emit((_, { key, failure }: Notice<'LINE.FAILED'>) => {
      const { phase, ...error } = failure;
      return { type: 'line.failed' as const, key, index: lineIndex(key), phase, error };
    }),
    announceWarning: emit((_, { key, issue }: Notice<'LINE.WARNING'>) => ({
      type: 'line.warning' as const,
      key,
      index: lineIndex(key),
      issue,
    })),
    reportIssues: enqueueActions(({ context, enqueue }) => {
      const issues = sessionCheck(context).issues;
      enqueue.assign({ issues, confirmRequested: false });
      enqueue.emit({ type: 'session.invalid', issues });
    }),
    clearIssues: assign({ issues: [] }),
    requestConfirmation: assign({ confirmRequested: true }),
    /** The CONFIRM asked before the session existed, asked again now that it does. */
    replayConfirmation: raise(() => ({ type: 'CONFIRM' as const })),
    recordSessionCreated: enqueueActions(({ enqueue }, params: { session: Session }) => {
      enqueue.assign({ sessionId: params.session.id, error: null });
      enqueue.emit({ type: 'session.created', sessionId: params.session.id });
    }),
    announceConfirmationStarted: emit(({ context }) => ({
      type: 'confirmation.started' as const,
      sessionId: context.sessionId ?? '',
    })),
    /** Tells each line its session was confirmed, with the line as the API answered it. */
    forwardConfirmation: enqueueActions(
      ({ context, enqueue }, params: { session: SessionWithItems; reconciled: boolean }) => {
        const items = new Map(params.session.product_order_item.map((item) => [item.id, item]));
        for (const ref of activeLineRefs(context)) {
          const lineId = ref.getSnapshot().context.lineId;
          const line = (lineId !== null ? items.get(lineId) : undefined) ?? null;
          enqueue.sendTo(context.lines, toLine(ref.id, { type: 'CONFIRMED', line }));
        }
        enqueue.assign({ error: null });
        enqueue.emit({
          type: 'session.confirmed',
          sessionId: context.sessionId ?? '',
          reconciled: params.reconciled,
        });
      },
    ),
    /** Passes each line's state, as read back, to its line, and reports what changed. */
    forwardOutcomes: enqueueActions(({ context, enqueue }, session: SessionWithItems) => {
      const sessionFinal = finalStateOf(session) !== null;
      const byLineId = new Map<string, { key: string; reported: string | null }>();
      for (const ref of lineRefs(context)) {
        const line = ref.getSnapshot().context;
        if (line.lineId !== null)
          byLineId.set(line.lineId, { key: ref.id, reported: line.reportedOutcome });
      }
      for (const item of session.product_order_item) {
        const line = byLineId.get(item.id);
        if (!line) continue;
        enqueue.sendTo(
          context.lines,
          toLine(line.key, { type: 'OUTCOME', line: item, sessionFinal }),
        );
        if (line.reported === outcomeSignature(item.state, sessionFinal)) continue;
        enqueue.emit(lineOutcomeEvent(line.key, item, sessionFinal));
      }
    }),
    nextPoll: assign({ pollErrors: 0, pollAttempt: ({ context }) => context.pollAttempt + 1 }),
    countPollError: assign({
      pollErrors: ({ context }) => context.pollErrors + 1,
      pollAttempt: ({ context }) => context.pollAttempt + 1,
    }),
    resetPolling: assign({ pollErrors: 0, pollAttempt: 0, error: null }),
    recordOutcome: enqueueActions(
      ({ context, enqueue }, params: { state: SessionOutcomeState }) => {
        enqueue.assign({ outcome: params.state });
        enqueue.emit({
          type: 'session.outcome',
          sessionId: context.sessionId ?? '',
          state: params.state,
        });
      },
    ),
    clearError: assign({ error: null }),
    /** Keeps a failure whose fate the session settles itself (no event). */
    recordFailure: assign((_, failure: SessionFailure) => ({ error: failure })),
    /** Keeps a failure the session stops on, and says so. */
    fail: enqueueActions(({ enqueue }, failure: SessionFailure) => {
      enqueue.assign({ error: failure });
      const { phase, ...error } = failure;
      enqueue.emit({ type: 'session.failed', phase, error });
    }),
    /** A line failed while syncing (its own failure was reported as `line.failed`). */
    failSync: enqueueActions(({ enqueue }) => {
      const failure: SessionFailure = {
        kind: 'line',
        message: 'a line failed',
        retriable: true,
        ambiguous: false,
        phase: 'sync',
      };
      enqueue.assign({ error: failure });
      const { phase, ...error } = failure;
      enqueue.emit({ type: 'session.failed', phase, error });
    }),
    announceCancelled: emit(({ context }) => ({
      type: 'session.cancelled' as const,
      sessionId: context.sessionId,
    })),
  },
});

function lineOutcomeEvent(key: string, item: Line, sessionFinal: boolean) {
  return {
    type: 'line.outcome' as const,
    key,
    index: lineIndex(key),
    lineId: item.id,
    state: item.state,
    outcome: lineOutcome(item.state, sessionFinal),
    orderReference: item.order_reference ? item.order_reference : null,
    terminationErrors: item.termination_error ?? [],
  };
}
