/**
 * Memory under abuse (issue 18): the sandbox runs as its own process (`covage-orders sandbox`)
 * and each attack gets a fresh one, whose resident memory (RSS, from /proc) is sampled while a
 * hostile client does its worst:
 *
 * - `sse`: a token holder makes the dashboard's view as large as the sandbox lets it (a huge
 *   `external_id` if accepted, else as many lines as the quota allows) and changes it every
 *   350 ms, while 10 dashboard clients connect and never read;
 * - `bodies`: hundreds of unauthenticated chunked bodies of ~1 MiB that never end;
 * - `notes`: one token holder adds lines with 1 MB notes, then the largest lines it may.
 *
 * Each attack passes when the sandbox's peak RSS stays within `maxGrowthMb` of its RSS before the
 * attack and it still serves afterwards. `--sandbox-cli` runs the same attacks against another
 * build (how the numbers before the fix were measured).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { cliPath } from './paths.js';
import { randomSecret } from './random.js';
import type { SecretScanner } from './secrets.js';

export type MemoryAttack = 'sse' | 'bodies' | 'notes';
export const MEMORY_ATTACKS: readonly MemoryAttack[] = ['sse', 'bodies', 'notes'];

export interface MemorySoakSizes {
  /** How long the SSE attack changes the view (ms). */
  sseMs: number;
  /** Lines the SSE attacker tries to hold (when a huge external_id is refused). */
  sseLines: number;
  /** Dashboard clients that never read (the 10). */
  sseWatchers: number;
  /** Connections with never-ending bodies, and how long they are held open (ms). */
  bodies: number;
  bodiesHoldMs: number;
  /** Lines with a 1 MB note the attacker sends, then lines of the largest size accepted. */
  noteLines: number;
  largestLines: number;
  /** Peak RSS growth allowed over the RSS before the attack (MB). */
  maxGrowthMb: number;
  /** More flags for the sandbox (the short round uses a smaller byte quota, to reach it sooner). */
  sandboxArgs: string[];
}

export const FULL_MEMORY: MemorySoakSizes = {
  sseMs: 30_000,
  sseLines: 3000,
  sseWatchers: 10,
  bodies: 500,
  bodiesHoldMs: 10_000,
  noteLines: 600,
  largestLines: 3000,
  maxGrowthMb: 200,
  sandboxArgs: [],
};

export const SHORT_MEMORY: MemorySoakSizes = {
  sseMs: 2000,
  sseLines: 100,
  sseWatchers: 10,
  bodies: 60,
  bodiesHoldMs: 1500,
  noteLines: 20,
  largestLines: 400,
  maxGrowthMb: 200,
  sandboxArgs: ['--bytes-per-user', String(4 * 1024 * 1024)],
};

export interface AttackReport {
  attack: MemoryAttack;
  /** RSS before the attack, its peak (VmHWM) and at the end, in MB. */
  beforeMb: number;
  peakMb: number;
  endMb: number;
  /** Answers the attacker got, by status (`error` for no answer). */
  byStatus: Record<string, number>;
  /** The sandbox still created a session afterwards. */
  stillServing: boolean;
  /** What the sandbox reports holding (`/__sandbox/counts`), when it has that route. */
  counts: Record<string, unknown> | null;
  passed: boolean;
  durationMs: number;
}

export interface MemorySoakReport {
  attacks: AttackReport[];
  maxGrowthMb: number;
  /** The CLI whose sandbox was attacked, when not this build's. */
  sandboxCli: string | null;
}

export interface MemorySoakOptions {
  sizes: MemorySoakSizes;
  scanner: SecretScanner;
  attacks?: readonly MemoryAttack[];
  /** Another build's `dist/src/cli/main.js`. */
  sandboxCli?: string;
  log?: (line: string) => void;
}

const MB = 1024 * 1024;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface SandboxProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `covage-orders sandbox` with a token and an admin token from the environment. */
async function startSandbox(cli: string, token: string, adminToken: string, args: string[]) {
  const child = spawn(
    process.execPath,
    [cli, 'sandbox', '--port', '0', '--outcome-delay-ms', '100', ...args],
    {
      env: {
        PATH: process.env.PATH ?? '',
        NO_COLOR: '1',
        COVAGE_SANDBOX_TOKENS: token,
        COVAGE_SANDBOX_ADMIN_TOKEN: adminToken,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stderr?.resume();
  const stopped = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('the sandbox did not start in 15 s')), 15_000);
    child.on('error', reject);
    child.on('close', (code) => reject(new Error(`the sandbox exited (${code})`)));
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const found = /^(http:\/\/\S+)\s*$/m.exec(out)?.[1];
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    });
  });
  return {
    url,
    pid: child.pid ?? 0,
    child,
    stop: async () => {
      child.kill('SIGKILL');
      await stopped;
    },
  } satisfies SandboxProcess;
}

