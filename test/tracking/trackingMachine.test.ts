import { describe, expect, it } from 'vitest';
import { createActor, fromPromise, SimulatedClock } from 'xstate';
import { type TrackedOrder, trackingMachine } from '../../machines/tracking/index.js';
import { CovageAuthError, CovageHttpError } from '../../src/http/errors.js';
import { followOrder } from '../../src/tracking/follow.js';
import type { NormalizedOrder, OrderStatus } from '../../src/tracking/types.js';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function order(status: OrderStatus, providerStatus: string, updatedAt?: string): NormalizedOrder {
  return {
    provider: 'covage',
    id: 'ORD-1',
    reference: 'ORD-1',
    customerReference: null,
    status,
    providerStatus,
    ...(updatedAt ? { updatedAt } : {}),
    raw: {},
  };
}

/** A fetch answering from a script; each poll takes the next answer (the last one repeats). */
function scripted(answers: (NormalizedOrder | Error)[]) {
  const calls: string[] = [];
  const actor = fromPromise<TrackedOrder, { id: string }>(async ({ input }) => {
    calls.push(input.id);
    const answer = answers[Math.min(calls.length - 1, answers.length - 1)] as
      | NormalizedOrder
      | Error;
    if (answer instanceof Error) throw answer;
    return answer;
  });
  return { actor, calls };
}

function start(answers: (NormalizedOrder | Error)[], input: Record<string, number> = {}) {
  const clock = new SimulatedClock();
  const fetch = scripted(answers);
  const actor = createActor(trackingMachine.provide({ actors: { fetchOrder: fetch.actor } }), {
    input: { id: 'ORD-1', intervalMs: 100, maxIntervalMs: 1000, backoffFactor: 2, ...input },
    clock,
  });
  const changes: string[] = [];
  const failures: number[] = [];
  actor.on('order.changed', (event) => changes.push(event.order.providerStatus ?? ''));
  actor.on('order.poll_failed', (event) => failures.push(event.retryInMs));
  actor.start();
  return { actor, clock, calls: fetch.calls, changes, failures };
}

describe('the tracking machine', () => {
  it('follows an order to its final status, emitting each change once', async () => {
    const run = start([
      order('pending', 'confirmed'),
      order('pending', 'confirmed'),
      order('in_progress', 'in_progress'),
      order('completed', 'active'),
    ]);
    await flush();
    for (let step = 0; step < 5 && run.actor.getSnapshot().status === 'active'; step++) {
      run.clock.increment(1000);
      await flush();
    }
    expect(run.changes).toEqual(['confirmed', 'in_progress', 'active']);
    expect(run.actor.getSnapshot().value).toBe('done');
    expect(run.actor.getSnapshot().output?.order?.providerStatus).toBe('active');
  });

  it('waits longer after each poll that saw no change, and the base interval after a change', async () => {
    const run = start([
      order('pending', 'confirmed'),
      order('pending', 'confirmed'),
      order('pending', 'confirmed'),
      order('in_progress', 'in_progress'),
      order('in_progress', 'in_progress'),
    ]);
    await flush();
    expect(run.calls.length).toBe(1);
    run.clock.increment(100); // first delay: the interval
    await flush();
    expect(run.calls.length).toBe(2);
    run.clock.increment(199); // unchanged: the delay doubled to 200
    await flush();
    expect(run.calls.length).toBe(2);
    run.clock.increment(1);
    await flush();
    expect(run.calls.length).toBe(3);
    run.clock.increment(400); // unchanged again: 400
    await flush();
    expect(run.calls.length).toBe(4);
    expect(run.changes).toEqual(['confirmed', 'in_progress']);
    run.clock.increment(100); // a change: back to the interval
    await flush();
    expect(run.calls.length).toBe(5);
    run.actor.stop();
  });

  it('never waits longer than the longest interval', async () => {
    const run = start([order('pending', 'confirmed')], { maxIntervalMs: 300 });
    await flush();
    for (let i = 0; i < 6; i++) {
      run.clock.increment(300);
      await flush();
    }
    expect(run.calls.length).toBe(7);
    run.actor.stop();
  });

  it('retries a retriable failure with backoff and reports it', async () => {
    const run = start([
      new CovageHttpError(503, 'GET', '/api/v1/order/', null),
      order('completed', 'active'),
    ]);
    await flush();
    expect(run.failures).toEqual([200]);
    run.clock.increment(200);
    await flush();
    expect(run.changes).toEqual(['active']);
    expect(run.actor.getSnapshot().value).toBe('done');
  });

  it('stops at once on a failure that repeating cannot fix', async () => {
    const error = new CovageAuthError('the token was refused', 401);
    const run = start([error]);
    await flush();
    expect(run.actor.getSnapshot().value).toBe('failed');
    expect(run.actor.getSnapshot().output?.error).toBe(error);
  });

  it('gives up after too many failures in a row', async () => {
    const run = start([new CovageHttpError(502, 'GET', '/x', null)], { maxConsecutiveErrors: 3 });
    for (let i = 0; i < 5; i++) {
      await flush();
      run.clock.increment(1000);
    }
    await flush();
    expect(run.calls.length).toBe(3);
    expect(run.actor.getSnapshot().value).toBe('failed');
  });
});

describe('followOrder', () => {
  it('yields the order now, then each change, and ends after the final status', async () => {
    const answers = [
      order('pending', 'confirmed'),
      order('in_progress', 'in_progress'),
      order('in_progress', 'in_progress', '2025-01-02T00:00:00.000Z'),
      order('cancelled', 'cancelled'),
    ];
    let call = 0;
    const seen: string[] = [];
    for await (const update of followOrder(
      async () => answers[call++] as NormalizedOrder,
      'ORD-1',
      {
        intervalMs: 1,
        maxIntervalMs: 1,
      },
    )) {
      seen.push(`${update.providerStatus}@${update.updatedAt ?? '-'}`);
    }
    expect(seen).toEqual([
      'confirmed@-',
      'in_progress@-',
      'in_progress@2025-01-02T00:00:00.000Z',
      'cancelled@-',
    ]);
  });

  it('throws the error that stopped it', async () => {
    const follow = followOrder(
      async () => {
        throw new CovageHttpError(404, 'GET', '/api/v1/order/', null);
      },
      'ORD-1',
      { intervalMs: 1 },
    );
    await expect(
      (async () => {
        for await (const _ of follow) {
          // nothing
        }
      })(),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('stops polling when the loop is left, and aborts the fetch in flight', async () => {
    let signal: AbortSignal | undefined;
    let calls = 0;
    const follow = followOrder(
      async (_id, options) => {
        calls++;
        if (calls === 1) return order('pending', 'confirmed');
        signal = options.signal;
        return new Promise<NormalizedOrder>(() => undefined);
      },
      'ORD-1',
      { intervalMs: 1 },
    );
    for await (const _ of follow) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      break;
    }
    expect(signal?.aborted).toBe(true);
    const after = calls;
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(calls).toBe(after);
  });

  it('ends with an abort error when the signal aborts', async () => {
    const controller = new AbortController();
    const follow = followOrder(async () => order('pending', 'confirmed'), 'ORD-1', {
      intervalMs: 1,
      signal: controller.signal,
    });
    await expect(
      (async () => {
        for await (const _ of follow) controller.abort();
      })(),
    ).rejects.toMatchObject({ kind: 'aborted' });
  });
});
