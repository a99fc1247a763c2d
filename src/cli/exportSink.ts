/** Where `covage-orders export` puts the CSV: a file, replaced atomically, or stdout. */

import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export type Sink = (stream: ReadableStream<Uint8Array>) => Promise<number>;

/** The mode of a new export: the CSV holds customers' names, addresses and phone numbers. */
export const NEW_FILE_MODE = 0o600;

/** The permission bits of the file at `path`, or `undefined` when there is none. */
async function modeOf(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).mode & 0o7777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Writes the stream to a temporary file next to `path`, flushes it to disk, then renames it over
 * `path`: readers see the old file or the whole new one, never half a file. The new file keeps
 * the mode of the one it replaces (a new file is 0600), whatever the umask.
 */
export function fileSink(path: string): Sink {
  return async (stream) => {
    const temp = join(
      dirname(path),
      `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
    );
    let bytes = 0;
    try {
      const mode = (await modeOf(path)) ?? NEW_FILE_MODE;
      const handle = await open(temp, 'wx', NEW_FILE_MODE);
      try {
        await handle.chmod(mode);
        for await (const chunk of stream) {
          await handle.write(chunk);
          bytes += chunk.byteLength;
        }
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true }).catch(() => {});
      throw error;
    }
    return bytes;
  };
}

/** Copies the stream to `out` (stdout), waiting when it is full. */
export function streamSink(out: NodeJS.WritableStream): Sink {
  return async (stream) => {
    let bytes = 0;
    for await (const chunk of stream) {
      bytes += chunk.byteLength;
      if (!out.write(chunk)) await once(out, 'drain');
    }
    return bytes;
  };
}
