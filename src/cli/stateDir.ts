/**
 * The CLI's state directory: one file per session (the file store, atomic writes), each record
 * tagged with where the session was sent. Kept after the session ends: the file records the
 * outcome, and `covage-orders resume <id>` shows it again.
 */
import { access, constants, mkdir, stat } from 'node:fs/promises';
import { createFileStore } from '../store/file.js';
import {
  type SessionOrigin,
  type SnapshotRecord,
  type SnapshotStore,
  SnapshotStoreError,
} from '../store/snapshotRecord.js';
import { CliError } from './exitCodes.js';
import { shellQuote } from './optionParsers.js';

export const DEFAULT_STATE_DIR = '.covage-orders';

export type CliStore = ReturnType<typeof createFileStore>;

function reason(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'unknown error';
}

/** Creates the directory if needed and checks it can be written (exit 2 if not). */
export async function prepareStateDir(dir: string): Promise<CliStore> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await access(dir, constants.W_OK);
  } catch (error) {
    throw new CliError(`cannot use the state directory ${dir} (${reason(error)})`);
  }
  return createFileStore(dir);
}

/** An existing state directory (exit 2 when there is none). */
export async function existingStateDir(dir: string): Promise<CliStore> {
  try {
    if (!(await stat(dir)).isDirectory()) throw new CliError(`${dir} is not a directory`);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`no state directory ${dir} (${reason(error)}); pass --state-dir`);
  }
  return createFileStore(dir);
}

/** A store that writes `origin` into every record it saves (unchanged without one). */
export function withOrigin(store: SnapshotStore, origin: SessionOrigin | undefined): SnapshotStore {
  if (!origin) return store;
  return {
    write: (change) => store.write({ ...change, header: { ...change.header, origin } }),
    load: (id) => store.load(id),
    list: () => store.list(),
    remove: (id) => store.remove(id),
  };
}

/** The record stored under `id`, or the one of the API session `id`; exit 2 when none. */
export async function findRecord(store: CliStore, id: string): Promise<SnapshotRecord> {
  let record: SnapshotRecord | undefined;
  try {
    record = await store.load(id);
  } catch (error) {
    if (!(error instanceof SnapshotStoreError && error.code === 'invalid_id')) throw error;
  }
  if (!record) {
    const match = (await store.list()).find((entry) => entry.sessionId === id);
    if (match) record = await store.load(match.id);
  }
  if (!record) throw new CliError(`no stored session "${id}" in ${store.dir}`);
  return record;
}

/**
 * The command that resumes a stored session, with the API it was sent to (a resume must name it:
 * the state file alone never decides where credentials go).
 */
export function resumeCommand(id: string, dir: string, baseUrl?: string): string {
  const api = baseUrl ? ` --base-url ${shellQuote(baseUrl)}` : '';
  return `covage-orders resume ${shellQuote(id)} --state-dir ${shellQuote(dir)}${api}`;
}
