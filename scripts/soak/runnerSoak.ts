/**
 * The runner soak (issue 16): one runner per session, under kills and pauses.
 *
 * 1. Workers: a throwaway PostgreSQL, `sessions` drafts of `lines` lines handed to the workers
 *    (`store.enqueue`), 3 `covage-orders worker` processes on that database against a sandbox
 *    process; a worker SIGKILLed (and started again) every few seconds, one SIGSTOPped past its
 *    lease TTL then SIGCONTed. Ends when every session is over.
 * 2. The file store: a `covage-orders submit` SIGKILLed part-way, then two `covage-orders resume`s
 *    of that session at once (one runs it, the other is refused: exit 6), then resumed to its end.
 *
 * The sandbox must then hold each intended line exactly once, every session final.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createCovageClient } from '../../src/client/index.js';
import { bearerToken } from '../../src/http/index.js';
import { createOrderSession } from '../../src/runtime/index.js';
import { createPostgresStore } from '../../src/store/postgres/store.js';
import { PostgresUnavailableError, startThrowawayPostgres } from '../shared/postgres.js';
import { type IntendedSession, intendedSession } from './orders.js';
import { cliPath } from './paths.js';
import { runCli } from './processRun.js';
import { type Random, randomSecret } from './random.js';
import { startSandboxProcess } from './sandboxProcess.js';
import { readSandboxState } from './sandboxState.js';
import type { SecretScanner } from './secrets.js';
import { type Reported, type Verification, verify } from './verify.js';

export interface RunnerSoakOptions {
  sessions: number;
  lines: number;
  workers: number;
  /** A worker is SIGKILLed this often (ms). */
  killEveryMs: number;
  leaseTtlMs: number;
  seed: number;
  random: Random;
  workDir: string;
  scanner: SecretScanner;
  /** Gives up after this long (ms). Default 10 minutes. */
  timeoutMs?: number;
}

export interface RunnerSoakReport {
  /** Why the worker part did not run (no PostgreSQL here), or null. */
  skipped: string | null;
  /** Sessions and lines in all (the workers' and the file store's). */
  sessions: number;
  lines: number;
  /** Sessions handed to the workers, and lines per session. */
  workerSessions: number;
  linesPerSession: number;
  workers: number;
  workerKills: number;
  workerStops: number;
  /** Sessions the paused worker stopped on waking, its leases lost (it sent nothing more for them). */
  leasesLostOnWake: number;
  /** Sessions other workers stopped on finding their lease lost (stalled past the TTL by load). */
  leasesLostOtherwise: number;
  /** Why the leases were lost, as the workers said. */
  lostBecause: Record<string, number>;
  /** Exit codes of the two concurrent file-store resumes, sorted. */
  concurrentResumeExits: number[];
  verification: Verification;
  problems: string[];
  durationMs: number;
}

const FINAL = new Set(['completed', 'partial', 'rejected', 'cancelled', 'outcome_unknown']);

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

interface WorkerProcess {
  child: ChildProcess;
  stderr: string;
  /** This is the worker that was paused. */
  paused?: boolean;
  exited: Promise<void>;
}

