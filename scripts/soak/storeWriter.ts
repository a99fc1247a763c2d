/**
 * A child process for the store soak: saves one session again and again through the file store,
 * each save its header and one line record bigger than a disk block many times over (one line of
 * four in turn, so that the journal holds several lines), every fifth save complete (a compaction:
 * a new journal renamed over the old one), the others appended; each durable. It says on stdout
 * when each save starts (`started N`) and ends (`saved N`). The soak kills it with SIGKILL at
 * random moments.
 *
 * Usage: node storeWriter.js <dir> <id> <payloadBytes>
 */
import { createFileStore, SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from '../../src/store/file.js';

const [dir = '', id = 'session', payload = '1000000'] = process.argv.slice(2);
const store = createFileStore(dir);
const padding = 'x'.repeat(Number(payload));

/** The key of the line a save writes. */
const lineOf = (sequence: number) => `L${sequence % 4}`;

for (let sequence = 1; ; sequence++) {
  process.stdout.write(`started ${sequence}\n`);
  const complete = sequence % 5 === 1;
  const keys = complete ? [0, 1, 2, 3].map((n) => lineOf(sequence - n)) : [lineOf(sequence)];
  await store.write({
    header: {
      format: SNAPSHOT_FORMAT,
      version: SNAPSHOT_VERSION,
      id,
      sessionId: `api-${id}`,
      state: String(sequence),
      savedAt: new Date().toISOString(),
      snapshot: { status: 'active', value: 'created', context: { sequence } },
    },
    lines: keys.map((key, n) => ({
      key,
      json: JSON.stringify({ sequence: sequence - n, padding: n === 0 ? padding : '' }),
    })),
    complete,
    durable: true,
  });
  process.stdout.write(`saved ${sequence}\n`);
}
