import { afterEach, describe, expect, it } from 'vitest';
import { SimulatedClock, waitFor } from 'xstate';
import { createOrderSession } from '../../src/runtime/index.js';
import { completeLine } from '../helpers/lines.js';
import { ROUTES, startTestSandbox, type TestSandbox, testClient } from '../helpers/sandbox.js';

let sandbox: TestSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
});

describe('following the outcome after confirmation', () => {
  it('reads the session back with backoff, driven by a SimulatedClock', async () => {
    let now = Date.parse('2025-04-23T10:00:00Z');
    sandbox = await startTestSandbox({ clock: { now: () => now }, outcomeDelayMs: 60_000 });
    const clock = new SimulatedClock();
    const session = createOrderSession({
      api: testClient(sandbox),
      clock,
      options: { poll: { initialDelayMs: 1_000, factor: 2, maxDelayMs: 30_000, maxErrors: 3 } },
    });
    session.addLine(completeLine({ outcome: 'acknowledged' }));
    session.confirm();
    const waiting = (s: ReturnType<typeof session.actor.getSnapshot>) =>
      s.matches({ in_progress: 'waiting' });
    await waitFor(session.actor, waiting);
    expect(await sandbox.count(ROUTES.getSession)).toBe(0);

    clock.increment(999);
    expect(session.actor.getSnapshot().matches({ in_progress: 'waiting' })).toBe(true);
    clock.increment(1);
    await waitFor(session.actor, (s) => waiting(s) && s.context.pollAttempt === 1);
    expect(await sandbox.count(ROUTES.getSession)).toBe(1);

    // The outcome is due on the sandbox's clock; the next read is 2 s later on the machine's.
    now += 60_000;
    clock.increment(1_999);
    expect(await sandbox.count(ROUTES.getSession)).toBe(1);
    clock.increment(1);
    const result = await session.settled();
    expect(result.state).toBe('completed');
    expect(await sandbox.count(ROUTES.getSession)).toBe(2);
  });

  it('gives up following after repeated read failures, keeping the confirmed session, and RETRY follows again', async () => {
    sandbox = await startTestSandbox({ outcomeDelayMs: 0 });
    const active = sandbox;
    let failReads = true;
    const failing: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      if (failReads && request.method === 'GET') request.headers.set('X-Sandbox-Fault', '500');
      return fetch(request);
    };
    const session = createOrderSession({
      api: testClient(active, { fetch: failing, retry: false }),
      options: { poll: { initialDelayMs: 2, maxDelayMs: 5, maxErrors: 3 } },
    });
    session.addLine(completeLine({ outcome: 'acknowledged' }));
    session.confirm();
    const failed = await session.settled();
    expect(failed).toMatchObject({ state: 'failed', phase: 'follow' });
    expect(await active.count(ROUTES.confirm)).toBe(1);

    failReads = false;
    session.retry();
    expect((await session.settled()).state).toBe('completed');
    expect(await active.count(ROUTES.confirm)).toBe(1);
  });
});
