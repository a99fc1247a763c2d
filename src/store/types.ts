/**
 * The store interface: where sessions are kept between runs. A stored session (format 3) is a
 * small header plus one record per line, and a save writes the header and the lines that changed
 * since the previous save, so its cost follows the change, not the session's size.
 *
 * Implementations: `createMemoryStore()` (tests, apps), `createFileStore(dir)` (the CLI: one
 * append-only journal per session). Another store (a database) implements `SnapshotStore` as
 * described here; `test/store/contract.ts` holds the behaviour every store must have.
 */

/** The format tag of every stored session. */
export const SNAPSHOT_FORMAT = 'covage-orders/session-snapshot';
/**
 * The format this version writes: 3, a header and one record per line (0.3.0). Format 2 (0.2.0)
 * was the whole session in one snapshot, format 1 (0.1.0) the same with the lines spawned by the
 * session; both are still read, and migrated when resumed.
 */
export const SNAPSHOT_VERSION = 3;
/** The formats this version reads. */
export const READABLE_SNAPSHOT_VERSIONS: readonly number[] = [1, 2, 3];

/** The API a stored session lives on. Never credentials: those stay in the environment. */
export interface SessionOrigin {
  /** The API's root, without user, password or query. */
  baseUrl: string;
  /** A sandbox started inside the command that ran the session: gone with that process. */
  embeddedSandbox?: boolean;
}

/**
 * A session's header: what identifies it, where it stands, and the session machine's persisted
 * snapshot with its lines left out (they are the line records). Small: ids, counters, options.
 */
export interface SessionHeader {
  format: typeof SNAPSHOT_FORMAT;
  version: number;
  /** The store's key for the session: the engine's `instanceKey`. */
  id: string;
  /** The API's session id, once created. */
  sessionId: string | null;
  /** The session machine's state, e.g. `created` or `in_progress.waiting`. */
  state: string;
  savedAt: string;
  /**
   * Format 3: the session's snapshot without its lines. Formats 1 and 2: the whole session's
   * snapshot (such a record has no line records).
   */
  snapshot: unknown;
  /** Where the session was sent, written by the CLI so that `resume` knows where to go. */
  origin?: SessionOrigin;
}

/** One line's record: its key in the session (`L1`, …) and its stored form, as JSON text. */
export interface LineRecord {
  key: string;
  /** JSON text of an object (never parsed by a store; stored and given back as is). */
  json: string;
}

/**
 * One save. A store applies it as a whole or not at all, as far as it can: what a crash may leave
 * is the previous save, this one, or (file store) this one without its last line records; never a
 * line record without the header written with it or before it.
 */
export interface SessionWrite {
  /** The header, always written (it is small). */
  header: SessionHeader;
  /**
   * The lines whose record changed since the previous save of this session, each replacing the
   * stored record of the same key. A line is never deleted: a removed line keeps a record.
   */
  lines: readonly LineRecord[];
  /**
   * `lines` holds every line of the session: the store replaces whatever it held for this session
   * (the first save of a session in a process, and the compactions the engine asks for).
   */
  complete: boolean;
  /**
   * A checkpoint: the promise resolves only once the save is on stable storage (fsync). Otherwise
   * a store may leave the last saves to the operating system (a crash of the machine, not of the
   * process, may then lose them).
   */
  durable: boolean;
}

/**
 * A stored session as `load()` gives it back: the last header, and each line's last record
 * parsed (format 3). Records of formats 1 and 2 have no `lines`: their `snapshot` is whole.
 */
export interface SnapshotRecord extends SessionHeader {
  /** Format 3: each line's record (the parsed `LineRecord.json`), by key, in the order written. */
  lines?: Record<string, unknown>;
}

/** What `list()` tells of a record: its id, session id, state and date. */
export type SnapshotSummary = Pick<SnapshotRecord, 'id' | 'sessionId' | 'state' | 'savedAt'>;

/** Where sessions are kept between runs. */
export interface SnapshotStore {
  /** Applies one save of a session (see `SessionWrite`); throws `SnapshotStoreError` if it cannot. */
  write(change: SessionWrite): Promise<void>;
  /** The record, or `undefined` when there is none; throws `SnapshotStoreError` when unreadable. */
  load(id: string): Promise<SnapshotRecord | undefined>;
  /** Every record's id, session id, state and date (unreadable ones are skipped). */
  list(): Promise<SnapshotSummary[]>;
  /** Forgets a session (nothing happens when there is none). */
  remove(id: string): Promise<void>;
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
