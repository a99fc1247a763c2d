/**
 * Follows one order until it reaches a final status, emitting `order.changed` on each change.
 *
 * fetching → settled → (final) done
 *                    → waiting --after pollDelay--> fetching
 * fetching --retriable error--> waiting (backoff), --other error or too many--> failed
 *
 * The delay starts at `intervalMs`, grows by `backoffFactor` after each poll that saw no change
 * (and after each failed poll), up to `maxIntervalMs`, and goes back to `intervalMs` after a
 * change. The fetch is the `fetchOrder` actor: provide it (`machine.provide({ actors })`); the
 * trackers in `src/tracking` do. Delays use XState's clock, so a `SimulatedClock` drives them.
 */
import { assign, enqueueActions, fromPromise, setup } from 'xstate';
import { isCovageError } from '../src/http/errors.js';
import type { FollowOptions, NormalizedOrder } from '../src/tracking/types.js';
import { isFinalStatus } from '../src/tracking/types.js';

export interface TrackingInput
  extends Pick<
    FollowOptions,
    'intervalMs' | 'maxIntervalMs' | 'backoffFactor' | 'maxConsecutiveErrors'
  > {
  id: string;
}

export interface TrackingContext {
  id: string;
  order: NormalizedOrder | null;
  delayMs: number;
  consecutiveErrors: number;
  error: unknown;
  settings: Required<Omit<TrackingInput, 'id'>>;
}

export type TrackingEmitted =
  | { type: 'order.changed'; order: NormalizedOrder; previous: NormalizedOrder | null }
  | { type: 'order.poll_failed'; error: unknown; consecutiveErrors: number; retryInMs: number };

export interface TrackingOutput {
  order: NormalizedOrder | null;
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
export function orderChanged(previous: NormalizedOrder | null, next: NormalizedOrder): boolean {
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
    fetchOrder: fromPromise<NormalizedOrder, { id: string }>(async () => {
      throw new Error('trackingMachine: provide the fetchOrder actor');
    }),
  },
  guards: {
    orderIsFinal: ({ context }) => context.order !== null && isFinalStatus(context.order.status),
    mayRetry: ({ context, event }) => {
      const error = (event as { error?: unknown }).error;
      return (
        isCovageError(error) &&
        error.retriable &&
        context.consecutiveErrors + 1 < context.settings.maxConsecutiveErrors
      );
    },
  },
  delays: {
    pollDelay: ({ context }) => context.delayMs,
  },
  actions: {
    recordAnswer: enqueueActions(({ context, event, enqueue }) => {
      const order = (event as unknown as { output: NormalizedOrder }).output;
      if (orderChanged(context.order, order)) {
        enqueue.emit({ type: 'order.changed', order, previous: context.order });
        enqueue.assign({ order, delayMs: context.settings.intervalMs, consecutiveErrors: 0 });
      } else {
        enqueue.assign({ order, delayMs: grow(context), consecutiveErrors: 0 });
      }
    }),
    recordRetriableError: enqueueActions(({ context, event, enqueue }) => {
      const error = (event as { error?: unknown }).error;
      const delayMs = grow(context);
      const consecutiveErrors = context.consecutiveErrors + 1;
      enqueue.emit({ type: 'order.poll_failed', error, consecutiveErrors, retryInMs: delayMs });
      enqueue.assign({ delayMs, consecutiveErrors });
    }),
    recordFatalError: assign({ error: ({ event }) => (event as { error?: unknown }).error }),
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
        src: 'fetchOrder',
        input: ({ context }) => ({ id: context.id }),
        onDone: { target: 'settled', actions: 'recordAnswer' },
        onError: [
          { guard: 'mayRetry', target: 'waiting', actions: 'recordRetriableError' },
          { target: 'failed', actions: 'recordFatalError' },
        ],
      },
    },
    settled: {
      always: [{ guard: 'orderIsFinal', target: 'done' }, { target: 'waiting' }],
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
