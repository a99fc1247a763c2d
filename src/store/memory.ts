import {
  assertValidId,
  type SnapshotStore,
  SnapshotStoreError,
  summarize,
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
      return summarize([...records.keys()], (id) => this.load(id));
    },
    async remove(id) {
      records.delete(id);
    },
  };
}
