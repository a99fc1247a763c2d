/**
 * Leases kept as files (Node only): one file per acquisition, `<key>.lease-<epoch>`, in a
 * directory beside the sessions. Taking a lease is creating the next epoch's file with `link()`,
 * which fails when it exists: of two runners that both find the lease free (released, its holder's
 * process gone on this host, or its heartbeat older than its TTL), exactly one gets it. The holder
 * rewrites its file (write and rename) every third of the TTL; it has lost the lease once a file
 * of a later epoch exists or once its own clock says the TTL ran out.
 */
import { link, mkdir, open, readdir, readFile, rename, rm, rmdir, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { HeldLease, newHolder } from './heldLease.js';
import { SessionLockedError } from './sessionLockedError.js';
import {
  type AcquireOptions,
  DEFAULT_LEASE_TTL_MS,
  type Lease,
  type LeaseHolder,
  type SessionLeases,
} from './types.js';

interface LeaseFile extends LeaseHolder {
  epoch: number;
  ttlMs: number;
  /** `Date.now()` of the last heartbeat. */
  heartbeatAt: number;
  released?: boolean;
}

export interface FileLeasesOptions {
  /** How long a lease lives without a heartbeat (default 30 s). */
  ttlMs?: number;
  /** How often a waiting `acquire` looks again (default a quarter of the TTL, at most 1 s). */
  pollMs?: number;
}

const SUFFIX = '.lease-';

/** True when `pid` names a live process on this host (EPERM: alive, someone else's). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      if (signal?.aborted) reject(signal.reason);
      else resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

export function createFileLeases(dir: string, options: FileLeasesOptions = {}): SessionLeases {
  const ttlMs = options.ttlMs ?? DEFAULT_LEASE_TTL_MS;
  const pollMs = options.pollMs ?? Math.min(1_000, Math.max(20, Math.floor(ttlMs / 4)));
  const host = hostname();
  const pathOf = (key: string, epoch: number) => join(dir, `${key}${SUFFIX}${epoch}`);

  async function epochsOf(key: string): Promise<number[]> {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const prefix = `${key}${SUFFIX}`;
    return names
      .filter((name) => name.startsWith(prefix) && /^\d+$/.test(name.slice(prefix.length)))
      .map((name) => Number(name.slice(prefix.length)))
      .sort((a, b) => a - b);
  }

  async function readLease(key: string, epoch: number): Promise<LeaseFile | 'gone' | 'unreadable'> {
    try {
      return JSON.parse(await readFile(pathOf(key, epoch), 'utf8')) as LeaseFile;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'gone' : 'unreadable';
    }
  }

  /** Whether a lease file still holds its session. */
  async function holds(key: string, epoch: number, file: LeaseFile | 'unreadable') {
    if (file === 'unreadable') {
      const info = await stat(pathOf(key, epoch)).catch(() => null);
      return info !== null && Date.now() - info.mtimeMs <= ttlMs;
    }
    if (file.released) return false;
    if (file.host === host && file.pid !== process.pid && !alive(file.pid)) return false;
    return Date.now() - file.heartbeatAt <= file.ttlMs;
  }

  /** Writes `content` to `path` through a temporary file: `link` (create only) or `rename`. */
  async function writeFile(path: string, content: LeaseFile, how: 'create' | 'replace') {
    try {
      await writeOnce(path, content, how);
    } catch (error) {
      // The directory was removed by a runner releasing the last lease in it: once more.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await writeOnce(path, content, how);
    }
  }

  async function writeOnce(path: string, content: LeaseFile, how: 'create' | 'replace') {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const temp = join(dir, `.${content.runner}.${process.pid}.${Date.now()}.tmp`);
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(JSON.stringify(content), 'utf8');
    } finally {
      await handle.close();
    }
    try {
      if (how === 'create') await link(temp, path);
      else await rename(temp, path);
    } finally {
      if (how === 'create') await rm(temp, { force: true });
    }
  }

  async function current(
    key: string,
  ): Promise<{ epoch: number; file: LeaseFile | 'unreadable' } | undefined> {
    for (;;) {
      const epochs = await epochsOf(key);
      const epoch = epochs.at(-1);
      if (epoch === undefined) return undefined;
      const file = await readLease(key, epoch);
      if (file !== 'gone') return { epoch, file };
    }
  }

  async function holderOf(key: string): Promise<LeaseHolder | undefined> {
    const now = await current(key);
    if (!now || now.file === 'unreadable' || !(await holds(key, now.epoch, now.file)))
      return undefined;
    const { runner, pid, host: on, since } = now.file;
    return { runner, pid, host: on, since };
  }

  async function tryTake(key: string, epoch: number): Promise<Lease | undefined> {
    const started = performance.now();
    const holder = newHolder(process.pid, host);
    const content: LeaseFile = { ...holder, epoch, ttlMs, heartbeatAt: Date.now() };
    try {
      await writeFile(pathOf(key, epoch), content, 'create');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
      throw error;
    }
    for (const old of await epochsOf(key))
      if (old < epoch) await rm(pathOf(key, old), { force: true });
    const next = () =>
      stat(pathOf(key, epoch + 1)).then(
        () => true,
        (error: NodeJS.ErrnoException) => error.code !== 'ENOENT',
      );
    return new HeldLease(
      key,
      holder,
      epoch,
      ttlMs,
      {
        async renew() {
          if (await next()) return false;
          await writeFile(pathOf(key, epoch), { ...content, heartbeatAt: Date.now() }, 'replace');
          return true;
        },
        stillHeld: async () => !(await next()),
        async release() {
          if (await next()) return;
          // Gone is free. (Epochs may start again from 1: a runner of an older epoch cannot come
          // back, since its own clock tells it its lease lapsed before anyone could take it.)
          await rm(pathOf(key, epoch), { force: true });
          await rmdir(dir).catch(() => {});
        },
        holderNow: () => holderOf(key),
      },
      started,
    );
  }

  return {
    ttlMs,
    holderOf,
    async acquire(key: string, acquire: AcquireOptions = {}): Promise<Lease> {
      const waitMs = acquire.waitMs ?? 0;
      const began = Date.now();
      let told = false;
      for (;;) {
        const now = await current(key);
        if (!now || !(await holds(key, now.epoch, now.file))) {
          const lease = await tryTake(key, (now?.epoch ?? 0) + 1);
          if (lease) return lease;
          continue; // another runner took it first: look again
        }
        const holder: LeaseHolder =
          now.file === 'unreadable'
            ? { runner: '?', pid: 0, host: 'unknown', since: 'unknown' }
            : {
                runner: now.file.runner,
                pid: now.file.pid,
                host: now.file.host,
                since: now.file.since,
              };
        const waited = Date.now() - began;
        if (waited >= waitMs) throw new SessionLockedError(key, holder, waitMs > 0 ? waited : 0);
        if (!told) acquire.onWait?.(holder);
        told = true;
        await sleep(Math.min(pollMs, waitMs - waited), acquire.signal);
      }
    },
  };
}