export async function runRunnerSoak(options: RunnerSoakOptions): Promise<RunnerSoakReport> {
  const started = Date.now();
  const { scanner, random } = options;
  const report: RunnerSoakReport = {
    skipped: null,
    sessions: 0,
    lines: 0,
    workerSessions: 0,
    linesPerSession: options.lines,
    workers: options.workers,
    workerKills: 0,
    workerStops: 0,
    leasesLostOnWake: 0,
    leasesLostOtherwise: 0,
    lostBecause: {},
    concurrentResumeExits: [],
    verification: verify([], []),
    problems: [],
    durationMs: 0,
  };
  const token = randomSecret('runner-token');
  const adminToken = randomSecret('runner-admin');
  scanner.add('the runner soak user token', token);
  scanner.add('the runner soak admin token', adminToken);
  const sandbox = await startSandboxProcess({
    token,
    adminToken,
    seed: options.seed,
    faultRate: 0,
    latencyMs: 30,
  });
  const reported: Reported[] = [];
  let database: Awaited<ReturnType<typeof startThrowawayPostgres>> | undefined;
  const workers: WorkerProcess[] = [];
  try {
    try {
      database = await startThrowawayPostgres();
    } catch (error) {
      if (!(error instanceof PostgresUnavailableError) || process.env.CI === 'true') throw error;
      report.skipped = `no PostgreSQL here: ${error.message.split('\n')[0]}`;
    }
    if (database) await workerPart(database.url);
    await fileStorePart();
    const state = await readSandboxState(sandbox.url, adminToken);
    report.verification = verify(reported, state.sessions);
  } finally {
    for (const worker of workers) worker.child.kill('SIGKILL');
    await Promise.all(workers.map((worker) => worker.exited));
    await sandbox.stop();
    await database?.stop();
  }
  report.durationMs = Date.now() - started;
  return report;

  function countLost(worker: WorkerProcess): void {
    const lost = worker.stderr.match(/lost the lease/g)?.length ?? 0;
    for (const [, why] of worker.stderr.matchAll(
      /lost the lease of session \S+: (it lapsed|another runner took it over|it was released)/g,
    ))
      report.lostBecause[why as string] = (report.lostBecause[why as string] ?? 0) + 1;
    if (worker.paused) report.leasesLostOnWake += lost;
    else report.leasesLostOtherwise += lost;
  }

  async function workerPart(url: string): Promise<void> {
    const store = await createPostgresStore({ connectionString: url });
    const api = createCovageClient({ baseUrl: sandbox.url, auth: bearerToken(token) });
    const intended: IntendedSession[] = [];
    try {
      // The drafts, as app instances would leave them for the workers.
      for (let s = 1; s <= options.sessions; s++) {
        const session = intendedSession(
          `runner-${options.seed}-s${String(s).padStart(3, '0')}`,
          options.lines,
          random,
          s % 10 === 0,
        );
        intended.push(session);
        const id = `s${String(s).padStart(3, '0')}`;
        const lease = await store.leases.acquire(id);
        const draft = createOrderSession({
          id,
          api,
          store,
          lease,
          request: { external_id: session.externalId },
        });
        for (const line of session.lines) draft.addLine(line.body);
        await draft.stop();
        await lease.release();
        await store.enqueue(id);
      }
      report.sessions += intended.length;
      report.workerSessions = intended.length;
      report.lines += intended.length * options.lines;

      const start = (slot: number) => {
        const child = spawn(
          process.execPath,
          [cliPath(), 'worker', '--store', url, '--base-url', sandbox.url, '--concurrency', '4'],
          {
            env: {
              PATH: process.env.PATH ?? '',
              NO_COLOR: '1',
              COVAGE_TOKEN: token,
              COVAGE_LEASE_TTL_MS: String(options.leaseTtlMs),
            },
            stdio: ['ignore', 'ignore', 'pipe'],
          },
        );
        const worker: WorkerProcess = {
          child,
          stderr: '',
          exited: new Promise((resolve) => child.once('close', () => resolve())),
        };
        child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
          worker.stderr += chunk;
        });
        workers[slot] = worker;
      };
      for (let slot = 0; slot < options.workers; slot++) start(slot);

      const deadline = Date.now() + (options.timeoutMs ?? 600_000);
      let nextKill = Date.now() + options.killEveryMs;
      // The pause: a worker stopped for twice its lease's TTL, once, early in the run.
      const pauseAt = Date.now() + Math.round(options.killEveryMs / 2);
      let paused: { slot: number; until: number } | null = null;
      let pausedOnce = false;
      for (;;) {
        const records = await Promise.all(
          intended.map((_, i) => store.load(`s${String(i + 1).padStart(3, '0')}`)),
        );
        if (records.every((record) => record && FINAL.has(record.state))) break;
        if (Date.now() > deadline) {
          report.problems.push(
            `workers: ${records.filter((record) => !record || !FINAL.has(record.state)).length} sessions not over after ${Math.round((options.timeoutMs ?? 600_000) / 1000)} s`,
          );
          break;
        }
        const now = Date.now();
        if (!pausedOnce && now >= pauseAt) {
          // A worker that holds sessions right now (leases in the database name its pid).
          const { rows } = await store.pool.query<{ pid: number }>(
            'SELECT DISTINCT runner_pid AS pid FROM covage_orders.sessions WHERE lease_expires_at > now()',
          );
          const holding = new Set(rows.map((row) => row.pid));
          const slot = [...workers.keys()].find((at) => holding.has(workers[at]?.child.pid ?? -1));
          if (slot !== undefined) {
            const victim = workers[slot] as WorkerProcess;
            victim.child.kill('SIGSTOP');
            victim.paused = true;
            paused = { slot, until: now + options.leaseTtlMs * 2 };
            pausedOnce = true;
            report.workerStops++;
          }
        }
        if (paused && now >= paused.until) {
          workers[paused.slot]?.child.kill('SIGCONT');
          paused = null;
        }
        if (now >= nextKill) {
          const candidates = [...workers.keys()].filter((slot) => slot !== paused?.slot);
          const slot = candidates[Math.floor(random() * candidates.length)] ?? 0;
          const victim = workers[slot] as WorkerProcess;
          scanner.collect(`worker ${slot} (stderr)`, victim.stderr);
          countLost(victim);
          victim.child.kill('SIGKILL');
          await victim.exited;
          report.workerKills++;
          start(slot);
          nextKill = now + options.killEveryMs;
        }
        await sleep(200);
      }
      if (paused) workers[paused.slot]?.child.kill('SIGCONT');
      for (const worker of workers) worker.child.kill('SIGTERM');
      await Promise.all(workers.map((worker) => worker.exited));
      for (const [slot, worker] of workers.entries()) {
        scanner.collect(`worker ${slot} (stderr)`, worker.stderr);
        countLost(worker);
      }
      for (const [i, session] of intended.entries()) {
        const record = await store.load(`s${String(i + 1).padStart(3, '0')}`);
        reported.push({
          intended: session,
          sessionId: record?.sessionId ?? null,
          state: record?.state ?? 'unknown',
        });
      }
    } finally {
      await store.close();
    }
  }

  async function fileStorePart(): Promise<void> {
    const dir = join(options.workDir, 'file-store');
    const stateDir = join(dir, 'state');
    await mkdir(dir, { recursive: true });
    const session = intendedSession(`runner-${options.seed}-file`, options.lines, random);
    const file = join(dir, 'order.json');
    await writeFile(
      file,
      JSON.stringify({
        session: { external_id: session.externalId },
        lines: session.lines.map((line) => line.body),
      }),
    );
    const env = { COVAGE_TOKEN: token };
    const common = ['--base-url', sandbox.url, '--state-dir', stateDir, '--json', '--quiet'];
    // SIGKILLed once it has saved the session and sent some lines.
    const submit = runCli(['submit', file, '--concurrency', '2', ...common], { env });
    let id: string | undefined;
    for (let tries = 0; tries < 300 && !id; tries++) {
      await sleep(50);
      const state = await readSandboxState(sandbox.url, adminToken);
      const held = state.sessions.find((s) => s.external_id === session.externalId);
      if (held && held.product_order_item.length >= 3) {
        const names = await readdir(stateDir).catch(() => [] as string[]);
        id = names.find((name) => name.endsWith('.journal'))?.slice(0, -'.journal'.length);
      }
    }
    let last: Awaited<ReturnType<typeof runCli>> | undefined;
    if (!id) {
      last = await submit;
      report.problems.push(`file store: submit ended (${last.code}) before it could be killed`);
    } else {
      // (The child's pid is not exposed by runCli: kill it through its lease file's pid.)
      const leases = await readdir(join(stateDir, '.leases')).catch(() => [] as string[]);
      const lease = leases.find((name) => name.startsWith(`${id}.lease-`));
      if (lease) {
        const { readFile } = await import('node:fs/promises');
        const holder = JSON.parse(await readFile(join(stateDir, '.leases', lease), 'utf8')) as {
          pid: number;
        };
        process.kill(holder.pid, 'SIGKILL');
      }
      const killed = await submit;
      if (killed.signal !== 'SIGKILL')
        report.problems.push(`file store: submit was not killed (${killed.code})`);
      const args = ['resume', id, ...common];
      const both = await Promise.all([runCli(args, { env }), runCli(args, { env })]);
      report.concurrentResumeExits = both.map((run) => run.code ?? -1).sort((a, b) => a - b);
      for (const [n, run] of both.entries()) {
        scanner.collect(`concurrent resume ${n + 1} (stdout)`, run.stdout);
        scanner.collect(`concurrent resume ${n + 1} (stderr)`, run.stderr);
      }
      if (!both.some((run) => run.code === 6))
        report.problems.push(
          `file store: neither concurrent resume was refused (exits ${report.concurrentResumeExits.join(', ')})`,
        );
      last = both.find((run) => run.code !== 6);
      // Whatever is left (a resume that stopped on a failure) is resumed to its end.
      for (let more = 0; more < 5 && last && ![0, 3, 4].includes(last.code ?? -1); more++)
        last = await runCli([...args, '--wait', '30'], { env });
    }
    const document = (() => {
      try {
        return JSON.parse(last?.stdout.trim().split('\n').at(-1) ?? '') as {
          sessionId?: string | null;
          state?: string;
        };
      } catch {
        return {};
      }
    })();
    report.sessions += 1;
    report.lines += options.lines;
    reported.push({
      intended: session,
      sessionId: document.sessionId ?? null,
      state: document.state ?? 'unknown',
    });
  }
}