/** A process's current and peak resident memory (VmRSS, VmHWM), in bytes. */
export async function residentMemory(pid: number): Promise<{ rss: number; peak: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  return { rss: kb('VmRSS') * 1024, peak: kb('VmHWM') * 1024 };
}

async function request(
  url: string,
  method: string,
  path: string,
  token: string | undefined,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  try {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? null : JSON.stringify(body),
    });
    const text = await response.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: response.status, json };
  } catch {
    return { status: 0, json: null };
  }
}

function tally(byStatus: Record<string, number>, status: number) {
  const key = status === 0 ? 'error' : String(status);
  byStatus[key] = (byStatus[key] ?? 0) + 1;
}

/** The line the attacks add: `fill` on every free-text field, a 255-character external id. */
function bigLine(n: number, fill: string) {
  return {
    external_id: `${String(n).padStart(8, '0')}-${'e'.repeat(246)}`,
    product_offering_id: '2173',
    product_offering_qualification_item_id: `q-${n}-${'q'.repeat(200)}`,
    end_customer_name: 'c'.repeat(255),
    customer_order_name: 'o'.repeat(255),
    note: fill,
    technical_note: fill,
    specific_request: fill,
    access_instructions: fill,
  };
}

/** Dashboard clients that connect to the live feed and never read a byte. */
function stalledWatchers(url: string, count: number): Socket[] {
  const { hostname, port } = new URL(url);
  return Array.from({ length: count }, () => {
    const socket = connect({ host: hostname, port: Number(port) });
    socket.on('error', () => {});
    socket.on('connect', () => {
      socket.write(
        `GET /__sandbox/dashboard/events HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAccept: text/event-stream\r\n\r\n`,
      );
      socket.pause();
    });
    return socket;
  });
}

async function sseAttack(
  sandbox: SandboxProcess,
  token: string,
  sizes: MemorySoakSizes,
  byStatus: Record<string, number>,
) {
  const session = await request(sandbox.url, 'POST', '/api/v1/product_order', token, {
    external_id: 'x'.repeat(900 * 1024),
  });
  tally(byStatus, session.status);
  let sessionId = (session.json as { id?: string } | null)?.id;
  const lineIds: string[] = [];
  if (!sessionId) {
    // A huge external_id is refused: make the view as large as the quotas allow instead.
    const plain = await request(sandbox.url, 'POST', '/api/v1/product_order', token, {});
    sessionId = (plain.json as { id?: string } | null)?.id;
    for (let n = 0; n < sizes.sseLines && sessionId; n++) {
      const line = await request(
        sandbox.url,
        'POST',
        `/api/v1/product_order/${sessionId}/product_order_item`,
        token,
        bigLine(n, ''),
      );
      tally(byStatus, line.status);
      const id = (line.json as { id?: string } | null)?.id;
      if (id) lineIds.push(id);
      else if (line.status === 429) break;
    }
  } else {
    const line = await request(
      sandbox.url,
      'POST',
      `/api/v1/product_order/${sessionId}/product_order_item`,
      token,
      bigLine(0, ''),
    );
    const id = (line.json as { id?: string } | null)?.id;
    if (id) lineIds.push(id);
  }
  const watchers = stalledWatchers(sandbox.url, sizes.sseWatchers);
  const ends = Date.now() + sizes.sseMs;
  for (let n = 0; Date.now() < ends && sessionId; n++) {
    const lineId = lineIds[n % Math.max(1, lineIds.length)];
    const change = lineId
      ? await request(
          sandbox.url,
          'PATCH',
          `/api/v1/product_order/${sessionId}/product_order_item/${lineId}`,
          token,
          { external_id: `${String(n).padStart(8, '0')}-${'u'.repeat(246)}` },
        )
      : await request(sandbox.url, 'POST', '/api/v1/product_order', token, {});
    tally(byStatus, change.status);
    await sleep(350);
  }
  for (const socket of watchers) socket.destroy();
}

async function bodiesAttack(
  sandbox: SandboxProcess,
  sizes: MemorySoakSizes,
  byStatus: Record<string, number>,
) {
  const { hostname, port } = new URL(sandbox.url);
  const chunk = 'x'.repeat(16 * 1024);
  const frame = `${chunk.length.toString(16)}\r\n${chunk}\r\n`;
  const sockets = Array.from({ length: sizes.bodies }, () => {
    const socket = connect({ host: hostname, port: Number(port) });
    socket.on('error', () => {});
    socket.setEncoding('utf8');
    let answered = false;
    socket.on('data', (text: string) => {
      if (answered) return;
      answered = true;
      tally(byStatus, Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0));
    });
    socket.on('connect', () => {
      socket.write(
        `POST /api/v1/product_order HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`,
      );
      // ~1 MiB, never ended.
      for (let n = 0; n < 63; n++) socket.write(frame);
    });
    return socket;
  });
  await sleep(sizes.bodiesHoldMs);
  for (const socket of sockets) socket.destroy();
}

