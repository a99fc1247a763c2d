import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileStore, SNAPSHOT_FORMAT, SnapshotStoreError } from '../../src/store/file.js';
import { journalText, readJournal } from '../../src/store/journal.js';
import { header, line, storeContract } from './contract.js';

storeContract('file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'covage-store-'));
  return {
    store: createFileStore(dir),
    close: () => rm(dir, { recursive: true, force: true }),
  };
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'covage-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const write = (
  id: string,
  lines: ReturnType<typeof line>[],
  complete: boolean,
  state = 'created',
) => ({ header: header(id, state), lines, complete, durable: true }) as const;

describe('the file store: one journal per session', () => {
  it('appends the changed lines only, and leaves no temporary file', async () => {
    const store = createFileStore(dir);
    await store.write(write('s1', [line('L1', { n: 1 }), line('L2', { n: 2 })], true));
    const before = (await stat(store.pathOf('s1'))).size;
    await store.write(write('s1', [line('L2', { n: 3 })], false, 'in_progress'));
    const text = await readFile(store.pathOf('s1'), 'utf8');
    // The append holds the header and L2, not L1.
    const appended = text.slice(before);
    expect(appended.split('\n').filter(Boolean)).toHaveLength(2);
    expect(appended).toContain('"n":3');
    expect(appended).not.toContain('"L1"');
    expect(await readdir(dir)).toEqual(['s1.journal']);
    expect((await store.load('s1'))?.lines).toEqual({ L1: { n: 1 }, L2: { n: 3 } });
  });

  it('compacts on a complete save: the new journal holds each line once', async () => {
    const store = createFileStore(dir);
    await store.write(write('s1', [line('L1', { n: 1 })], true));
    for (let n = 2; n < 20; n++) await store.write(write('s1', [line('L1', { n })], false));
    await store.write(write('s1', [line('L1', { n: 20 })], true));
    const text = await readFile(store.pathOf('s1'), 'utf8');
    expect(text.split('\n').filter(Boolean)).toHaveLength(2);
    expect((await store.load('s1'))?.lines).toEqual({ L1: { n: 20 } });
  });

  it('drops a record cut short at the end (a crash in the middle of an append), and only it', async () => {
    const store = createFileStore(dir);
    await store.write(write('s1', [line('L1', { n: 1 })], true));
    await store.write(write('s1', [line('L1', { n: 2 })], false, 'in_progress'));
    const whole = await readFile(store.pathOf('s1'), 'utf8');
    const torn = journalText(header('s1', 'completed'), [line('L1', { n: 3 })]);
    // The next append's header made it, its line record was cut halfway.
    const cut = torn.slice(
      0,
      torn.indexOf('\n') + 1 + Math.floor((torn.length - torn.indexOf('\n')) / 2),
    );
    await writeFile(store.pathOf('s1'), whole + cut);
    const read = readJournal(whole + cut, 's1');
    expect(read.dropped).toBe(1);
    const record = await createFileStore(dir).load('s1');
    expect(record).toMatchObject({ state: 'completed' });
    expect(record?.lines).toEqual({ L1: { n: 2 } });
  });

  it('drops a damaged record and all after it: what is read is the journal as it stood', async () => {
    const store = createFileStore(dir);
    await store.write(write('s1', [line('L1', { n: 1 })], true));
    await store.write(write('s1', [line('L1', { n: 2 })], false, 'syncing'));
    await store.write(write('s1', [line('L1', { n: 3 })], false, 'in_progress'));
    const text = await readFile(store.pathOf('s1'), 'utf8');
    const records = text.split('\n');
    // Damage the second append's header: one character of its payload changed.
    records[4] = (records[4] as string).replace('in_progress', 'in_progresz');
    await writeFile(store.pathOf('s1'), records.join('\n'));
    const record = await createFileStore(dir).load('s1');
    expect(record).toMatchObject({ state: 'syncing', lines: { L1: { n: 2 } } });
  });

  it('cuts a torn end off before appending, so that later records are read', async () => {
    const store = createFileStore(dir);
    await store.write(write('s1', [line('L1', { n: 1 })], true));
    const whole = await readFile(store.pathOf('s1'), 'utf8');
    await writeFile(store.pathOf('s1'), `${whole}0badc0de {"k":"L1","r":{"n"`);
    // Another process (a resume) appends to the journal it did not write.
    const next = createFileStore(dir);
    await next.write(write('s1', [line('L2', { n: 2 })], false, 'in_progress'));
    expect((await next.load('s1'))?.lines).toEqual({ L1: { n: 1 }, L2: { n: 2 } });
  });

  it('stops at a test hook in the middle of an append (what the crash test kills)', async () => {
    let torn = false;
    const store = createFileStore(dir, {
      tearAppend: (text) => ({
        cut: Math.floor(text.length / 2),
        torn: () => {
          torn = true;
        },
      }),
    });
    await store.write(write('s1', [line('L1', { n: 1 })], true));
    let settled = false;
    void store.write(write('s1', [line('L1', { n: 2 })], false)).finally(() => {
      settled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(settled).toBe(false);
    expect(torn).toBe(true);
    const text = await readFile(store.pathOf('s1'), 'utf8');
    expect(readJournal(text, 's1').dropped).toBeGreaterThan(0);
    expect((await createFileStore(dir).load('s1'))?.lines).toEqual({ L1: { n: 1 } });
  });

  it('reads a state file of format 2 (0.2.0), and replaces it by a journal on a complete save', async () => {
    const old = { ...header('s1'), version: 2, snapshot: { whole: true } };
    await writeFile(join(dir, 's1.json'), JSON.stringify(old));
    const store = createFileStore(dir);
    expect(await store.load('s1')).toMatchObject({ version: 2, snapshot: { whole: true } });
    expect(await store.list()).toEqual([expect.objectContaining({ id: 's1' })]);
    await store.write(write('s1', [line('L1', { n: 1 })], true));
    expect(await readdir(dir)).toEqual(['s1.journal']);
  });

  it('ignores a temporary file a killed compaction left behind', async () => {
    const store = createFileStore(dir);
    await store.write(write('s1', [line('L1', { n: 1 })], true));
    await writeFile(join(dir, '.s1.999.deadbeef.tmp'), journalText(header('s1'), []).slice(0, 30));
    expect((await store.load('s1'))?.lines).toEqual({ L1: { n: 1 } });
    expect(await store.list()).toHaveLength(1);
  });

  it('reports a damaged file clearly instead of crashing', async () => {
    const store = createFileStore(dir);
    await writeFile(join(dir, 's1.json'), `{"format": "${SNAPSHOT_FORMAT}", "vers`);
    await writeFile(join(dir, 's2.journal'), 'not a journal at all\n');
    for (const [id, file] of [
      ['s1', 's1.json'],
      ['s2', 's2.journal'],
    ] as const) {
      const error = await store.load(id).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SnapshotStoreError);
      expect(error).toMatchObject({ code: 'corrupt' });
      expect((error as Error).message).toContain(file);
    }
  });

  it('refuses a foreign file and a snapshot of another format version', async () => {
    const store = createFileStore(dir);
    await writeFile(join(dir, 'other.json'), JSON.stringify({ hello: 'world' }));
    await writeFile(join(dir, 'old.json'), JSON.stringify({ ...header('old'), version: 0 }));
    await writeFile(join(dir, 'new.journal'), journalText({ ...header('new'), version: 99 }, []));
    await expect(store.load('other')).rejects.toMatchObject({ code: 'foreign' });
    await expect(store.load('old')).rejects.toMatchObject({ code: 'version' });
    await expect(store.load('new')).rejects.toMatchObject({ code: 'version' });
  });

  it('writes files only the owner can read', async () => {
    const store = createFileStore(join(dir, 'nested'));
    await store.write(write('s1', [line('L1', { n: 1 })], true));
    await store.write(write('s1', [line('L1', { n: 2 })], false));
    expect((await stat(join(dir, 'nested', 's1.journal'))).mode & 0o077).toBe(0);
    expect((await stat(join(dir, 'nested'))).mode & 0o077).toBe(0);
  });
});
