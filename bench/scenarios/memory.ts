import { createCovageClient } from '../../src/client/index.js';
import { bearerToken } from '../../src/http/auth/index.js';
import type { LineDraft } from '../../src/rules/parseLine.js';
import { createOrderSession, type OrderSession } from '../../src/runtime/orderSession.js';
import type { SessionWrite, SnapshotStore } from '../../src/store/snapshotRecord.js';
import { completeLines } from '../lines.js';
import type { Probe, ProbeResult } from '../scenario.js';
import { untilConfirmed } from '../support/confirmed.js';
import { startSandboxThread } from '../support/sandboxThread.js';

export const SESSIONS = 1_000;
export const LINES_PER_SESSION = 10;
/** Sessions started together (a bound on open connections, not on what is held at the end). */
const BATCH = 50;
const TOKEN = 'bench-token';

/**
 * A store that serializes each record as the file store does, and keeps only its size: the heap
 * then holds the sessions, not copies of them (the CLI's file store keeps nothing in memory).
 */
function sizingStore(): SnapshotStore & { sizes: Map<string, number> } {
  const sizes = new Map<string, number>();
  const lineSizes = new Map<string, Map<string, number>>();
  return {
    sizes,
    async write(change: SessionWrite) {
      const id = change.header.id;
      let kept = change.complete ? undefined : lineSizes.get(id);
      if (!kept) {
        kept = new Map();
        lineSizes.set(id, kept);
      }
      for (const line of change.lines) kept.set(line.key, line.key.length + line.json.length);
      let size = JSON.stringify(change.header).length;
      for (const lineSize of kept.values()) size += lineSize;
      sizes.set(id, size);
    },
    load: async () => undefined,
    list: async () => [],
    remove: async (id) => {
      sizes.delete(id);
      lineSizes.delete(id);
    },
  };
}

function collect(gc: () => void): number {
  for (let n = 0; n < 3; n++) gc();
  return process.memoryUsage().heapUsed;
}

const mean = (values: readonly number[]) =>
  values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);

/**
 * 1,000 sessions of 10 complete lines, all confirmed and waiting for their outcome (the
 * sandbox's outcome comes after an hour; the first poll too): the state a session spends the
 * longest in, and the heaviest, since each line then holds its draft, the body the API holds and
 * the API's answer. Heap after a full GC, minus the heap before, per line; and the size of each
 * session's stored record.
 */
export function memoryProbe(): Probe {
  return {
    id: 'memory',
    title: `${SESSIONS.toLocaleString('en')} sessions of ${LINES_PER_SESSION} lines in flight, in one process`,
    async run(): Promise<ProbeResult> {
      const gc = (globalThis as { gc?: () => void }).gc;
      if (!gc) throw new Error('the memory probe needs node --expose-gc (npm run bench adds it)');
      const sandbox = await startSandboxThread({
        tokens: [TOKEN],
        outcomeDelayMs: 3_600_000,
        seedOrders: 0,
      });
      const api = createCovageClient({ baseUrl: sandbox.url, auth: bearerToken(TOKEN) });
      const store = sizingStore();
      const options = { concurrency: 8, poll: { initialDelayMs: 3_600_000 } };
      const sessions: OrderSession[] = [];
      try {
        // For comparison: the same sessions as local drafts (lines added, nothing sent yet).
        const empty = collect(gc);
        const drafts = Array.from({ length: SESSIONS }, (_, n) => {
          const session = createOrderSession({ api, options });
          for (const line of completeLines(LINES_PER_SESSION, n))
            session.addLine(line as LineDraft);
          return session;
        });
        const draftHeap = collect(gc) - empty;
        for (const session of drafts) session.actor.stop();
        drafts.length = 0;

        const before = collect(gc);
        for (let start = 0; start < SESSIONS; start += BATCH) {
          const batch = Array.from({ length: Math.min(BATCH, SESSIONS - start) }, (_, n) => {
            const session = createOrderSession({ api, store, options });
            for (const line of completeLines(LINES_PER_SESSION, start + n))
              session.addLine(line as LineDraft);
            session.confirm();
            sessions.push(session);
            return session;
          });
          await Promise.all(batch.map((session) => untilConfirmed(session)));
        }
        await Promise.all(sessions.map((session) => session.flush()));
        const after = collect(gc);
        const lines = SESSIONS * LINES_PER_SESSION;
        const recordSizes = [...store.sizes.values()];
        return {
          figures: [
            { name: 'heap per line', value: Math.round((after - before) / lines), unit: 'bytes' },
            {
              name: 'heap per line, as a local draft',
              value: Math.round(draftHeap / lines),
              unit: 'bytes',
            },
            {
              name: 'heap per session',
              value: Math.round((after - before) / SESSIONS),
              unit: 'bytes',
            },
            {
              name: 'stored record per session',
              value: Math.round(mean(recordSizes)),
              unit: 'bytes',
            },
            {
              name: 'stored record per line',
              value: Math.round(mean(recordSizes) / LINES_PER_SESSION),
              unit: 'bytes',
            },
          ],
          method: `${SESSIONS} sessions confirmed and waiting for their outcome (in_progress); heap after gc() minus heap before; record = JSON.stringify of the stored record`,
        };
      } finally {
        await Promise.all(sessions.map((session) => session.stop()));
        await sandbox.close();
      }
    },
  };
}
