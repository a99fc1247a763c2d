/**
 * What a store keeps for one session: the machine's persisted snapshot wrapped with a format tag
 * and version, so that a foreign or outdated file is reported clearly instead of restored.
 * Snapshots hold order data (names, addresses) but never credentials: the client's secrets live
 * in its auth provider, not in any machine context.
 */
export const SNAPSHOT_FORMAT = 'covage-orders/session-snapshot';
/** The format this version writes: 2 since the machines were reshaped (0.2.0). */
export const SNAPSHOT_VERSION = 2;
/** The formats this version reads: 1 (0.1.0) is migrated when it is resumed. */
export const READABLE_SNAPSHOT_VERSIONS: readonly number[] = [1, 2];

export interface SnapshotRecord {
  format: typeof SNAPSHOT_FORMAT;
  version: number;
  /** The store's key for the session: the engine's `instanceKey`. */
  id: string;
  /** The API's session id, once created. */
  sessionId: string | null;
  /** The session machine's state, e.g. `created` or `in_progress.waiting`. */
  state: string;
  savedAt: string;
  snapshot: unknown;
  /** Where the session was sent, written by the CLI so that `resume` knows where to go. */
  origin?: SessionOrigin;
}

/** The API a stored session lives on. Never credentials: those stay in the environment. */
export interface SessionOrigin {
  /** The API's root, without user, password or query. */
  baseUrl: string;
  /** A sandbox started inside the command that ran the session: gone with that process. */
  embeddedSandbox?: boolean;
}

export type SnapshotStoreErrorCode =
  | 'corrupt'
  | 'foreign'
  | 'version'
  | 'io'
  | 'invalid_id'
  | 'not_found';

/** A store that cannot read or write a snapshot, with the reason. */
export class SnapshotStoreError extends Error {
  override readonly name = 'SnapshotStoreError';
  /** Lets error classifiers tell a failed save (nothing sent) from a failed request. */
  readonly kind = 'store' as const;
  constructor(
    readonly code: SnapshotStoreErrorCode,
    message: string,
    readonly location?: string,
  ) {
    super(message);
  }
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export function assertValidId(id: string): void {
  if (!ID.test(id)) {
    throw new SnapshotStoreError(
      'invalid_id',
      `"${id}" is not a valid snapshot id (letters, digits, . _ -)`,
    );
  }
}

/** Checks that a parsed value is one of our records; throws a clear `SnapshotStoreError` if not. */
export function validateRecord(value: unknown, location: string): SnapshotRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SnapshotStoreError(
      'foreign',
      `${location}: not a covage-orders snapshot (not an object)`,
      location,
    );
  }
  const record = value as Partial<SnapshotRecord>;
  if (record.format !== SNAPSHOT_FORMAT) {
    throw new SnapshotStoreError(
      'foreign',
      `${location}: not a covage-orders snapshot (format tag missing or different)`,
      location,
    );
  }
  if (!READABLE_SNAPSHOT_VERSIONS.includes(record.version as number)) {
    throw new SnapshotStoreError(
      'version',
      `${location}: snapshot format version ${String(record.version)} is not supported (this version reads ${READABLE_SNAPSHOT_VERSIONS.join(' and ')})`,
      location,
    );
  }
  if (
    typeof record.id !== 'string' ||
    typeof record.snapshot !== 'object' ||
    record.snapshot === null
  ) {
    throw new SnapshotStoreError('corrupt', `${location}: snapshot is incomplete`, location);
  }
  return record as SnapshotRecord;
}

/** True when the record is in the format this version writes (older ones are migrated). */
export function isCurrentFormat(record: Pick<SnapshotRecord, 'version'>): boolean {
  return record.version === SNAPSHOT_VERSION;
}

/** Where sessions are kept between runs. Implementations: memory (tests, apps) and file (CLI). */
export interface SnapshotStore {
  save(record: SnapshotRecord): Promise<void>;
  /** The record, or `undefined` when there is none; throws `SnapshotStoreError` when unreadable. */
  load(id: string): Promise<SnapshotRecord | undefined>;
  /** Every record's id, session id, state and date (unreadable ones are skipped). */
  list(): Promise<SnapshotSummary[]>;
  remove(id: string): Promise<void>;
}

/** What `list()` tells of a record: its id, session id, state and date. */
export type SnapshotSummary = Pick<SnapshotRecord, 'id' | 'sessionId' | 'state' | 'savedAt'>;

/** The summaries of the records `ids` name, in order; a record that cannot be read is skipped. */
export async function summarize(
  ids: Iterable<string>,
  load: (id: string) => Promise<SnapshotRecord | undefined>,
): Promise<SnapshotSummary[]> {
  const out: SnapshotSummary[] = [];
  for (const id of ids) {
    try {
      const record = await load(id);
      if (record) {
        out.push({
          id: record.id,
          sessionId: record.sessionId,
          state: record.state,
          savedAt: record.savedAt,
        });
      }
    } catch {
      // unreadable records are skipped by list(); load() reports them
    }
  }
  return out;
}
