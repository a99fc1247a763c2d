/**
 * One command runs a session at a time: `submit` and `resume` hold the session's lease; a second
 * `resume` is refused (exit 6, one line naming the holder and its start time) or, with `--wait`,
 * waits for it. A command that died (SIGKILL) leaves a lease the next one takes over at once.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import {
  assertBuilt,
  cleanEnv,
  externalIdCounts,
  ORDER,
  runCli,
  type SandboxProcess,
  startCli,
  startSandboxProcess,
} from './support/cli.js';

let dir: string;
let sandbox: SandboxProcess;

beforeAll(async () => {
  assertBuilt();
  dir = await mkdtemp(join(tmpdir(), 'covage-lease-cli-'));
  sandbox = await startSandboxProcess(['--latency-ms', '250', '--outcome-delay-ms', '20']);
});

afterAll(async () => {
  await sandbox?.stop();
  await rm(dir, { recursive: true, force: true });
});

const env = (on: SandboxProcess = sandbox) => cleanEnv({ COVAGE_TOKEN: on.token });

function submit(stateDir: string, on: SandboxProcess = sandbox) {
  return startCli(
    ['submit', ORDER, '--base-url', on.url, '--concurrency', '1', '--state-dir', stateDir],
    { env: env(on) },
  );
}

async function storedId(stateDir: string): Promise<string> {
  const names = (await readdir(stateDir)).filter((name) => name.endsWith('.journal'));
  expect(names).toHaveLength(1);
  return (names[0] as string).slice(0, -'.journal'.length);
}

/** Every line of the order is held once by the sandbox, in one session. */
async function expectEachLineOnce(on: SandboxProcess = sandbox): Promise<void> {
  const counts = externalIdCounts(await on.state());
  for (const [externalId, count] of counts) expect(count, externalId).toBe(1);
}

const LOCKED =
  /^covage-orders: session \w+ is being run by another runner \(pid \d+ on \S+, since \d{4}-\d\d-\d\dT[\d:.]+Z\): nothing was sent; wait for it to finish, or pass --wait <seconds>$/;

describe('one command per session', () => {
  it('two resumes of a killed session at once: one runs it, the other exits 6 naming the holder', async () => {
    const stateDir = join(dir, 'killed');
    const running = submit(stateDir);
    await running.waitFor(/line 1 \S+ created/);
    running.child.kill('SIGKILL');
    await running.exited;
    const id = await storedId(stateDir);
    const args = ['resume', id, '--state-dir', stateDir, '--base-url', sandbox.url];
    const [a, b] = await Promise.all([runCli(args, { env: env() }), runCli(args, { env: env() })]);
    const codes = [a.code, b.code].sort();
    expect(codes, `${a.stderr}\n${b.stderr}`).toEqual([0, 6]);
    const refused = a.code === 6 ? a : b;
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr.trim()).toMatch(LOCKED);
    expect(refused.stdout).toBe('');
    await expectEachLineOnce();
  });

  it('resume while submit runs: refused without --wait, waits with it, each line sent once', async () => {
    // A slower API: the submit is still running when both resumes start.
    const slow = await startSandboxProcess(['--latency-ms', '900', '--outcome-delay-ms', '20']);
    onTestFinished(() => slow.stop());
    const stateDir = join(dir, 'running');
    const running = submit(stateDir, slow);
    await running.waitFor(/line 1 \S+ created/);
    const id = await storedId(stateDir);
    const args = ['resume', id, '--state-dir', stateDir, '--base-url', slow.url];
    const waiting = runCli([...args, '--wait', '60'], { env: env(slow) });
    const refused = await runCli(args, { env: env(slow) });
    expect(refused.code, refused.stderr).toBe(6);
    expect(refused.stderr.trim()).toMatch(LOCKED);
    const waited = await waiting;
    const submitted = await running.exited;
    expect(submitted.code, submitted.stderr).toBe(0);
    expect(waited.code, waited.stderr).toBe(0);
    expect(waited.stderr).toMatch(
      /is being run by pid \d+ on \S+ \(since .+\); waiting up to 60 s for it/,
    );
    await expectEachLineOnce(slow);
    // The leases are gone with their commands.
    expect((await readdir(stateDir)).filter((name) => !name.endsWith('.journal'))).toEqual([]);
  });
});
