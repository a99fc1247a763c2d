import {
  assertValidId,
  type SnapshotRecord,
  type SnapshotStore,
  SnapshotStoreError,
  validateRecord,
} from './snapshotRecord.js';

/**
 * A store in memory. Records are kept serialized, as a file store would keep them, so what is
 * restored is exactly what would have been read back from disk.
 */
export function createMemoryStore(): SnapshotStore & {
  readonly size: number;
  raw(id: string): string | undefined;
} {
  const records = new Map<string, string>();
  return {
    get size() {
      return records.size;
    },
    raw(id) {
      return records.get(id);
    },
    async save(record) {
      assertValidId(record.id);
      records.set(record.id, JSON.stringify(record));
    },
    async load(id) {
      assertValidId(id);
      const text = records.get(id);
      if (text === undefined) return undefined;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        throw new SnapshotStoreError('corrupt', `memory:${id}: not valid JSON`, `memory:${id}`);
      }
      return validateRecord(value, `memory:${id}`);
    },
    async list() {
      const out: Omit<SnapshotRecord, 'snapshot' | 'format' | 'version'>[] = [];
      for (const id of records.keys()) {
        try {
          const record = await this.load(id);
          if (record)
            out.push({
              id: record.id,
              sessionId: record.sessionId,
              state: record.state,
              savedAt: record.savedAt,
            });
        } catch {
          // unreadable records are skipped by list(); load() reports them
        }
      }
      return out;
    },
    async remove(id) {
      records.delete(id);
    },
  };
}
