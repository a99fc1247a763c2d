import {
  assertValidId,
  type SnapshotRecord,
  type SnapshotStore,
  SnapshotStoreError,
  summarize,
  validateRecord,
} from './snapshotRecord.js';

interface Kept {
  /** The header, serialized. */
  header: string;
  /** Each line's record, as the JSON text written. */
  lines: Map<string, string>;
}

function parse(text: string, location: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new SnapshotStoreError('corrupt', `${location}: not valid JSON`, location);
  }
}

/**
 * A store in memory, in the file store's shape: a header and one record per line, each kept
 * serialized as a file would keep it, so what is restored is exactly what would have been read
 * back from disk, and a save costs the lines that changed.
 */
export function createMemoryStore(): SnapshotStore & {
  readonly size: number;
  /** The bytes stored for a session (its header and its line records), or 0. */
  bytes(id: string): number;
  /** What is stored for a session, as one string (to compare two moments), or `undefined`. */
  raw(id: string): string | undefined;
} {
  const sessions = new Map<string, Kept>();
  async function load(id: string): Promise<SnapshotRecord | undefined> {
    assertValidId(id);
    const kept = sessions.get(id);
    if (kept === undefined) return undefined;
    const location = `memory:${id}`;
    const record = validateRecord(parse(kept.header, location), location);
    if (kept.lines.size === 0 && record.version < 3) return record;
    const lines: Record<string, unknown> = {};
    for (const [key, json] of kept.lines) lines[key] = parse(json, `${location} line ${key}`);
    return { ...record, lines };
  }
  return {
    get size() {
      return sessions.size;
    },
    bytes(id) {
      const kept = sessions.get(id);
      if (!kept) return 0;
      let total = kept.header.length;
      for (const [key, json] of kept.lines) total += key.length + json.length;
      return total;
    },
    raw(id) {
      const kept = sessions.get(id);
      return kept ? JSON.stringify([kept.header, [...kept.lines]]) : undefined;
    },
    async write(change) {
      assertValidId(change.header.id);
      let kept = sessions.get(change.header.id);
      if (!kept || change.complete) {
        kept = { header: '', lines: new Map() };
        sessions.set(change.header.id, kept);
      }
      kept.header = JSON.stringify(change.header);
      for (const line of change.lines) kept.lines.set(line.key, line.json);
    },
    load,
    async list() {
      return summarize([...sessions.keys()], load);
    },
    async remove(id) {
      sessions.delete(id);
    },
  };
}
