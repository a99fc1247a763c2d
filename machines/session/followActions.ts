/**
 * The actions of following the outcome without the session read: passing the orders found on
 * Covage order tracking to their lines, giving up on the lines still unknown at the deadline,
 * and saying once that the API has no session read.
 */
import { assign, emit, enqueueActions } from 'xstate';
import { sessionSetup } from './actions.js';
import { activeLineRefs } from './check.js';
import { lineIndex } from './counts.js';
import type { SessionWaiting } from './events.js';
import type { AwaitedLine, FollowInput, SessionFailure, TrackOrdersOutcome } from './types.js';

/** The confirmed lines still waiting for their outcome, as the documented paths look for them. */
export function followInput({
  context,
}: {
  context: Parameters<typeof activeLineRefs>[0] & { sessionId: string | null };
}): FollowInput {
  const lines: AwaitedLine[] = [];
  for (const ref of activeLineRefs(context)) {
    const line = ref.getSnapshot().context;
    if (line.standing !== 'confirmed') continue;
    lines.push({
      key: line.key,
      lineId: line.lineId,
      externalId: line.draft.external_id ?? null,
      qualificationItemId: line.draft.product_offering_qualification_item_id,
    });
  }
  return { sessionId: context.sessionId ?? '', lines };
}

/** The deadline passed: the lines still waiting, and the session, end `outcome_unknown`. */
export const givingUp = [
  'giveUpOnOutcomes' as const,
  { type: 'recordOutcome' as const, params: { state: 'outcome_unknown' as const } },
];

export const sessionFollowSetup = sessionSetup.extend({
  actions: {
    /**
     * The outcome deadline's anchor: when the confirmation was answered. Kept once set (stored
     * with the session); a session stored before it existed gets it when first followed.
     */
    anchorOutcomeDeadline: assign({
      confirmedAt: ({ context }) => context.confirmedAt ?? Date.now(),
    }),
    /** Each order found on order tracking goes to its line, and is reported. */
    forwardOrders: enqueueActions(({ context, enqueue }, outcome: TrackOrdersOutcome) => {
      for (const order of outcome.orders) {
        enqueue.sendTo(context.lines, {
          type: 'lines.send',
          key: order.key,
          event: {
            type: 'ORDER_FOUND',
            orderReference: order.orderReference,
            orderState: order.orderState,
          },
        });
        enqueue.emit({
          type: 'line.outcome',
          key: order.key,
          index: lineIndex(order.key),
          lineId: order.lineId ?? '',
          state: null,
          outcome: 'order_created',
          orderReference: order.orderReference,
          orderState: order.orderState,
          terminationErrors: [],
        });
      }
    }),
    /** The deadline passed: every line still waiting ends `outcome_unknown`, said as such. */
    giveUpOnOutcomes: enqueueActions(({ context, enqueue }) => {
      for (const line of followInput({ context }).lines) {
        enqueue.sendTo(context.lines, {
          type: 'lines.send',
          key: line.key,
          event: { type: 'OUTCOME_UNKNOWN' },
        });
        enqueue.emit({
          type: 'line.outcome',
          key: line.key,
          index: lineIndex(line.key),
          lineId: line.lineId ?? '',
          state: null,
          outcome: 'outcome_unknown',
          orderReference: null,
          orderState: null,
          terminationErrors: [],
        });
      }
    }),
    /** What the session waits for on the export, said as the runtime's actors tell it. */
    announceWaiting: emit((_, waiting: SessionWaiting) => waiting),
    /** The read answered as a missing route: said once, by the session that found out. */
    announceReadUnavailable: enqueueActions(
      ({ context, enqueue }, failure: Pick<SessionFailure, 'status' | 'message'>) => {
        if (failure.status === undefined) return;
        enqueue.emit({
          type: 'session.read_unavailable',
          sessionId: context.sessionId ?? '',
          status: failure.status,
          message: failure.message,
        });
      },
    ),
  },
});
