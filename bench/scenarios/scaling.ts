/**
 * `scaling`: sessions of 100, 1,000 and 10,000 complete lines to confirmation, 20 ms per request,
 * the engine with the file store (as the CLI runs it) next to the ideal written by hand on ky, in
 * the same run. Per size: wall time of each and their ratio, the client's CPU per line
 * (`process.cpuUsage()`: the sandbox runs in another process, so the CPU counted is the
 * client's), the journal's bytes per line at confirmation and once compacted, and the heap held
 * per line while the session waits for its outcome (after a full GC).
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import ky, { type KyInstance } from 'ky';
import { mapPool } from '../../scripts/shared/pool.js';
import { createCovageClient } from '../../src/client/index.js';
import { bearerToken } from '../../src/http/auth/index.js';
import type { LineDraft } from '../../src/rules/parseLine.js';
import { createOrderSession } from '../../src/runtime/orderSession.js';
import { createFileStore } from '../../src/store/file.js';
import { saveRecord } from '../../src/store/snapshotRecord.js';
import { completeLines } from '../lines.js';
import type { Probe, ProbeFigure, ProbeResult } from '../scenario.js';
import { untilConfirmed } from '../support/confirmed.js';
import { startSandboxProcess } from '../support/sandboxProcess.js';
import type { SandboxThread } from '../support/sandboxThread.js';

export const SCALING_SIZES = [100, 1_000, 10_000] as const;
const LATENCY_MS = 20;
const CONCURRENCY = 8;
const TOKEN = 'bench-token';

interface Sample {
  wallMs: number;
  cpuMs: number;
}

interface EngineSample extends Sample {
  journalBytes: number;
  compactedBytes: number;
  heapBytes: number;
}

/** `gc()` of `node --expose-gc`: a full, memory-reducing collection when called without options. */
type Gc = () => void;

/**
 * The heap after full collections, with a turn of the event loop between them: what only waits
 * for a finalizer (e.g. the dependants of a settled abort signal) is not counted as held.
 */
async function collect(gc: Gc): Promise<number> {
  for (let n = 0; n < 3; n++) {
    gc();
    await new Promise((turn) => setImmediate(turn));
  }
  gc();
  return process.memoryUsage().heapUsed;
}

async function timed<T>(work: () => Promise<T>): Promise<Sample & { value: T }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await work();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000, value };
}

/** By hand on ky: the session, every line 8 at a time, the confirmation. */
async function ideal(http: KyInstance, lines: readonly Record<string, unknown>[]): Promise<Sample> {
  return timed(async () => {
    const session = await http.post('api/v1/product_order', { json: {} }).json<{ id: string }>();
    const base = `api/v1/product_order/${session.id}`;
    await mapPool(lines, CONCURRENCY, (line) =>
      http.post(`${base}/product_order_item`, { json: line }).json(),
    );
    return http.patch(`${base}/confirm/`).json();
  });
}

/**
 * The same by hand on bare `fetch`: the engine's client calls `fetch` itself (see
 * src/http/attempt.ts), so this is the floor of what any client pays for the requests.
 */
async function idealOnFetch(url: string, lines: readonly Record<string, unknown>[]) {
  const send = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${url}/${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${TOKEN}`,
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status}`);
    return response.json() as Promise<{ id: string }>;
  };
  return timed(async () => {
    const session = await send('POST', 'api/v1/product_order', {});
    const base = `api/v1/product_order/${session.id}`;
    await mapPool(lines, CONCURRENCY, (line) => send('POST', `${base}/product_order_item`, line));
    return send('PATCH', `${base}/confirm/`);
  });
}

/** The engine as the CLI runs it: a file store, every line parsed and added, confirm. */
async function engine(
  sandbox: SandboxThread,
  lines: readonly Record<string, unknown>[],
  gc: Gc,
): Promise<EngineSample> {
  const dir = await mkdtemp(join(tmpdir(), 'covage-scaling-'));
  const copy = await mkdtemp(join(tmpdir(), 'covage-scaling-compacted-'));
  try {
    const api = createCovageClient({ baseUrl: sandbox.url, auth: bearerToken(TOKEN) });
    const store = createFileStore(dir);
    const heapBefore = await collect(gc);
    const run = await timed(async () => {
      // The first poll an hour away (as in `memory`): the heap is the lines waiting for their
      // outcome, not the answer of a poll under way.
      const options = { concurrency: CONCURRENCY, poll: { initialDelayMs: 3_600_000 } };
      const session = createOrderSession({ api, store, options });
      for (const line of lines) session.addLine(line as LineDraft);
      session.confirm();
      await untilConfirmed(session);
      return session;
    });
    const session = run.value;
    await session.flush();
    const heapBytes = (await collect(gc)) - heapBefore;
    const journalBytes = (await stat(store.pathOf(session.id))).size;
    await session.stop();
    // What a compaction keeps: the session saved whole into a new journal.
    const record = await store.load(session.id);
    if (!record) throw new Error('the session was not stored');
    const compacted = createFileStore(copy);
    await saveRecord(compacted, record);
    const compactedBytes = (await stat(compacted.pathOf(session.id))).size;
    return { wallMs: run.wallMs, cpuMs: run.cpuMs, journalBytes, compactedBytes, heapBytes };
  } finally {
    await rm(dir, { recursive: true, force: true });
    await rm(copy, { recursive: true, force: true });
  }
}

