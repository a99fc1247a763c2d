/**
 * The persister saves a session after its changes: saves never pile up, background saves of a
 * store that takes time are spaced out by that time, and `flush()` saves at once.
 */
import { describe, expect, it } from 'vitest';
import { Persister, type Writer } from '../../src/runtime/persister.js';

/** What a save of the counter session writes: its version, and whether it was a checkpoint. */
interface Save {
  version: number;
  durable: boolean;
}

/** A store that keeps every save; each takes `ms` (a slow disk). */
function recordingStore(ms = 0) {
  const saved: Save[] = [];
  const started: Save[] = [];
  const store: Writer<Save> = {
    async write(record) {
      started.push(record);
      if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
      saved.push(record);
    },
  };
  return { store, saved, started };
}

/** A session whose state is a counter: `version` is what a save would store. */
function counter() {
  const state = { version: 0 };
  const build = (durable: boolean): Save => ({ version: state.version, durable });
  return { state, build };
}

const versionOf = (record: Save | undefined) => record?.version;

/** Lets pending promise callbacks and immediate timers run. */
async function settle(turns = 5) {
  for (let n = 0; n < turns; n++) await new Promise((resolve) => setImmediate(resolve));
}

describe('the persister', () => {
  it('saves changes made while a save runs once, together, with the latest state', async () => {
    const { store, saved } = recordingStore(5);
    const { state, build } = counter();
    const persister = new Persister(store, build, { spacing: 0 });
    state.version = 1;
    persister.request();
    for (let n = 2; n <= 10; n++) {
      state.version = n;
      persister.request();
    }
    await persister.flush();
    expect(saved.length).toBeLessThanOrEqual(3);
    expect(versionOf(saved.at(-1))).toBe(10);
  });

  it('leaves a background save for later when the last save took time', async () => {
    const { store, started } = recordingStore(2);
    const { state, build } = counter();
    // Spaced by a million times the last save's duration: never, within this test.
    const persister = new Persister(store, build, { spacing: 1_000_000 });
    state.version = 1;
    await persister.flush();
    state.version = 2;
    persister.request();
    await settle();
    expect(started.map(versionOf)).toEqual([1]);
  });

  it('saves at once on flush(), without waiting for the spacing', async () => {
    const { store, saved } = recordingStore(2);
    const { state, build } = counter();
    const persister = new Persister(store, build, { spacing: 1_000_000 });
    await persister.flush();
    state.version = 2;
    persister.request();
    await settle();
    state.version = 3;
    await persister.flush();
    expect(saved.map(versionOf)).toEqual([0, 3]);
  });

  it('tells onSaved each record stored, and onError each failure (flush rejects with it)', async () => {
    const stored: number[] = [];
    const errors: unknown[] = [];
    const { state, build } = counter();
    let failing = false;
    const store: Writer<Save> = {
      async write() {
        if (failing) throw new Error('disk full');
      },
    };
    const persister = new Persister(store, build, {
      onSaved: (record) => stored.push(versionOf(record) ?? -1),
      onError: (error) => errors.push(error),
    });
    state.version = 7;
    await persister.flush();
    failing = true;
    await expect(persister.flush()).rejects.toThrow('disk full');
    expect(stored).toEqual([7]);
    expect(errors).toHaveLength(1);
  });

  it('asks for a durable save when someone waits for it, a background one otherwise', async () => {
    const { store, saved } = recordingStore(0);
    const { state, build } = counter();
    const persister = new Persister(store, build, { spacing: 0 });
    persister.request();
    await settle();
    state.version = 1;
    await persister.flush();
    expect(saved.map((save) => save.durable)).toEqual([false, true]);
  });
});
