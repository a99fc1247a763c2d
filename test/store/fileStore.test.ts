import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createFileStore,
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  type SnapshotRecord,
  SnapshotStoreError,
} from '../../src/store/file.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'covage-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const record = (id: string, state = 'created'): SnapshotRecord => ({
  format: SNAPSHOT_FORMAT,
  version: SNAPSHOT_VERSION,
  id,
  sessionId: `api-${id}`,
  state,
  savedAt: new Date().toISOString(),
  snapshot: { status: 'active', value: state, context: {} },
});

describe('the file store', () => {
  it('saves and loads a record, one JSON file per session, leaving no temporary file', async () => {
    const store = createFileStore(dir);
    await store.save(record('s1'));
    await store.save(record('s1', 'in_progress'));
    expect(await store.load('s1')).toMatchObject({ id: 's1', state: 'in_progress' });
    expect(await readdir(dir)).toEqual(['s1.json']);
    expect(await store.list()).toEqual([
      expect.objectContaining({ id: 's1', sessionId: 'api-s1' }),
    ]);
    expect(await store.load('missing')).toBeUndefined();
  });

  it('keeps the previous snapshot when a write dies before its rename', async () => {
    const store = createFileStore(dir);
    await store.save(record('s1', 'created'));
    // What a kill in the middle of a write leaves behind: a partial temporary file.
    await writeFile(join(dir, '.s1.999.deadbeef.tmp'), '{"format":"covage-orders/sess');
    expect(await store.load('s1')).toMatchObject({ state: 'created' });
    expect(await store.list()).toHaveLength(1);
  });

  it('reports a damaged file clearly instead of crashing', async () => {
    const store = createFileStore(dir);
    await writeFile(join(dir, 's1.json'), '{"format": "covage-orders/session-snapshot", "vers');
    const error = await store.load('s1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SnapshotStoreError);
    expect(error).toMatchObject({ code: 'corrupt' });
    expect((error as Error).message).toContain('s1.json');
  });

  it('refuses a foreign file and a snapshot of another format version', async () => {
    const store = createFileStore(dir);
    await writeFile(join(dir, 'other.json'), JSON.stringify({ hello: 'world' }));
    await writeFile(join(dir, 'old.json'), JSON.stringify({ ...record('old'), version: 0 }));
    await expect(store.load('other')).rejects.toMatchObject({ code: 'foreign' });
    await expect(store.load('old')).rejects.toMatchObject({ code: 'version' });
  });

  it('refuses ids that could escape its directory', async () => {
    const store = createFileStore(dir);
    await expect(store.save(record('../escape'))).rejects.toMatchObject({ code: 'invalid_id' });
    await expect(store.load('../../etc/passwd')).rejects.toMatchObject({ code: 'invalid_id' });
  });

  it('writes files only the owner can read', async () => {
    const store = createFileStore(join(dir, 'nested'));
    await store.save(record('s1'));
    const text = await readFile(join(dir, 'nested', 's1.json'), 'utf8');
    expect(JSON.parse(text)).toMatchObject({ id: 's1' });
    const { statSync } = await import('node:fs');
    expect(statSync(join(dir, 'nested', 's1.json')).mode & 0o077).toBe(0);
  });
});
