/**
 * A store of one journal per session in a directory (Node only: the entry point
 * `covage-orders/store/file`). `<id>.journal` holds the session's header and line records
 * (`journal.ts`): a save appends the header and the lines that changed, so its cost follows the
 * change. A complete save (the first of a session in a process, and the compactions the engine
 * asks for) writes a new journal to a temporary file, flushes it (fsync), renames it over the old
 * one and flushes the directory: a process killed at any point leaves the old journal or the new
 * one. An append killed halfway leaves a record cut short, which the next read finds by its
 * checksum and drops (with anything after it); a durable save (a checkpoint) returns only once
 * its records are flushed to disk.
 *
 * Sessions stored by earlier versions (`<id>.json`, formats 1 and 2) are read as before; the
 * first save of such a session writes its journal and removes the old file.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { upgradeFormat1 } from '../runtime/migrate.js';
import { journalText, readJournal } from './journal.js';
import {
  assertValidId,
  type SnapshotRecord,
  type SnapshotStore,
  SnapshotStoreError,
  summarize,
  validateRecord,
} from './snapshotRecord.js';

export * from '../lease/fileLeases.js';
export * from './snapshotRecord.js';

const JOURNAL = '.journal';
const OLD_RECORD = '.json';

function ioError(action: string, path: string, error: unknown): SnapshotStoreError {
  const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
  return new SnapshotStoreError('io', `cannot ${action} ${path} (${code})`, path);
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

async function fsyncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some file systems cannot fsync a directory; the rename itself is still atomic.
  }
}

export interface FileStoreOptions {
  /**
   * Test hook (crash tests): called with the text of each append before it is written. Returning
   * `{ cut, torn }` writes only the first `cut` characters, flushes them, calls `torn()` and never
   * finishes: the test kills the process there, in the middle of a record.
   */
  tearAppend?: (text: string) => { cut: number; torn(): void } | undefined;
}

export type FileStore = SnapshotStore & {
  readonly dir: string;
  /** The journal of a session. */
  pathOf(id: string): string;
};

export function createFileStore(dir: string, options: FileStoreOptions = {}): FileStore {
  const pathOf = (id: string) => join(dir, `${id}${JOURNAL}`);
  const oldPathOf = (id: string) => join(dir, `${id}${OLD_RECORD}`);
  /** Sessions whose journal this store wrote whole in this process: appends go straight on. */
  const written = new Set<string>();

  async function readText(path: string): Promise<string | undefined> {
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw ioError('read', path, error);
    }
  }

  async function loadOld(id: string): Promise<SnapshotRecord | undefined> {
    const path = oldPathOf(id);
    const text = await readText(path);
    if (text === undefined) return undefined;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new SnapshotStoreError(
        'corrupt',
        `${path}: not valid JSON (the file is damaged)`,
        path,
      );
    }
    // 0.1.0 wrote format 1: brought to format 2 here, so that only this store carries the upgrade.
    return upgradeFormat1(validateRecord(value, path), path);
  }

  async function load(id: string): Promise<SnapshotRecord | undefined> {
    assertValidId(id);
    const path = pathOf(id);
    const text = await readText(path);
    if (text === undefined) return loadOld(id);
    const journal = readJournal(text, path);
    if (!journal.record)
      throw new SnapshotStoreError(
        'corrupt',
        `${path}: no readable header (the file is damaged)`,
        path,
      );
    return journal.record;
  }

  async function writeWhole(id: string, text: string, complete: boolean): Promise<void> {
    const path = pathOf(id);
    const temp = join(dir, `.${id}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const handle = await open(temp, 'w', 0o600);
      try {
        await handle.writeFile(text, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, path);
      await fsyncDirectory(dir);
      if (complete && !written.has(id)) await rm(oldPathOf(id), { force: true });
    } catch (error) {
      await rm(temp, { force: true }).catch(() => {});
      throw ioError('write', path, error);
    }
    written.add(id);
  }

  /** A journal this process did not write: drops a record a crash cut short before appending. */
  async function repairTail(id: string): Promise<boolean> {
    const path = pathOf(id);
    const text = await readText(path);
    if (text === undefined) return false;
    const journal = readJournal(text, path);
    if (!journal.record) return false;
    if (journal.dropped > 0) {
      try {
        await truncate(path, Buffer.byteLength(text.slice(0, journal.soundLength), 'utf8'));
      } catch (error) {
        throw ioError('repair', path, error);
      }
    }
    written.add(id);
    return true;
  }

  async function append(id: string, text: string, durable: boolean): Promise<void> {
    const path = pathOf(id);
    try {
      const handle = await open(path, 'a', 0o600);
      try {
        const tear = options.tearAppend?.(text);
        if (tear) {
          await handle.write(Buffer.from(text.slice(0, tear.cut), 'utf8'));
          await handle.sync();
          tear.torn();
          await new Promise(() => {});
        }
        await handle.write(text, null, 'utf8');
        if (durable) await handle.datasync();
      } finally {
        await handle.close();
      }
    } catch (error) {
      throw ioError('write', path, error);
    }
  }

  return {
    dir,
    pathOf,
    async write(change) {
      const id = change.header.id;
      assertValidId(id);
      const text = journalText(change.header, change.lines);
      if (change.complete || !(written.has(id) || (await repairTail(id))))
        await writeWhole(id, text, change.complete);
      else await append(id, text, change.durable);
    },
    load,
    async list() {
      let names: string[];
      try {
        names = await readdir(dir);
      } catch (error) {
        if (isMissing(error)) return [];
        throw ioError('list', dir, error);
      }
      const ids = new Set<string>();
      for (const name of names) {
        if (name.startsWith('.')) continue;
        if (name.endsWith(JOURNAL)) ids.add(name.slice(0, -JOURNAL.length));
        else if (name.endsWith(OLD_RECORD)) ids.add(name.slice(0, -OLD_RECORD.length));
      }
      return summarize([...ids].sort(), load);
    },
    async remove(id) {
      assertValidId(id);
      await rm(pathOf(id), { force: true });
      await rm(oldPathOf(id), { force: true });
      written.delete(id);
    },
  };
}
