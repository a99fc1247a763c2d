/**
 * A child process for the store soak: saves one session record again and again through the file
 * store, each bigger than a disk block many times over, and says on stdout when each save starts
 * (`started N`) and ends (`saved N`). The soak kills it with SIGKILL at random moments.
 *
 * Usage: node storeWriter.js <dir> <id> <payloadBytes>
 */
import { createFileStore, SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from '../../src/store/file.js';

const [dir = '', id = 'session', payload = '1000000'] = process.argv.slice(2);
const store = createFileStore(dir);
const padding = 'x'.repeat(Number(payload));

for (let sequence = 1; ; sequence++) {
  process.stdout.write(`started ${sequence}\n`);
  await store.save({
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    id,
    sessionId: `api-${id}`,
    state: String(sequence),
    savedAt: new Date().toISOString(),
    snapshot: { status: 'active', value: 'created', context: { sequence, padding } },
  });
  process.stdout.write(`saved ${sequence}\n`);
}
