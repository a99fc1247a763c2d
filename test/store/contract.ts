/**
 * What every store must do, run against each implementation (memory, file; a database store
 * calls `storeContract` with its own factory): a save writes the header and the changed lines, a
 * complete save replaces the session, load gives back the last header and each line's last record.
 */
import { describe, expect, it } from 'vitest';
import {
  type LineRecord,
  type SessionHeader,
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  type SnapshotStore,
  saveRecord,
} from '../../src/store/snapshotRecord.js';

export function header(
  id: string,
  state = 'created',
  sessionId: string | null = null,
): SessionHeader {
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    id,
    sessionId,
    state,
    savedAt: new Date().toISOString(),
    snapshot: { status: 'active', value: state, context: { state } },
  };
}

export const line = (key: string, value: unknown): LineRecord => ({
  key,
  json: JSON.stringify(value),
});

export function storeContract(
  name: string,
  open: () => Promise<{ store: SnapshotStore; close?(): Promise<void> }>,
  /** False when the store cannot run here (no database server): the tests are skipped. */
  available: () => boolean = () => true,
): void {
  const withStore =
    (run: (store: SnapshotStore) => Promise<void>) => async (context: { skip(): void }) => {
      if (!available()) return context.skip();
      const { store, close } = await open();
      try {
        await run(store);
      } finally {
        await close?.();
      }
    };

  describe(`the ${name} store keeps a header and one record per line`, () => {
    it(
      'gives back the last header and the last record of each line',
      withStore(async (store) => {
        await store.write({
          header: header('s1', 'draft'),
          lines: [line('L1', { n: 1 }), line('L2', { n: 2 })],
          complete: true,
          durable: true,
        });
        await store.write({
          header: header('s1', 'created', 'api-1'),
          lines: [line('L2', { n: 22 })],
          complete: false,
          durable: false,
        });
        await store.write({
          header: header('s1', 'in_progress', 'api-1'),
          lines: [line('L3', { n: 3 })],
          complete: false,
          durable: true,
        });
        const record = await store.load('s1');
        expect(record).toMatchObject({ id: 's1', sessionId: 'api-1', state: 'in_progress' });
        expect(record?.snapshot).toEqual({
          status: 'active',
          value: 'in_progress',
          context: { state: 'in_progress' },
        });
        expect(record?.lines).toEqual({ L1: { n: 1 }, L2: { n: 22 }, L3: { n: 3 } });
        expect(Object.keys(record?.lines ?? {})).toEqual(['L1', 'L2', 'L3']);
      }),
    );

    it(
      'replaces everything it held for a session with a complete save',
      withStore(async (store) => {
        await store.write({
          header: header('s1'),
          lines: [line('L1', { n: 1 }), line('L2', { n: 2 })],
          complete: true,
          durable: true,
        });
        await store.write({
          header: header('s1', 'completed'),
          lines: [line('L2', { n: 20 })],
          complete: true,
          durable: true,
        });
        expect((await store.load('s1'))?.lines).toEqual({ L2: { n: 20 } });
      }),
    );

    it(
      'lists, keeps sessions apart, and forgets a removed one',
      withStore(async (store) => {
        await store.write({
          header: header('a', 'draft'),
          lines: [line('L1', { a: 1 })],
          complete: true,
          durable: true,
        });
        await store.write({
          header: header('b', 'created', 'api-b'),
          lines: [line('L1', { b: 1 })],
          complete: true,
          durable: true,
        });
        const listed = await store.list();
        expect(listed.map((entry) => [entry.id, entry.sessionId, entry.state]).sort()).toEqual([
          ['a', null, 'draft'],
          ['b', 'api-b', 'created'],
        ]);
        expect((await store.load('a'))?.lines).toEqual({ L1: { a: 1 } });
        await store.remove('a');
        await store.remove('never-stored');
        expect(await store.load('a')).toBeUndefined();
        expect((await store.list()).map((entry) => entry.id)).toEqual(['b']);
      }),
    );

    it(
      'keeps a whole record of an older format as it was written',
      withStore(async (store) => {
        const old = { ...header('old'), version: 2, snapshot: { whole: true } };
        await saveRecord(store, old);
        const record = await store.load('old');
        expect(record).toMatchObject({ version: 2, snapshot: { whole: true } });
        expect(record?.lines ?? {}).toEqual({});
      }),
    );

    it(
      'refuses ids that could escape it',
      withStore(async (store) => {
        await expect(
          store.write({ header: header('../escape'), lines: [], complete: true, durable: true }),
        ).rejects.toMatchObject({ code: 'invalid_id' });
        await expect(store.load('../../etc/passwd')).rejects.toMatchObject({
          code: 'invalid_id',
        });
      }),
    );
  });
}
