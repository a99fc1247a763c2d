/**
 * Checking what a store read back, and the helpers every store shares. The types and the store
 * interface are in `types.ts`. Stored sessions hold order data (names, addresses) but never
 * credentials: the client's secrets live in its auth provider, not in any machine context.
 */
import {
  READABLE_SNAPSHOT_VERSIONS,
  type SessionHeader,
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  type SnapshotRecord,
  type SnapshotStore,
  SnapshotStoreError,
  type SnapshotSummary,
} from './types.js';

export * from './types.js';

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export function assertValidId(id: string): void {
  if (!ID.test(id)) {
    throw new SnapshotStoreError(
      'invalid_id',
      `"${id}" is not a valid snapshot id (letters, digits, . _ -)`,
    );
  }
}

/** Checks that a parsed value is one of our headers; throws a clear `SnapshotStoreError` if not. */
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
      `${location}: snapshot format version ${String(record.version)} is not supported (this version reads ${READABLE_SNAPSHOT_VERSIONS.join(', ')})`,
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

/** The header of a record (its line records left out). */
export function headerOf(record: SnapshotRecord): SessionHeader {
  const { lines: _lines, ...header } = record;
  return header;
}

/**
 * Stores a whole record at once, e.g. one read from another store or a fixture of an older
 * format: its header, and its line records (format 3) as one complete, durable write.
 */
export function saveRecord(store: SnapshotStore, record: SnapshotRecord): Promise<void> {
  const lines = Object.entries(record.lines ?? {}).map(([key, value]) => ({
    key,
    json: JSON.stringify(value),
  }));
  return store.write({ header: headerOf(record), lines, complete: true, durable: true });
}

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
