/**
 * A line's POST waits for a stored snapshot that holds the session's id, not for one showing that
 * POST under way. So a process can die after lines were sent but before any stored snapshot
 * showed them: the resumed session must find those lines in the API, never send them again.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from 'xstate';
import {
  createOrderSession,
  type OrderSession,
  resumeOrderSession,
  unsentLines,
} from '../../src/runtime/index.js';
import { assembleSnapshot } from '../../src/runtime/sessionSaves.js';
import { createMemoryStore, type SnapshotStore } from '../../src/store/index.js';
import { completeLine } from '../helpers/lines.js';
import {
  linesByExternalId,
  ROUTES,
  startTestSandbox,
  type TestSandbox,
  testClient,
} from '../helpers/sandbox.js';

const options = { poll: { initialDelayMs: 5, maxDelayMs: 20 }, syncDelayMs: 5, concurrency: 2 };
const LINES = 5;

let sandbox: TestSandbox;
beforeEach(async () => {
  sandbox = await startTestSandbox();
});
afterEach(async () => {
  await sandbox.close();
});

/**
 * A store whose disk stalls once it holds the session id: every later save is lost, as saves
 * still under way are when the process dies.
 */
function stallingStore() {
  const memory = createMemoryStore();
  let stalled = false;
  const store: SnapshotStore = {
    async write(change) {
      if (stalled) return;
      await memory.write(change);
      if (change.header.sessionId) stalled = true;
    },
    load: (id) => memory.load(id),
    list: () => memory.list(),
    remove: (id) => memory.remove(id),
  };
  return { store, memory };
}

function allSynced(session: OrderSession) {
  return waitFor(session.actor, (s) => s.context.counts.synced === LINES, { timeout: 5_000 });
}

async function expectEachLineOnce(sessionId: string | null) {
  const held = await sandbox.session(sessionId ?? '');
  const byExternalId = linesByExternalId(held);
  expect(byExternalId.size).toBe(LINES);
  for (const [, lines] of byExternalId) expect(lines).toHaveLength(1);
}

describe('lines sent after the last stored snapshot', () => {
  it('are found on resume, not created again', async () => {
    const { store, memory } = stallingStore();
    const first = createOrderSession({ api: testClient(sandbox), store, options });
    for (let n = 0; n < LINES; n++) first.addLine(completeLine({ outcome: 'acknowledged' }));
    first.start();
    await allSynced(first);
    first.actor.stop(); // the process dies: no snapshot shows any line created
    const stored = await memory.load(first.id);
    expect(stored && unsentLines(assembleSnapshot(stored)).size).toBe(LINES);
    expect(await sandbox.count(ROUTES.createLine)).toBe(LINES);

    const resumed = await resumeOrderSession(memory, first.id, {
      api: testClient(sandbox),
      options,
    });
    const reconciled: boolean[] = [];
    resumed.on('line.created', (event) => reconciled.push(event.reconciled));
    await allSynced(resumed);
    expect(reconciled).toEqual(Array(LINES).fill(true));
    // The restored lines looked for themselves in one read of the session.
    expect(await sandbox.count(ROUTES.getSession)).toBe(1);
    resumed.confirm();
    const result = await resumed.settled();
    expect(result.state).toBe('completed');
    expect(await sandbox.count(ROUTES.createLine)).toBe(LINES);
    await expectEachLineOnce(result.sessionId);
  });

  it('finishes with each line once when the process died with some lines sent and others not', async () => {
    const { store, memory } = stallingStore();
    let answered = 0;
    let first: OrderSession | null = null;
    let died = () => {};
    const death = new Promise<void>((resolve) => {
      died = resolve;
    });
    const dyingAfterTwoLines: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      const response = await fetch(request);
      if (request.method === 'POST' && request.url.includes('product_order_item')) {
        if (++answered === 2) {
          first?.actor.stop();
          died();
          throw new TypeError('the process died before reading the answer');
        }
      }
      return response;
    };
    first = createOrderSession({
      api: testClient(sandbox, { fetch: dyingAfterTwoLines, retry: false }),
      store,
      options: { ...options, concurrency: 1 },
    });
    for (let n = 0; n < LINES; n++) first.addLine(completeLine({ outcome: 'acknowledged' }));
    first.confirm();
    await death;
    expect(await sandbox.count(ROUTES.createLine)).toBe(2);

    const resumed = await resumeOrderSession(memory, first.id, {
      api: testClient(sandbox),
      options,
    });
    const result = await resumed.settled();
    expect(result.state).toBe('completed');
    expect(await sandbox.count(ROUTES.createLine)).toBe(LINES);
    expect(await sandbox.count(ROUTES.confirm)).toBe(1);
    await expectEachLineOnce(result.sessionId);
  });

  it('sends no line before a stored snapshot holds the session id', async () => {
    const memory = createMemoryStore();
    let storedWhenFirstLineLeft: string | null | undefined;
    let sessionKey = '';
    const watching: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      const isLine = request.method === 'POST' && request.url.includes('product_order_item');
      if (isLine && storedWhenFirstLineLeft === undefined)
        storedWhenFirstLineLeft = (await memory.load(sessionKey))?.sessionId ?? null;
      return fetch(request);
    };
    // A slow disk: each save lands a while after it was asked for.
    const slow: SnapshotStore = {
      write: async (change) => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        await memory.write(change);
      },
      load: (id) => memory.load(id),
      list: () => memory.list(),
      remove: (id) => memory.remove(id),
    };
    const session = createOrderSession({
      api: testClient(sandbox, { fetch: watching }),
      store: slow,
      options,
    });
    sessionKey = session.id;
    for (let n = 0; n < LINES; n++) session.addLine(completeLine({ outcome: 'acknowledged' }));
    session.confirm();
    const result = await session.settled();
    expect(result.state).toBe('completed');
    expect(storedWhenFirstLineLeft).toBe(result.sessionId);
  });

  it('a line added after the session was stored is saved before its POST: a crash right after that POST loses nothing', async () => {
    const memory = createMemoryStore();
    let crashed = false;
    // A slow disk that loses what it had not finished writing when the process died.
    const slow: SnapshotStore = {
      write: async (change) => {
        await new Promise((resolve) => setTimeout(resolve, 150));
        if (!crashed) await memory.write(change);
      },
      load: (id) => memory.load(id),
      list: () => memory.list(),
      remove: (id) => memory.remove(id),
    };
    const first = createOrderSession({ api: testClient(sandbox), store: slow, options });
    for (let n = 0; n < LINES - 1; n++) first.addLine(completeLine({ outcome: 'acknowledged' }));
    first.start();
    await waitFor(first.actor, (s) => s.context.counts.synced === LINES - 1, { timeout: 5_000 });
    const late = first.addLine(completeLine({ outcome: 'acknowledged' }));
    // The process dies as soon as the late line's POST has reached the API.
    for (let n = 0; n < 500 && (await sandbox.count(ROUTES.createLine)) < LINES; n++)
      await new Promise((resolve) => setTimeout(resolve, 5));
    crashed = true;
    first.actor.stop();
    expect(await sandbox.count(ROUTES.createLine)).toBe(LINES);

    const resumed = await resumeOrderSession(memory, first.id, {
      api: testClient(sandbox),
      options,
    });
    expect(resumed.lineState(late)).toBeDefined();
    resumed.confirm();
    const result = await resumed.settled();
    expect(result.state).toBe('completed');
    expect(result.lines).toHaveLength(LINES);
    expect(await sandbox.count(ROUTES.createLine)).toBe(LINES);
    await expectEachLineOnce(result.sessionId);
  });
});
