/**
 * A store of one JSON file per session in a directory (Node only: the entry point
 * `covage-orders/store/file`). Every save is atomic: the record is written to a temporary file
 * in the same directory, flushed to disk (fsync), renamed over the old one, and the directory is
 * flushed, so a process killed in the middle of a write leaves the previous snapshot intact.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
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

function ioError(action: string, path: string, error: unknown): SnapshotStoreError {
  const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
  return new SnapshotStoreError('io', `cannot ${action} ${path} (${code})`, path);
}

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

export function createFileStore(
  dir: string,
): SnapshotStore & { readonly dir: string; pathOf(id: string): string } {
  const pathOf = (id: string) => join(dir, `${id}.json`);

  async function load(id: string): Promise<SnapshotRecord | undefined> {
    assertValidId(id);
    const path = pathOf(id);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw ioError('read', path, error);
    }
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
    return validateRecord(value, path);
  }

  return {
    dir,
    pathOf,
    async save(record) {
      assertValidId(record.id);
      const path = pathOf(record.id);
      const temp = join(dir, `.${record.id}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
      try {
        await mkdir(dir, { recursive: true, mode: 0o700 });
        const handle = await open(temp, 'w', 0o600);
        try {
          await handle.writeFile(JSON.stringify(record), 'utf8');
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temp, path);
        await fsyncDirectory(dir);
      } catch (error) {
        await rm(temp, { force: true }).catch(() => {});
        throw ioError('write', path, error);
      }
    },
    load,
    async list() {
      let names: string[];
      try {
        names = await readdir(dir);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw ioError('list', dir, error);
      }
      const ids = names
        .filter((name) => name.endsWith('.json') && !name.startsWith('.'))
        .map((name) => name.slice(0, -'.json'.length));
      return summarize(ids, load);
    },
    async remove(id) {
      assertValidId(id);
      await rm(pathOf(id), { force: true });
    },
  };
}
