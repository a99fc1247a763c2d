/**
 * Follows one order until it reaches a final status, emitting `order.changed` on each change.
 *
 * fetching --answer, final status--> done
 * fetching --answer--> waiting --after pollDelay--> fetching
 * fetching --retriable error--> waiting (backoff), --other error or too many--> failed
 *
 * The delay starts at `intervalMs`, grows by `backoffFactor` after each poll that saw no change
 * (and after each failed poll), up to `maxIntervalMs`, and goes back to `intervalMs` after a
 * change. The fetch is the `fetchOrder` actor: provide it (`machine.provide({ actors })`); the
 * trackers in `src/tracking` do. Delays use XState's clock, so a `SimulatedClock` drives them.
 */
import { assign, enqueueActions, setup } from 'xstate';
import { isFinalStatus, type OrderStatus } from '../../src/schemas/orderStatus.js';
import { notProvided } from '../shared/notProvided.js';

/** What the machine reads of an order (a tracker's `NormalizedOrder` has more). */
export interface TrackedOrder {
  status: OrderStatus;
  /** The provider's own status value, as text; `null` when the record has none. */
  providerStatus: string | null;
  updatedAt?: string;
}

export interface TrackingInput {
  id: string;
  /** First delay between two polls, in ms (default 2000). */
  intervalMs?: number;
  /** Longest delay between two polls, in ms (default 60000). */
  maxIntervalMs?: number;
  /** Each unchanged poll multiplies the delay by this (default 1.5); a change resets it. */
  backoffFactor?: number;
  /** Consecutive retriable failures tolerated before giving up (default 5). */
  maxConsecutiveErrors?: number;
}

export interface TrackingContext {
  id: string;
  order: TrackedOrder | null;
  delayMs: number;
  consecutiveErrors: number;
  error: unknown;
  settings: Required<Omit<TrackingInput, 'id'>>;
}

export type TrackingEmitted =
  | { type: 'order.changed'; order: TrackedOrder; previous: TrackedOrder | null }
  | { type: 'order.poll_failed'; error: unknown; consecutiveErrors: number; retryInMs: number };

export interface TrackingOutput {
  order: TrackedOrder | null;
  /** Set when following stopped on an error (not retriable, or too many in a row). */
  error?: unknown;
}

export const TRACKING_DEFAULTS = {
  intervalMs: 2000,
  maxIntervalMs: 60_000,
  backoffFactor: 1.5,
  maxConsecutiveErrors: 5,
} as const;

/** A change is a new status, provider status or update date; the first answer is always one. */
export function orderChanged(previous: TrackedOrder | null, next: TrackedOrder): boolean {
  return (
    previous === null ||
    previous.status !== next.status ||
    previous.providerStatus !== next.providerStatus ||
    previous.updatedAt !== next.updatedAt
  );
}

function grow(context: TrackingContext): number {
  const { backoffFactor, maxIntervalMs } = context.settings;
  return Math.min(maxIntervalMs, Math.round(context.delayMs * backoffFactor));
}

export const trackingMachine = setup({
  types: {
    context: {} as TrackingContext,
    input: {} as TrackingInput,
    emitted: {} as TrackingEmitted,
    output: {} as TrackingOutput,
  },
  actors: {
    fetchOrder: notProvided<TrackedOrder, { id: string }>('fetchOrder'),
  },
  guards: {
    orderIsFinal: (_, order: TrackedOrder) => isFinalStatus(order.status),
    /** The fetch failed with a retriable error (`retriable: true`), and not too often. */
    mayRetry: ({ context }, { error }: { error: unknown }) =>
      typeof error === 'object' &&
      error !== null &&
      'retriable' in error &&
      error.retriable === true &&
      context.consecutiveErrors + 1 < context.settings.maxConsecutiveErrors,
  },
  delays: {
    pollDelay: ({ context }) => context.delayMs,
  },
  actions: {
    recordAnswer: enqueueActions(({ context, enqueue }, order: TrackedOrder) => {
      if (orderChanged(context.order, order)) {
        enqueue.emit({ type: 'order.changed', order, previous: context.order });
        enqueue.assign({ order, delayMs: context.settings.intervalMs, consecutiveErrors: 0 });
      } else {
        enqueue.assign({ order, delayMs: grow(context), consecutiveErrors: 0 });
      }
    }),
    recordRetriableError: enqueueActions(({ context, enqueue }, { error }: { error: unknown }) => {
      const delayMs = grow(context);
      const consecutiveErrors = context.consecutiveErrors + 1;
      enqueue.emit({ type: 'order.poll_failed', error, consecutiveErrors, retryInMs: delayMs });
      enqueue.assign({ delayMs, consecutiveErrors });
    }),
    recordFatalError: assign((_, { error }: { error: unknown }) => ({ error })),
  },
}).createMachine({
  id: 'tracking',
  context: ({ input }) => {
    const settings = { ...TRACKING_DEFAULTS };
    for (const key of Object.keys(TRACKING_DEFAULTS) as (keyof typeof TRACKING_DEFAULTS)[]) {
      const value = input[key];
      if (value !== undefined) settings[key] = value as never;
    }
    return {
      id: input.id,
      order: null,
      delayMs: settings.intervalMs,
      consecutiveErrors: 0,
      error: undefined,
      settings,
    };
  },
  initial: 'fetching',
  states: {
    fetching: {
      invoke: {
        id: 'fetchOrder',
        src: 'fetchOrder',
        input: ({ context }) => ({ id: context.id }),
        onDone: [
          {
            guard: { type: 'orderIsFinal', params: ({ event }) => event.output },
            target: 'done',
            actions: { type: 'recordAnswer', params: ({ event }) => event.output },
          },
          {
            target: 'waiting',
            actions: { type: 'recordAnswer', params: ({ event }) => event.output },
          },
        ],
        onError: [
          {
            guard: { type: 'mayRetry', params: ({ event }) => ({ error: event.error }) },
            target: 'waiting',
            actions: {
              type: 'recordRetriableError',
              params: ({ event }) => ({ error: event.error }),
            },
          },
          {
            target: 'failed',
            actions: { type: 'recordFatalError', params: ({ event }) => ({ error: event.error }) },
          },
        ],
      },
    },
    waiting: {
      after: { pollDelay: 'fetching' },
    },
    done: { type: 'final' },
    failed: { type: 'final' },
  },
  output: ({ context }) =>
    context.error === undefined
      ? { order: context.order }
      : { order: context.order, error: context.error },
});
