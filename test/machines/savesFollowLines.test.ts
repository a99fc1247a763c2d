/**
 * Saves follow the change: after the first save, a save writes the header and the lines that
 * changed since the previous one. Every change of a line (created, edited, confirmed) must reach
 * the store, whichever way the line changed (its own call answered, an event from its session).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from 'xstate';
import { createOrderSession } from '../../src/runtime/index.js';
import { assembleSnapshot } from '../../src/runtime/sessionSaves.js';
import { createMemoryStore } from '../../src/store/index.js';
import { completeLine } from '../helpers/lines.js';
import { startTestSandbox, type TestSandbox, testClient } from '../helpers/sandbox.js';

let sandbox: TestSandbox;
beforeEach(async () => {
  sandbox = await startTestSandbox();
});
afterEach(async () => {
  await sandbox.close();
});

type StoredLine = { value: unknown; context: { lineId: string | null; draft: { note?: string } } };

async function storedLines(store: ReturnType<typeof createMemoryStore>, id: string) {
  const record = await store.load(id);
  if (!record) throw new Error('nothing stored');
  const snapshot = assembleSnapshot(record) as {
    children: { lines: { snapshot: { lines: Record<string, StoredLine> } } };
  };
  return snapshot.children.lines.snapshot.lines;
}

describe('saves follow the change: each line’s change reaches the store', () => {
  it('lines created, then one edited, are stored as they stand after each flush', async () => {
    const store = createMemoryStore();
    const session = createOrderSession({
      api: testClient(sandbox),
      store,
      options: { concurrency: 2, syncDelayMs: 5 },
    });
    try {
      const keys = [0, 1, 2].map((n) => session.addLine(completeLine({ external_id: `S-${n}` })));
      // The first save is complete: every line stored as a local draft.
      await session.flush();
      for (const key of keys)
        expect((await storedLines(store, session.id))[key]?.context.lineId).toBeNull();
      session.start();
      await waitFor(session.actor, (s) => s.context.counts.synced === keys.length);
      await session.flush();
      const created = await storedLines(store, session.id);
      for (const key of keys) expect(created[key]?.context.lineId).toEqual(expect.any(String));
      // An edit of one line, sent once its debounce is over: that line's record changes.
      session.updateLine(keys[1] as string, { note: 'edited' });
      await waitFor(
        session.actor,
        (s) => s.context.counts.synced === keys.length && s.context.counts.pending === 0,
      );
      await waitFor(
        session.actor,
        () => session.lineState(keys[1] as string) === 'created.in_sync',
      );
      await session.flush();
      const edited = await storedLines(store, session.id);
      expect(edited[keys[1] as string]?.context.draft.note).toBe('edited');
      expect(edited[keys[0] as string]?.context.draft.note).toBeUndefined();
    } finally {
      await session.stop();
    }
  });
});