const round2 = (value: number) => Number(value.toFixed(2));

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

/** Rounds per size: the largest is run once (it takes a minute per contender). */
const roundsFor = (size: number) => (size >= 10_000 ? 1 : 3);

export function scalingProbe(sizes: readonly number[] = SCALING_SIZES): Probe {
  return {
    id: 'scaling',
    title: `sessions of ${sizes.map((size) => size.toLocaleString('en')).join(', ')} complete lines to confirmation, ${LATENCY_MS} ms per request, engine (file store) vs ideal`,
    async run(): Promise<ProbeResult> {
      const exposed = (globalThis as { gc?: (options?: { type: 'major' }) => void }).gc;
      if (!exposed)
        throw new Error('the scaling probe needs node --expose-gc (npm run bench adds it)');
      // Full collections to measure the heap; a major one (which keeps compiled code) between runs.
      const gc = () => exposed();
      const between = () => exposed({ type: 'major' });
      const sandbox = await startSandboxProcess({
        latencyMs: LATENCY_MS,
        tokens: [TOKEN],
        outcomeDelayMs: 3_600_000,
        seedOrders: 0,
        // Every session of every round stays held: far beyond a user's usual quota.
        limits: { linesPerUser: 1_000_000, bytesPerUser: 2 ** 31 },
      });
      const http = ky.create({
        prefixUrl: sandbox.url,
        headers: { Authorization: `Bearer ${TOKEN}` },
        retry: 0,
        timeout: 60_000,
      });
      // The machine is shared: its load when the run starts and ends goes with the figures.
      const loadAtStart = loadavg()[0] ?? 0;
      const figures: ProbeFigure[] = [];
      try {
        // Warm-up: both contenders once on a small session (compiles the code paths).
        const warm = completeLines(50, 1);
        await ideal(http, warm);
        await idealOnFetch(sandbox.url, warm);
        await engine(sandbox, warm, gc);
        for (const size of sizes) {
          const lines = completeLines(size, size);
          const ideals: Sample[] = [];
          const fetches: Sample[] = [];
          const engines: EngineSample[] = [];
          for (let round = 0; round < roundsFor(size); round++) {
            // Alternating, the engine first on odd rounds.
            if (round % 2) engines.push(await engine(sandbox, lines, gc));
            ideals.push(await ideal(http, lines));
            between();
            fetches.push(await idealOnFetch(sandbox.url, lines));
            between();
            if (!(round % 2)) engines.push(await engine(sandbox, lines, gc));
            between();
          }
          const at = (name: string) => `${size.toLocaleString('en')} lines: ${name}`;
          const m = (samples: readonly Sample[], key: keyof EngineSample) =>
            median(samples.map((sample) => (sample as EngineSample)[key]));
          const idealWall = m(ideals, 'wallMs');
          const engineWall = m(engines, 'wallMs');
          figures.push(
            { name: at('ideal wall'), value: Math.round(idealWall), unit: 'ms' },
            { name: at('engine wall'), value: Math.round(engineWall), unit: 'ms' },
            {
              name: at('wall, engine / ideal'),
              value: Number((engineWall / idealWall).toFixed(2)),
              unit: '×',
            },
            {
              name: at('engine CPU per line'),
              value: Number((m(engines, 'cpuMs') / size).toFixed(3)),
              unit: 'ms',
            },
            {
              name: at('ideal CPU per line'),
              value: Number((m(ideals, 'cpuMs') / size).toFixed(3)),
              unit: 'ms',
            },
            {
              name: at('engine − ideal CPU per line'),
              value: Number(((m(engines, 'cpuMs') - m(ideals, 'cpuMs')) / size).toFixed(3)),
              unit: 'ms',
            },
            {
              name: at('ideal on fetch wall'),
              value: Math.round(m(fetches, 'wallMs')),
              unit: 'ms',
            },
            {
              name: at('wall, engine / ideal on fetch'),
              value: Number((engineWall / m(fetches, 'wallMs')).toFixed(2)),
              unit: '×',
            },
            {
              name: at('ideal on fetch CPU per line'),
              value: Number((m(fetches, 'cpuMs') / size).toFixed(3)),
              unit: 'ms',
            },
            {
              name: at('journal per line at confirmation'),
              value: Math.round(m(engines, 'journalBytes') / size),
              unit: 'bytes',
            },
            {
              name: at('stored per line, compacted'),
              value: Math.round(m(engines, 'compactedBytes') / size),
              unit: 'bytes',
            },
            {
              name: at('heap per line in flight'),
              value: Math.round(m(engines, 'heapBytes') / size),
              unit: 'bytes',
            },
          );
        }
        figures.push(
          { name: 'load average (1 min) at the start', value: round2(loadAtStart), unit: '' },
          { name: 'load average (1 min) at the end', value: round2(loadavg()[0] ?? 0), unit: '' },
        );
      } finally {
        await sandbox.close();
      }
      return {
        figures,
        method: `median of ${roundsFor(100)} rounds (1 at 10,000 lines), contenders alternating (engine, ideal on ky, ideal on fetch); sandbox in its own process, ${LATENCY_MS} ms per request, concurrency ${CONCURRENCY}; CPU = process.cpuUsage() of the client's process during the run; heap = heapUsed after gc() with the session waiting for its outcome (first poll an hour away), minus before`,
      };
    },
  };
}
