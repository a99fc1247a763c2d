/**
 * A runner that loses its session's lease sends nothing more and stores nothing more: the check
 * comes before every write request and every save, and the session stops at once.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileLeases } from '../../src/lease/fileLeases.js';
import { LeaseLostError } from '../../src/lease/leaseLostError.js';
import { createOrderSession, resumeOrderSession } from '../../src/runtime/index.js';
import { createMemoryStore } from '../../src/store/index.js';
import { completeLine } from '../helpers/lines.js';
import {
  linesByExternalId,
  ROUTES,
  startTestSandbox,
  type TestSandbox,
  testClient,
} from '../helpers/sandbox.js';

const options = { poll: { initialDelayMs: 5, maxDelayMs: 20 }, syncDelayMs: 5, concurrency: 1 };
let sandbox: TestSandbox;
let dir: string;
beforeEach(async () => {
  sandbox = await startTestSandbox({ latencyMs: 60 });
  dir = await mkdtemp(join(tmpdir(), 'covage-lost-'));
});
afterEach(async () => {
  await sandbox.close();
  await rm(dir, { recursive: true, force: true });
});

/** What another runner does when it takes the lease over: a later epoch, the older one removed. */
async function takeOver(key: string, epoch: number) {
  await writeFile(
    join(dir, `${key}.lease-${epoch}`),
    JSON.stringify({
      runner: 'other',
      pid: 1,
      host: 'another-host',
      since: '2026-01-01T00:00:00.000Z',
      epoch,
      ttlMs: 60_000,
      heartbeatAt: Date.now(),
    }),
  );
  await rm(join(dir, `${key}.lease-${epoch - 1}`), { force: true });
}

describe('a runner that lost its lease', () => {
  it('sends no more lines, stores nothing more, and settled() throws LeaseLostError', async () => {
    const store = createMemoryStore();
    const leases = createFileLeases(dir, { ttlMs: 60_000 });
    const lease = await leases.acquire('s-lost');
    const session = createOrderSession({
      id: 's-lost',
      api: testClient(sandbox),
      store,
      lease,
      options,
    });
    const lines = Array.from({ length: 6 }, (_, index) =>
      completeLine({ external_id: `LOST-${index}` }),
    );
    for (const line of lines) session.addLine(line);
    const settled = session.settled();
    session.confirm();
    session.on('line.created', () => {
      void takeOver('s-lost', lease.epoch + 1);
    });
    const error = await settled.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LeaseLostError);
    expect((error as LeaseLostError).reason).toBe('taken');
    expect(session.actor.getSnapshot().status).toBe('stopped');
    const savedAtLoss = store.raw('s-lost');
    const sentAtLoss = await sandbox.count(ROUTES.createLine);
    // One line out (at most one more was already on its way when the lease went).
    expect(sentAtLoss).toBeGreaterThanOrEqual(1);
    expect(sentAtLoss).toBeLessThanOrEqual(2);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await sandbox.count(ROUTES.createLine)).toBe(sentAtLoss);
    expect(await sandbox.count(ROUTES.confirm)).toBe(0);
    expect(store.raw('s-lost')).toBe(savedAtLoss);

    // The other runner gave it up; the next one finishes: each line exactly once.
    await rm(join(dir, `s-lost.lease-${lease.epoch + 1}`));
    const next = await leases.acquire('s-lost');
    const resumed = await resumeOrderSession(store, 's-lost', {
      api: testClient(sandbox),
      lease: next,
    });
    const result = await (async () => {
      const done = resumed.settled();
      resumed.retry();
      resumed.confirm();
      return done;
    })();
    await next.release();
    expect(result.state).toBe('completed');
    const held = linesByExternalId(await sandbox.session(result.sessionId as string));
    for (const line of lines) expect(held.get(line.external_id as string)).toHaveLength(1);
  });
});
