/**
 * The PostgreSQL store on a real server (a throwaway one, started for this file): its migration,
 * its leases and their fencing, and the workers that share its sessions.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeaseLostError } from '../../src/lease/leaseLostError.js';
import { SessionLockedError } from '../../src/lease/sessionLockedError.js';
import { createOrderSession } from '../../src/runtime/index.js';
import { migrate } from '../../src/store/postgres/migrate.js';
import { createPostgresStore, type PostgresStore } from '../../src/store/postgres/store.js';
import { type SnapshotRecord, saveRecord } from '../../src/store/snapshotRecord.js';
import { createWorker } from '../../src/worker/createWorker.js';
import type { WorkerEvent } from '../../src/worker/types.js';
import { completeLine } from '../helpers/lines.js';
import { postgresForTests, type ThrowawayPostgres } from '../helpers/postgres.js';
import {
  linesByExternalId,
  startTestSandbox,
  TEST_TOKEN,
  type TestSandbox,
  testClient,
} from '../helpers/sandbox.js';
import { storeContract } from './contract.js';

let server: ThrowawayPostgres | undefined;
let sandbox: TestSandbox;
let databases = 0;

beforeAll(async () => {
  server = await postgresForTests();
  sandbox = await startTestSandbox({ latencyMs: 40 });
}, 60_000);

afterAll(async () => {
  await sandbox?.close();
  await server?.stop();
});

/** A new empty database on the server (each test its own). */
function database(): string {
  databases++;
  return (server as ThrowawayPostgres).createDatabase(`t${databases}_${process.pid}`);
}

const machineOptions = {
  poll: { initialDelayMs: 5, maxDelayMs: 20 },
  syncDelayMs: 5,
  concurrency: 2,
};

/** Saves `count` drafts of `lines` lines each and hands them to the workers. */
async function enqueueSessions(store: PostgresStore, count: number, lines: number, tag: string) {
  const ids: string[] = [];
  for (let s = 0; s < count; s++) {
    const id = `${tag}-${s}`;
    const lease = await store.leases.acquire(id);
    const session = createOrderSession({
      id,
      api: testClient(sandbox),
      store,
      lease,
      options: machineOptions,
    });
    for (let l = 0; l < lines; l++) session.addLine(completeLine({ external_id: `${id}-L${l}` }));
    await session.stop();
    await lease.release();
    await store.enqueue(id);
    ids.push(id);
  }
  return ids;
}

/** Every session is over, completed, and the sandbox holds each of its lines exactly once. */
async function expectEachLineOnce(store: PostgresStore, ids: string[], lines: number) {
  for (const id of ids) {
    const record = await store.load(id);
    expect(record?.state, id).toBe('completed');
    const held = linesByExternalId(await sandbox.session(record?.sessionId as string));
    expect(held.size, id).toBe(lines);
    for (let l = 0; l < lines; l++) expect(held.get(`${id}-L${l}`), `${id}-L${l}`).toHaveLength(1);
  }
}

storeContract(
  'PostgreSQL',
  async () => {
    const store = await createPostgresStore({ connectionString: database() });
    return { store, close: () => store.close() };
  },
  () => server !== undefined,
);

