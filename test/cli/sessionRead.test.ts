/**
 * `--session-read` (issue 15), run as a user runs it: the built CLI against a sandbox process
 * without the session read. `auto` says once that it switches and ends as usual; `off` never
 * reads; a line whose outcome is not told by the deadline ends `outcome_unknown`, exit 7, and
 * the JSON says so.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertBuilt,
  cleanEnv,
  ORDER,
  runCli,
  type SandboxProcess,
  startCli,
  startSandboxProcess,
} from './support/cli.js';

let dir: string;
let noRead: SandboxProcess;
let slow: SandboxProcess;

beforeAll(async () => {
  assertBuilt();
  dir = await mkdtemp(join(tmpdir(), 'covage-session-read-'));
  [noRead, slow] = await Promise.all([
    startSandboxProcess([
      '--no-read-session',
      '--export-interval-ms',
      '1000',
      '--export-duration-ms',
      '50',
      '--outcome-delay-ms',
      '20',
    ]),
    // The outcome never comes within the test: the deadline decides.
    startSandboxProcess([
      '--no-read-session',
      '--export-interval-ms',
      '1000',
      '--export-duration-ms',
      '50',
      '--outcome-delay-ms',
      '600000',
    ]),
  ]);
});
afterAll(async () => {
  await Promise.all([noRead?.stop(), slow?.stop()]);
  await rm(dir, { recursive: true, force: true });
});

let files = 0;
async function order(note?: string): Promise<string> {
  files++;
  const parsed = JSON.parse(await readFile(ORDER, 'utf8')) as {
    session: Record<string, unknown>;
    lines: Record<string, unknown>[];
  };
  const lines = parsed.lines.map((line, index) => ({
    ...line,
    external_id: `${String(line.external_id)}-read-${files}`,
    ...(note && index === 0 ? { note } : {}),
  }));
  const path = join(dir, `order-${files}.json`);
  await writeFile(path, JSON.stringify({ ...parsed, lines }));
  return path;
}

const env = (sandbox: SandboxProcess) => cleanEnv({ COVAGE_TOKEN: sandbox.token });
const args = (sandbox: SandboxProcess) => [
  '--base-url',
  sandbox.url,
  '--state-dir',
  join(dir, `state-${files}`),
  '--export-interval',
  '1',
];

describe('covage-orders submit --session-read', () => {
  it('auto: one note when the read answers 404, then the outcome from the documented paths', async () => {
    const path = await order('[sandbox:rejected_creation]');
    const run = await runCli(['submit', path, ...args(noRead)], { env: env(noRead) });
    expect(run.code).toBe(3);
    const notes = run.stderr.split('\n').filter((line) => line.includes('note:'));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/answered 404: the API has no session read/);
    expect(run.stdout).toContain('sandbox_forced_rejection @ note');
    expect(run.stdout).toContain('partial: 2 of 3 lines became orders');
  });

  it('off: no read at all, no note; --json holds the lines found on order tracking', async () => {
    const path = await order();
    const run = await runCli(['submit', path, ...args(noRead), '--session-read', 'off', '--json'], {
      env: env(noRead),
    });
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain('note:');
    const result = JSON.parse(run.stdout);
    expect(result.state).toBe('completed');
    for (const line of result.lines) expect(line.orderReference).toMatch(/^ORD_/);
    const state = await noRead.state();
    expect(state.requests.byRoute['GET (no route)'] ?? 0).toBe(1); // the auto run's one read
  });

  it('a line still unknown at the deadline: outcome_unknown, exit 7, said in the JSON, never guessed', async () => {
    const path = await order();
    const run = await runCli(
      ['submit', path, ...args(slow), '--session-read', 'off', '--outcome-deadline', '2', '--json'],
      { env: env(slow) },
    );
    expect(run.code).toBe(7);
    const result = JSON.parse(run.stdout);
    expect(result.state).toBe('outcome_unknown');
    expect(result.exitCode).toBe(7);
    expect(result.lines.map((line: { machineState: string }) => line.machineState)).toEqual([
      'outcome_unknown',
      'outcome_unknown',
      'outcome_unknown',
    ]);
    expect(run.stderr).toMatch(/the outcome of 3 lines \(line 1, line 2, line 3\) is unknown/);
  });

  it('resume after the deadline: outcome_unknown at once (the deadline counts from the confirmation, stored), no look again', async () => {
    const path = await order();
    const submit = startCli(
      ['submit', path, ...args(slow), '--session-read', 'off', '--outcome-deadline', '3'],
      { env: env(slow) },
    );
    await submit.waitFor(/confirmed: waiting for the outcome/);
    const confirmed = Date.now();
    submit.child.kill('SIGINT');
    const stopped = await submit.exited;
    expect(stopped.code).toBe(130);
    const resume = /covage-orders (resume \S+ --state-dir \S+ --base-url \S+)/.exec(
      stopped.stderr,
    )?.[1];
    expect(resume).toBeDefined();
    // The 3 seconds pass while nothing runs.
    await new Promise((done) => setTimeout(done, Math.max(0, confirmed + 3500 - Date.now())));
    const routes = async () => (await slow.state()).requests.byRoute;
    const before = await routes();
    const run = await runCli([...(resume ?? '').split(' '), '--export-interval', '1', '--json'], {
      env: env(slow),
    });
    expect(run.code).toBe(7);
    const result = JSON.parse(run.stdout);
    expect(result.state).toBe('outcome_unknown');
    expect(result.lines.map((line: { machineState: string }) => line.machineState)).toEqual([
      'outcome_unknown',
      'outcome_unknown',
      'outcome_unknown',
    ]);
    const after = await routes();
    for (const route of ['GET /api/v1/order/', 'POST /api/v1/product_order/export/csv/'])
      expect(after[route] ?? 0, route).toBe(before[route] ?? 0);
  });

  it('a mode it does not know is a bad flag: exit 2, nothing sent', async () => {
    const run = await runCli(['submit', ORDER, '--session-read', 'maybe'], { env: cleanEnv() });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--session-read is one of auto, on, off/);
  });
});
