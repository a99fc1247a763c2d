import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ky, { type KyInstance } from 'ky';
import { mapPool } from '../../scripts/shared/pool.js';
import { createCovageClient } from '../../src/client/index.js';
import { bearerToken } from '../../src/http/auth/index.js';
import type { LineDraft } from '../../src/rules/parseLine.js';
import { createOrderSession, type OrderSession } from '../../src/runtime/orderSession.js';
import { createFileStore } from '../../src/store/file.js';
import { createMemoryStore } from '../../src/store/memory.js';
import type { SnapshotStore } from '../../src/store/snapshotRecord.js';
import { completeLines } from '../lines.js';
import type { Contender, Figures, Scenario } from '../scenario.js';
import { untilConfirmed } from '../support/confirmed.js';
import {
  type RequestCounts,
  requestsBetween,
  type SandboxThread,
  startSandboxThread,
} from '../support/sandboxThread.js';

export const SESSION_LINES = 200;
export const LATENCY_MS = 20;
export const CONCURRENCY = 8;
const TOKEN = 'bench-token';

interface Witness {
  sandbox: SandboxThread | null;
  before: RequestCounts | null;
}

/** Reads the sandbox's counters before a run and reports the requests the run made. */
function counted(
  witness: Witness,
  contender: Omit<Contender, 'after'>,
  cleanup?: () => Figures | Promise<Figures>,
) {
  return {
    ...contender,
    async before() {
      await contender.before?.();
      witness.before = await (witness.sandbox as SandboxThread).requests();
    },
    async after(): Promise<Figures> {
      const own = (await cleanup?.()) ?? {};
      const made = requestsBetween(
        witness.before as RequestCounts,
        await (witness.sandbox as SandboxThread).requests(),
      );
      return { requests: made.total, ...own };
    },
  } satisfies Contender;
}

/** The store, counting the saves made until the confirmation was answered. */
function countingSaves(inner: SnapshotStore) {
  const counter = { saves: 0, counting: true };
  const store: SnapshotStore = {
    write(change) {
      if (counter.counting) counter.saves++;
      return inner.write(change);
    },
    load: (id) => inner.load(id),
    list: () => inner.list(),
    remove: (id) => inner.remove(id),
  };
  return { store, counter };
}

/** The engine as the CLI runs it: parse and add every line, confirm, wait for the answer. */
function engine(
  name: string,
  witness: Witness,
  lines: readonly Record<string, unknown>[],
  makeStore: () => Promise<{ store: SnapshotStore; dispose(): Promise<void> }>,
): Contender {
  let session: OrderSession | null = null;
  let store: { store: SnapshotStore; dispose(): Promise<void> } | null = null;
  let counting: ReturnType<typeof countingSaves> | null = null;
  return counted(
    witness,
    {
      name,
      before: async () => {
        store = await makeStore();
        counting = countingSaves(store.store);
      },
      run: async () => {
        const sandbox = witness.sandbox as SandboxThread;
        session = createOrderSession({
          api: createCovageClient({ baseUrl: sandbox.url, auth: bearerToken(TOKEN) }),
          store: counting?.store,
          options: { concurrency: CONCURRENCY },
        });
        for (const line of lines) session.addLine(line as LineDraft);
        session.confirm();
        await untilConfirmed(session);
        if (counting) counting.counter.counting = false;
        return session.id;
      },
    },
    async () => {
      await session?.stop();
      await store?.dispose();
      session = null;
      return { saves: counting?.counter.saves ?? 0 };
    },
  );
}

function client(sandbox: SandboxThread): KyInstance {
  return ky.create({
    prefixUrl: sandbox.url,
    headers: { Authorization: `Bearer ${TOKEN}` },
    retry: 0,
    timeout: 30_000,
  });
}

/** (c) By hand on ky: the session, every line with the engine's concurrency, the confirmation. */
async function ideal(http: KyInstance, lines: readonly Record<string, unknown>[]) {
  const session = await http.post('api/v1/product_order', { json: {} }).json<{ id: string }>();
  const base = `api/v1/product_order/${session.id}`;
  await mapPool(lines, CONCURRENCY, (line) =>
    http.post(`${base}/product_order_item`, { json: line }).json(),
  );
  return http.patch(`${base}/confirm/`).json();
}

const AT_CREATION = [
  'external_id',
  'product_offering_id',
  'product_offering_qualification_item_id',
] as const;

/**
 * (b) The doc's sequence diagram, literally, one request at a time: create each line with the
 * fields required at creation, then update it with the rest; then confirm.
 */
async function naive(http: KyInstance, lines: readonly Record<string, unknown>[]) {
  const session = await http.post('api/v1/product_order', { json: {} }).json<{ id: string }>();
  const base = `api/v1/product_order/${session.id}`;
  for (const line of lines) {
    const creation: Record<string, unknown> = {};
    const update: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(line)) {
      if ((AT_CREATION as readonly string[]).includes(field)) creation[field] = value;
      else update[field] = value;
    }
    const created = await http
      .post(`${base}/product_order_item`, { json: creation })
      .json<{ id: string }>();
    await http.patch(`${base}/product_order_item/${created.id}`, { json: update }).json();
  }
  return http.patch(`${base}/confirm/`).json();
}

async function fileStore() {
  const dir = await mkdtemp(join(tmpdir(), 'covage-bench-'));
  return {
    store: createFileStore(dir),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

async function memoryStore() {
  return { store: createMemoryStore(), dispose: async () => {} };
}

/**
 * A session of complete lines against the sandbox with a fixed latency per request, until the
 * confirmation is answered: the engine (file store, as the CLI; memory store, for comparison),
 * the doc's sequence followed literally, and the ideal written by hand.
 */
export function orderSessionScenario(count = SESSION_LINES): Scenario {
  const lines = completeLines(count);
  const witness: Witness = { sandbox: null, before: null };
  let http: KyInstance | null = null;
  return {
    id: 'session',
    title: `a session of ${count} complete lines to confirmation, ${LATENCY_MS} ms per request`,
    items: count,
    baseline: 'ideal (ky, pool of 8)',
    target: {
      contender: 'engine, file store',
      maxRatio: 1.2,
      figures: { requests: count + 2 },
    },
    rounds: 5,
    warmup: 1,
    async setup() {
      witness.sandbox = await startSandboxThread({
        latencyMs: LATENCY_MS,
        tokens: [TOKEN],
        // The outcome is not part of the race: it must not come while a contender still works.
        outcomeDelayMs: 3_600_000,
        seedOrders: 0,
      });
      http = client(witness.sandbox);
    },
    async teardown() {
      await witness.sandbox?.close();
    },
    contenders: [
      counted(witness, {
        name: 'ideal (ky, pool of 8)',
        run: () => ideal(http as KyInstance, lines),
      }),
      engine('engine, file store', witness, lines, fileStore),
      engine('engine, memory store', witness, lines, memoryStore),
      counted(witness, {
        name: 'naive (sequence diagram)',
        run: () => naive(http as KyInstance, lines),
      }),
    ],
    note: "latency-bound: N + 2 round trips, 8 lines at a time; then the engine's CPU (machines, client, saves)",
  };
}
