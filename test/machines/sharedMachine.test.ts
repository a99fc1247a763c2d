/**
 * Sessions on one client share one machine (building a machine per session cost more memory than
 * the lines); each session still saves to its own store and waits for its own saves.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from 'xstate';
import { createOrderSession, resumeOrderSession } from '../../src/runtime/index.js';
import { createMemoryStore, type SnapshotStore } from '../../src/store/index.js';
import { completeLine } from '../helpers/lines.js';
import { startTestSandbox, type TestSandbox, testClient } from '../helpers/sandbox.js';

const options = { poll: { initialDelayMs: 5, maxDelayMs: 20 }, syncDelayMs: 5, concurrency: 2 };

let sandbox: TestSandbox;
beforeEach(async () => {
  sandbox = await startTestSandbox();
});
afterEach(async () => {
  await sandbox.close();
});

/** A memory store that remembers which session ids it was asked to save. */
function watchedStore() {
  const memory = createMemoryStore();
  const saved = new Set<string>();
  const store: SnapshotStore = {
    async write(change) {
      saved.add(change.header.id);
      await memory.write(change);
    },
    load: (id) => memory.load(id),
    list: () => memory.list(),
    remove: (id) => memory.remove(id),
  };
  return { store, saved };
}

describe('sessions on one client', () => {
  it('share one machine, and each saves to its own store only', async () => {
    const api = testClient(sandbox);
    const a = watchedStore();
    const b = watchedStore();
    const first = createOrderSession({ api, store: a.store, options });
    const second = createOrderSession({ api, store: b.store, options });
    expect(first.actor.logic).toBe(second.actor.logic);
    for (const session of [first, second]) {
      for (let n = 0; n < 3; n++) session.addLine(completeLine({ outcome: 'acknowledged' }));
      session.confirm();
    }
    const results = await Promise.all([first.settled(), second.settled()]);
    expect(results.map((result) => result.state)).toEqual(['completed', 'completed']);
    expect([...a.saved]).toEqual([first.id]);
    expect([...b.saved]).toEqual([second.id]);
  });

  it('a session resumed on a client already in use finishes with its own store', async () => {
    const api = testClient(sandbox);
    const stored = watchedStore();
    const busy = createOrderSession({ api, options });
    busy.addLine(completeLine({ outcome: 'acknowledged' }));
    const interrupted = createOrderSession({ api, store: stored.store, options });
    interrupted.addLine(completeLine({ outcome: 'acknowledged' }));
    interrupted.start();
    await waitFor(
      interrupted.actor,
      (s) => s.matches('created') && s.context.cursor === s.context.nextNumber,
    );
    await interrupted.stop();

    const resumed = await resumeOrderSession(stored.store, interrupted.id, { api, options });
    expect(resumed.actor.logic).toBe(busy.actor.logic);
    resumed.confirm();
    const result = await resumed.settled();
    expect(result.state).toBe('completed');
    expect([...stored.saved]).toEqual([interrupted.id]);
    await busy.stop();
  });
});