async function notesAttack(
  sandbox: SandboxProcess,
  token: string,
  sizes: MemorySoakSizes,
  byStatus: Record<string, number>,
) {
  const session = await request(sandbox.url, 'POST', '/api/v1/product_order', token, {});
  const sessionId = (session.json as { id?: string } | null)?.id ?? 'none';
  const path = `/api/v1/product_order/${sessionId}/product_order_item`;
  const megabyte = 'n'.repeat(1_000_000);
  for (let n = 0; n < sizes.noteLines; n++)
    tally(
      byStatus,
      (await request(sandbox.url, 'POST', path, token, { ...bigLine(n, ''), note: megabyte }))
        .status,
    );
  // Then the largest lines the sandbox accepts, until its quota says no.
  const largest = 'l'.repeat(4000);
  let refusals = 0;
  for (let n = 0; n < sizes.largestLines && refusals < 20; n++) {
    const answer = await request(sandbox.url, 'POST', path, token, bigLine(n, largest));
    tally(byStatus, answer.status);
    if (answer.status === 429) refusals++;
  }
}

async function runAttack(
  attack: MemoryAttack,
  options: MemorySoakOptions,
  cli: string,
): Promise<AttackReport> {
  const started = Date.now();
  const token = randomSecret('memory-token');
  const adminToken = randomSecret('memory-admin');
  options.scanner.add('the memory soak token', token);
  options.scanner.add('the memory soak admin token', adminToken);
  const sandbox = await startSandbox(cli, token, adminToken, options.sizes.sandboxArgs);
  const byStatus: Record<string, number> = {};
  try {
    await request(sandbox.url, 'POST', '/api/v1/product_order', token, {});
    await sleep(300);
    const before = await residentMemory(sandbox.pid);
    if (attack === 'sse') await sseAttack(sandbox, token, options.sizes, byStatus);
    else if (attack === 'bodies') await bodiesAttack(sandbox, options.sizes, byStatus);
    else await notesAttack(sandbox, token, options.sizes, byStatus);
    await sleep(500);
    const after = await residentMemory(sandbox.pid);
    const served = await request(sandbox.url, 'POST', '/api/v1/product_order', token, {});
    const countsAnswer = await fetch(`${sandbox.url}/__sandbox/counts`, {
      headers: { Authorization: `Bearer ${adminToken}` },
    }).catch(() => undefined);
    const counts =
      countsAnswer?.status === 200
        ? ((await countsAnswer.json()) as Record<string, unknown>)
        : null;
    const peakMb = after.peak / MB;
    const beforeMb = before.rss / MB;
    const stillServing = served.status === 201 || served.status === 429;
    return {
      attack,
      beforeMb,
      peakMb,
      endMb: after.rss / MB,
      byStatus,
      stillServing,
      counts,
      passed: stillServing && peakMb - beforeMb <= options.sizes.maxGrowthMb,
      durationMs: Date.now() - started,
    };
  } catch (error) {
    // The sandbox died (e.g. out of memory): that is the attack's success.
    return {
      attack,
      beforeMb: 0,
      peakMb: Number.NaN,
      endMb: Number.NaN,
      byStatus: {
        ...byStatus,
        [`crashed: ${error instanceof Error ? error.message : String(error)}`]: 1,
      },
      stillServing: false,
      counts: null,
      passed: false,
      durationMs: Date.now() - started,
    };
  } finally {
    await sandbox.stop();
  }
}

export async function runMemorySoak(options: MemorySoakOptions): Promise<MemorySoakReport> {
  const cli = options.sandboxCli ?? cliPath();
  const attacks: AttackReport[] = [];
  for (const attack of options.attacks ?? MEMORY_ATTACKS) {
    const report = await runAttack(attack, options, cli);
    options.log?.(
      `  ${attack}: RSS ${report.beforeMb.toFixed(0)} MB before, peak ${report.peakMb.toFixed(0)} MB, ${report.endMb.toFixed(0)} MB after; ${report.passed ? 'bounded' : 'NOT bounded'}`,
    );
    attacks.push(report);
  }
  return {
    attacks,
    maxGrowthMb: options.sizes.maxGrowthMb,
    sandboxCli: options.sandboxCli ?? null,
  };
}

export function memorySoakPassed(report: MemorySoakReport): boolean {
  return report.attacks.every((attack) => attack.passed);
}
