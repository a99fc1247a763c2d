/**
 * `tracker.follow(id)`: runs the tracking machine with the tracker's `get` as its fetch, and turns
 * its `order.changed` events into an async iterable. Stopping the loop (break) or aborting the
 * signal stops the machine, which aborts the fetch in flight.
 */
import { type ActorOptions, createActor, fromPromise } from 'xstate';
import { type TrackingOutput, trackingMachine } from '../../machines/tracking/index.js';
import { CovageAbortError } from '../http/errors.js';
import type { CallOptions, FollowOptions, NormalizedOrder } from './types.js';

/** XState's clock (`setTimeout`/`clearTimeout`), e.g. a `SimulatedClock`. */
export type XStateClock = NonNullable<ActorOptions<typeof trackingMachine>['clock']>;

export interface FollowRunOptions extends FollowOptions {
  /** XState clock for the poll delays (a `SimulatedClock` in tests). */
  clock?: XStateClock;
}

export type GetOrder<Raw> = (id: string, options: CallOptions) => Promise<NormalizedOrder<Raw>>;

export function followOrder<Raw>(
  get: GetOrder<Raw>,
  id: string,
  options: FollowRunOptions = {},
): AsyncIterable<NormalizedOrder<Raw>> {
  return {
    [Symbol.asyncIterator]: () => run(get, id, options)[Symbol.asyncIterator](),
  };
}

async function* run<Raw>(
  get: GetOrder<Raw>,
  id: string,
  options: FollowRunOptions,
): AsyncGenerator<NormalizedOrder<Raw>> {
  const { signal, clock, ...settings } = options;
  const abortError = () => new CovageAbortError('GET', `follow ${id}`);
  if (signal?.aborted) throw abortError();

  const machine = trackingMachine.provide({
    actors: {
      fetchOrder: fromPromise(({ input, signal: actorSignal }) =>
        get(input.id, { signal: actorSignal }),
      ),
    },
  });
  const actor = createActor(machine, {
    input: { id, ...settings },
    ...(clock ? { clock } : {}),
  });

  const queue: NormalizedOrder<Raw>[] = [];
  let finished = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const notify = () => {
    const resolve = wake;
    wake = undefined;
    resolve?.();
  };

  actor.on('order.changed', (event) => {
    queue.push(event.order as NormalizedOrder<Raw>);
    notify();
  });
  actor.subscribe({
    complete: () => {
      finished = true;
      const output = actor.getSnapshot().output as TrackingOutput | undefined;
      if (output && 'error' in output) failure = output.error;
      notify();
    },
    error: (error) => {
      finished = true;
      failure = error;
      notify();
    },
  });
  const onAbort = () => {
    finished = true;
    failure = abortError();
    actor.stop();
    notify();
  };
  signal?.addEventListener('abort', onAbort, { once: true });

  try {
    actor.start();
    while (true) {
      const next = queue.shift();
      if (next) {
        yield next;
        continue;
      }
      if (finished) {
        if (failure !== undefined) throw failure;
        return;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    actor.stop();
  }
}
