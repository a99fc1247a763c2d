/**
 * A process can die at any moment. For every point where the session saves its snapshot, and
 * for every write whose answer arrives, these tests kill the session there, restore it from the
 * store into a new actor with a new client, and finish: the sandbox must then hold each intended
 * line exactly once, and the session must reach its outcome.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOrderSession, resumeOrderSession } from '../../src/runtime/index.js';
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
const LINES = 3;

let sandbox: TestSandbox;
beforeEach(async () => {
  sandbox = await startTestSandbox();
});
afterEach(async () => {
  await sandbox.close();
});

/** A store that, once "the process died", writes nothing more. */
function crashableStore(inner: SnapshotStore, onSave: (count: number) => void) {
  let saves = 0;
  const state = { dead: false };
  const store: SnapshotStore = {
    ...inner,
    async write(change) {
      if (state.dead) return;
      await inner.write(change);
      saves++;
      onSave(saves);
    },
    load: (id) => inner.load(id),
    list: () => inner.list(),
    remove: (id) => inner.remove(id),
  };
  return { store, state };
}

interface Run {
  store: SnapshotStore;
  id: string;
  saves: number;
  killed: boolean;
}

/** Runs a session; kills it after the k-th save, or when the answer of the w-th write arrives. */
async function runAndKill(kill: { afterSave?: number; atWriteAnswer?: number }): Promise<Run> {
  const memory = createMemoryStore();
  let killSession = () => {};
  let killed = false;
  const { store, state } = crashableStore(memory, (count) => {
    if (count === kill.afterSave) killSession();
  });
  let writes = 0;
  const watching: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const response = await fetch(request);
    if (request.method !== 'GET' && ++writes === kill.atWriteAnswer) {
      killSession();
      throw new TypeError('the process died before reading the answer');
    }
    return response;
  };
  const session = createOrderSession({
    api: testClient(sandbox, { fetch: watching }),
    store,
    options,
  });
  killSession = () => {
    if (killed) return;
    killed = true;
    state.dead = true;
    session.actor.stop();
  };
  for (let n = 0; n < LINES; n++) session.addLine(completeLine({ outcome: 'acknowledged' }));
  session.confirm();
  const saves = { count: 0 };
  await Promise.race([
    session.settled().catch(() => undefined),
    new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (killed) {
          clearInterval(timer);
          resolve();
        }
      }, 2);
    }),
  ]);
  saves.count = (await memory.list()).length;
  return { store: memory, id: session.id, saves: saves.count, killed };
}

async function expectExactlyOnce(sessionId: string | null) {
  const state = await sandbox.state();
  expect(state.sessions.filter((session) => session.product_order_item.length > 0)).toHaveLength(1);
  const held = state.sessions.find((session) => session.id === sessionId);
  const byExternalId = linesByExternalId(held);
  expect(byExternalId.size).toBe(LINES);
  for (const [, lines] of byExternalId) expect(lines).toHaveLength(1);
}

async function countSaves(): Promise<number> {
  let saves = 0;
  const store = createMemoryStore();
  const counting: SnapshotStore = {
    ...store,
    write: async (change) => {
      saves++;
      await store.write(change);
    },
    load: store.load,
    list: store.list,
    remove: store.remove,
  };
  const session = createOrderSession({ api: testClient(sandbox), store: counting, options });
  for (let n = 0; n < LINES; n++) session.addLine(completeLine({ outcome: 'acknowledged' }));
  session.confirm();
  await session.settled();
  await sandbox.close();
  sandbox = await startTestSandbox();
  return saves;
}

describe('a session killed and resumed', () => {
  it('finishes without a duplicate line, whichever save it died after', async () => {
    const total = await countSaves();
    expect(total).toBeGreaterThan(5);
    for (let k = 1; k <= total; k++) {
      const run = await runAndKill({ afterSave: k });
      const resumed = await resumeOrderSession(run.store, run.id, {
        api: testClient(sandbox),
        options,
      });
      const result = await resumed.settled();
      expect(result.state, `killed after save ${k}`).toBe('completed');
      await expectExactlyOnce(result.sessionId);
      expect(await sandbox.count(ROUTES.confirm)).toBe(1);
      await sandbox.close();
      sandbox = await startTestSandbox();
    }
  });

  it('finishes without a duplicate line when it died before reading the answer of any write', async () => {
    // 1 session + 3 lines + 1 confirmation.
    for (let w = 1; w <= LINES + 2; w++) {
      const run = await runAndKill({ atWriteAnswer: w });
      expect(run.killed).toBe(true);
      const resumed = await resumeOrderSession(run.store, run.id, {
        api: testClient(sandbox),
        options,
      });
      const result = await resumed.settled();
      expect(result.state, `killed at the answer of write ${w}`).toBe('completed');
      await expectExactlyOnce(result.sessionId);
      expect(await sandbox.count(ROUTES.confirm), `confirmations after write ${w}`).toBe(1);
      await sandbox.close();
      sandbox = await startTestSandbox();
    }
  });

  it('reconciles a creation whose connection was reset after the server created the line', async () => {
    let tagged = false;
    const resetOnce: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      if (!tagged && request.method === 'POST' && request.url.includes('product_order_item')) {
        tagged = true;
        request.headers.set('X-Sandbox-Fault', 'reset-after');
      }
      return fetch(request);
    };
    const session = createOrderSession({ api: testClient(sandbox, { fetch: resetOnce }), options });
    const reconciled: boolean[] = [];
    session.on('line.created', (event) => reconciled.push(event.reconciled));
    for (let n = 0; n < LINES; n++) session.addLine(completeLine({ outcome: 'acknowledged' }));
    session.confirm();
    const result = await session.settled();
    expect(result.state).toBe('completed');
    expect(reconciled.filter(Boolean)).toHaveLength(1);
    expect(await sandbox.count(ROUTES.createLine)).toBe(LINES);
    await expectExactlyOnce(result.sessionId);
  });

  it('re-creates a line whose connection was reset before the server saw it', async () => {
    let tagged = false;
    const resetOnce: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      if (!tagged && request.method === 'POST' && request.url.includes('product_order_item')) {
        tagged = true;
        request.headers.set('X-Sandbox-Fault', 'reset-before');
      }
      return fetch(request);
    };
    const session = createOrderSession({ api: testClient(sandbox, { fetch: resetOnce }), options });
    for (let n = 0; n < LINES; n++) session.addLine(completeLine({ outcome: 'acknowledged' }));
    session.confirm();
    const result = await session.settled();
    expect(result.state).toBe('completed');
    expect(await sandbox.count(ROUTES.createLine)).toBe(LINES + 1);
    await expectExactlyOnce(result.sessionId);
  });
});