describe('the PostgreSQL store', () => {
  it('migrates once: concurrent and repeated migrations apply each version exactly once', async (context) => {
    if (!server) return context.skip();
    const pool = new pg.Pool({ connectionString: database(), max: 6 });
    try {
      const results = await Promise.all([
        migrate(pool, 'covage_orders'),
        migrate(pool, 'covage_orders'),
        migrate(pool, 'covage_orders'),
      ]);
      expect(results.flatMap((result) => result.applied)).toEqual([1, 2]);
      expect(results.every((result) => result.version === 2)).toBe(true);
      expect((await migrate(pool, 'covage_orders')).applied).toEqual([]);
      const { rows } = await pool.query(
        'SELECT version FROM covage_orders.schema_migrations ORDER BY version',
      );
      expect(rows).toEqual([{ version: 1 }, { version: 2 }]);
    } finally {
      await pool.end();
    }
  });

  it('a lease is taken over after its TTL, at the next epoch; the database refuses the stale runner', async (context) => {
    if (!server) return context.skip();
    const url = database();
    const store = await createPostgresStore({ connectionString: url, leaseTtlMs: 600 });
    // The first runner: another process, which takes the lease, saves, and is then paused.
    const module = pathToFileURL(resolve('dist/src/store/postgres/index.js')).href;
    const code = `
      const { createPostgresStore } = await import(${JSON.stringify(module)});
      const store = await createPostgresStore({ connectionString: ${JSON.stringify(url)}, leaseTtlMs: 600 });
      const lease = await store.leases.acquire('s1');
      const record = { format: 'covage-orders/session-snapshot', version: 2, id: 's1', sessionId: null,
        state: 'draft', savedAt: new Date().toISOString(), snapshot: { value: 'draft', context: {} } };
      const write = (header) => store.withLease(lease).write({ header, lines: [], complete: true, durable: true });
      await write(record);
      console.log('held ' + lease.epoch);
      setInterval(() => lease.check().then(() => console.log('ok'), (e) => {
        console.log(e.name + ' ' + e.reason);
        write({ ...record, state: 'stale' }).then(
          () => console.log('saved'), (e) => { console.log('refused ' + e.name); process.exit(0); });
      }), 50);
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const out: string[] = [];
    const seen = (match: RegExp) =>
      new Promise<string>((done) => {
        const look = () => {
          const line = out.find((text) => match.test(text));
          if (line) done(line);
          else setTimeout(look, 20);
        };
        look();
      });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => out.push(...chunk.split('\n')));
    try {
      expect(await seen(/^held/)).toBe('held 1');
      await seen(/^ok/);
      const refused = await store.leases.acquire('s1').catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(SessionLockedError);
      expect((refused as SessionLockedError).pid).toBe(child.pid);
      child.kill('SIGSTOP');
      const second = await store.leases.acquire('s1', { waitMs: 10_000 });
      expect(second.epoch).toBe(2);
      // A write under epoch 1, even one that skips the runner's own check, is refused by the database.
      const stale = await saveRecord(store.withLease({ ...second, key: 's1', epoch: 1 } as never), {
        ...((await store.load('s1')) as SnapshotRecord),
        state: 'stale',
      }).catch((error: unknown) => error);
      expect(stale).toBeInstanceOf(LeaseLostError);
      child.kill('SIGCONT');
      // The paused runner wakes: its own clock says the lease lapsed, and the database agrees.
      expect(await seen(/^LeaseLostError/)).toBe('LeaseLostError lapsed');
      expect(await seen(/^refused|^saved/)).toBe('refused LeaseLostError');
      expect((await store.load('s1'))?.state).toBe('draft');
      await saveRecord(store.withLease(second), {
        ...((await store.load('s1')) as SnapshotRecord),
        state: 'created',
      });
      expect((await store.load('s1'))?.state).toBe('created');
      await second.release();
    } finally {
      child.kill('SIGKILL');
      await store.close();
    }
  });

  it('two workers never run one session at once, and finish every session with each line once', async (context) => {
    if (!server) return context.skip();
    const url = database();
    const stores = [
      await createPostgresStore({ connectionString: url }),
      await createPostgresStore({ connectionString: url }),
    ];
    const ids = await enqueueSessions(stores[0] as PostgresStore, 8, 3, 'shared');
    const running = new Map<string, number>();
    let overlaps = 0;
    const claims: string[] = [];
    const workers = stores.map((store, index) =>
      createWorker({
        api: testClient(sandbox),
        store,
        concurrency: 3,
        pollMs: 50,
        options: machineOptions,
        onEvent: (event: WorkerEvent) => {
          if (event.type === 'claimed') {
            claims.push(`${index}:${event.id}`);
            const now = (running.get(event.id) ?? 0) + 1;
            if (now > 1) overlaps++;
            running.set(event.id, now);
          }
          if (event.type === 'finished' || event.type === 'deferred' || event.type === 'lost')
            running.set(event.id, (running.get(event.id) ?? 1) - 1);
        },
      }),
    );
    try {
      for (const worker of workers) worker.start();
      await Promise.all(workers.map((worker) => worker.idle()));
      expect(overlaps).toBe(0);
      // Both took part.
      expect(new Set(claims.map((claim) => claim.split(':')[0])).size).toBe(2);
      await expectEachLineOnce(stores[0] as PostgresStore, ids, 3);
      expect(await (stores[0] as PostgresStore).needingWork()).toEqual([]);
    } finally {
      for (const worker of workers) await worker.stop();
      for (const store of stores) await store.close();
    }
  });

  it("a SIGKILLed worker's sessions are finished by another once its leases lapse", async (context) => {
    if (!server) return context.skip();
    const url = database();
    const store = await createPostgresStore({ connectionString: url, leaseTtlMs: 1_000 });
    const slow = await startTestSandbox({ latencyMs: 250 });
    try {
      const ids: string[] = [];
      for (let s = 0; s < 2; s++) {
        const id = `killed-${s}`;
        const session = createOrderSession({
          id,
          api: testClient(slow),
          store,
          options: { ...machineOptions, concurrency: 1 },
        });
        for (let l = 0; l < 5; l++) session.addLine(completeLine({ external_id: `${id}-L${l}` }));
        await session.stop();
        await store.enqueue(id);
        ids.push(id);
      }
      const child = spawn(
        process.execPath,
        [
          resolve('dist/src/cli/main.js'),
          'worker',
          '--store',
          url,
          '--base-url',
          slow.url,
          '--concurrency',
          '2',
        ],
        {
          env: { ...process.env, COVAGE_TOKEN: TEST_TOKEN, COVAGE_LEASE_TTL_MS: '1000' },
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      // Killed once it has sent some lines of both sessions, before it finished them.
      for (;;) {
        const state = await slow.state();
        const sent = state.sessions.map((session) => session.product_order_item.length);
        if (sent.length === 2 && sent.every((count) => count >= 1)) break;
        if (child.exitCode !== null) throw new Error(`worker exited: ${stderr}`);
        await new Promise((done) => setTimeout(done, 50));
      }
      child.kill('SIGKILL');
      await new Promise((done) => child.once('exit', done));
      const worker = createWorker({
        api: testClient(slow),
        store,
        pollMs: 100,
        options: machineOptions,
      });
      worker.start();
      await new Promise((done) => setTimeout(done, 200));
      // Not before its leases lapsed.
      for (;;) {
        if ((await store.needingWork()).length === 0 && worker.running === 0) {
          const states = await Promise.all(ids.map(async (id) => (await store.load(id))?.state));
          if (states.every((state) => state === 'completed')) break;
        }
        await new Promise((done) => setTimeout(done, 100));
      }
      await worker.stop();
      for (const id of ids) {
        const record = await store.load(id);
        const held = linesByExternalId(
          (await slow.state()).sessions.find((s) => s.id === record?.sessionId),
        );
        for (let l = 0; l < 5; l++) expect(held.get(`${id}-L${l}`), `${id}-L${l}`).toHaveLength(1);
      }
    } finally {
      await slow.close();
      await store.close();
    }
  }, 60_000);
});
