/**
 * The outcome deadline without the session read counts from the confirmation's answer, stored
 * with the session (file store), not from the process that follows it: a session resumed after
 * its deadline ends `outcome_unknown` at once, without a look; one resumed before it waits only
 * the rest. The sandbox (real HTTP) never tells the outcome within the test; the time between
 * stop and resume passes on the wall clock (`Date.now` moved forward), the resumed session's
 * timers on a SimulatedClock.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SimulatedClock, waitFor } from 'xstate';
import { createOrderSession, resumeOrderSession } from '../../src/runtime/index.js';
import { createFileStore } from '../../src/store/file.js';
import { completeLine } from '../helpers/lines.js';
import { startTestSandbox, type TestSandbox, testClient } from '../helpers/sandbox.js';

const HOUR = 60 * 60 * 1000;
const MINUTE = 60 * 1000;
const TRACKING = 'GET /api/v1/order/';

let sandbox: TestSandbox;
let dir: string;
beforeEach(async () => {
  sandbox = await startTestSandbox({
    readSessionEndpoint: false,
    exportIntervalMs: 1000,
    exportDurationMs: 50,
    // Longer than any clock move below: no order appears, every line stays unknown.
    outcomeDelayMs: 100 * HOUR,
  });
  dir = await mkdtemp(join(tmpdir(), 'covage-deadline-'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await sandbox.close();
  await rm(dir, { recursive: true, force: true });
});

/** A client on the sandbox; `sent` gets each request it sends (still real HTTP). */
const api = (sent?: string[]) =>
  testClient(sandbox, {
    sessionRead: 'off',
    exportIntervalMs: 1000,
    ...(sent
      ? {
          fetch: (input: RequestInfo | URL, init?: RequestInit) => {
            const request = new Request(input, init);
            // (A call restored with the snapshot and stopped at once is aborted before it leaves.)
            if (!request.signal.aborted)
              sent.push(`${request.method} ${new URL(request.url).pathname}`);
            return fetch(request);
          },
        }
      : {}),
  });

/** A session confirmed and following its outcome, stopped there; its store key. */
async function followedThenStopped(): Promise<string> {
  const session = createOrderSession({
    api: api(),
    store: createFileStore(dir),
    options: {
      poll: { initialDelayMs: 20, maxDelayMs: 200 },
      syncDelayMs: 5,
      outcomeDeadlineMs: HOUR,
    },
  });
  session.addLine(completeLine());
  session.addLine(completeLine());
  session.confirm();
  await waitFor(session.actor, (s) => s.matches({ in_progress: 'following' }), { timeout: 20_000 });
  expect(session.actor.getSnapshot().context.confirmedAt).toEqual(expect.any(Number));
  await session.stop();
  return session.id;
}

/** The wall clock, `ms` later than it is. */
function later(ms: number): void {
  const now = Date.now.bind(Date);
  vi.spyOn(Date, 'now').mockImplementation(() => now() + ms);
}

describe('the outcome deadline is stored with the session', () => {
  it('a session resumed after its deadline ends outcome_unknown at once, without looking again', async () => {
    const id = await followedThenStopped();
    later(HOUR + MINUTE);
    const sent: string[] = [];
    const session = await resumeOrderSession(createFileStore(dir), id, { api: api(sent) });
    const snapshot = session.actor.getSnapshot();
    expect(snapshot.value).toBe('outcome_unknown');
    const result = await session.settled();
    expect(result.state).toBe('outcome_unknown');
    expect(result.lines.map((line) => line.machineState)).toEqual([
      'outcome_unknown',
      'outcome_unknown',
    ]);
    // Not one request: no look in order tracking or the export.
    expect(sent).toEqual([]);
    // Stored as it ended.
    expect((await createFileStore(dir).load(id))?.state).toBe('outcome_unknown');
  });

  it('a session resumed before its deadline waits only the rest of it', async () => {
    const id = await followedThenStopped();
    later(50 * MINUTE);
    const clock = new SimulatedClock();
    // It looks again (order tracking) before the rest of the deadline has passed.
    const sent: string[] = [];
    const session = await resumeOrderSession(createFileStore(dir), id, {
      api: api(sent),
      clock,
    });
    expect(session.actor.getSnapshot().matches({ in_progress: 'following' })).toBe(true);
    await vi.waitFor(() => expect(sent).toContain(TRACKING));
    clock.increment(5 * MINUTE);
    expect(session.actor.getSnapshot().matches({ in_progress: 'following' })).toBe(true);
    // About 10 minutes were left: 11 minutes after the resume, the deadline has passed.
    clock.increment(6 * MINUTE);
    expect(session.actor.getSnapshot().value).toBe('outcome_unknown');
    const result = await session.settled();
    expect(result.state).toBe('outcome_unknown');
    expect(result.lines.every((line) => line.machineState === 'outcome_unknown')).toBe(true);
  });
});
