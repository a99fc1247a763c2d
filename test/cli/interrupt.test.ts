/**
 * Ctrl+C in the middle of `covage-orders submit`: the session is saved, the command exits 130
 * and prints how to resume; `covage-orders resume` then finishes it, and the API holds each line
 * exactly once, confirmed once. The API is a sandbox in its own process, so that it outlives the
 * interrupted command (an embedded sandbox stops with it).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertBuilt,
  cleanEnv,
  externalIdCounts,
  ORDER,
  ROUTES,
  runCli,
  type SandboxProcess,
  startCli,
  startSandboxProcess,
} from './support/cli.js';

let dir: string;
beforeAll(async () => {
  assertBuilt();
  dir = await mkdtemp(join(tmpdir(), 'covage-interrupt-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The resume command printed on stderr, as arguments. */
function resumeArgs(stderr: string): string[] {
  const command = /covage-orders (resume \S+ --state-dir \S+ --base-url \S+)/.exec(stderr)?.[1];
  if (!command) throw new Error(`no resume command in:\n${stderr}`);
  return command.split(' ');
}

async function expectEachLineOnce(sandbox: SandboxProcess, externalIds: string[]) {
  const state = await sandbox.state();
  const counts = externalIdCounts(state);
  for (const id of externalIds) expect(counts.get(id), id).toBe(1);
  expect(state.requests.byRoute[ROUTES.createSession]).toBe(1);
  expect(state.requests.byRoute[ROUTES.confirm]).toBe(1);
  expect(state.sessions.map((session) => session.state)).toEqual(['completed']);
}

describe.concurrent('SIGINT during submit, then resume', () => {
  let order: { lines: { external_id: string }[] };
  beforeAll(async () => {
    order = JSON.parse(await readFile(ORDER, 'utf8'));
  });

  it('while the lines are being created: exit 130, and resume creates the rest once', async () => {
    // Every request takes 400 ms, one line at a time: when L1 is created, L2's POST is under way
    // (wide margins: a loaded machine may be slow to deliver the signal).
    const sandbox = await startSandboxProcess(['--latency-ms', '400', '--outcome-delay-ms', '20']);
    try {
      const env = cleanEnv({ COVAGE_TOKEN: sandbox.token });
      const stateDir = join(dir, 'creating');
      const submit = startCli(
        ['submit', ORDER, '--base-url', sandbox.url, '--concurrency', '1', '--state-dir', stateDir],
        { env },
      );
      await submit.waitFor(/line 1 ACME-2025-0042-01 created/);
      submit.child.kill('SIGINT');
      const stopped = await submit.exited;
      expect(stopped.code).toBe(130);
      expect(stopped.stderr).toContain('interrupted; the session is saved, continue it with:');

      const resumed = await runCli(resumeArgs(stopped.stderr), { env });
      expect(resumed.code).toBe(0);
      expect(resumed.stdout).toContain('completed: 3 of 3 lines became orders');
      await expectEachLineOnce(
        sandbox,
        order.lines.map((line) => line.external_id),
      );
    } finally {
      await sandbox.stop();
    }
  });

  it('while waiting for the outcome: resume follows it without confirming again', async () => {
    const sandbox = await startSandboxProcess(['--outcome-delay-ms', '4000']);
    try {
      const env = cleanEnv({ COVAGE_TOKEN: sandbox.token });
      const submit = startCli(
        ['submit', ORDER, '--base-url', sandbox.url, '--state-dir', join(dir, 'following')],
        { env },
      );
      await submit.waitFor(/confirmed: waiting for the outcome/);
      submit.child.kill('SIGINT');
      const stopped = await submit.exited;
      expect(stopped.code).toBe(130);

      const resumed = await runCli([...resumeArgs(stopped.stderr), '--json'], { env });
      expect(resumed.code).toBe(0);
      const result = JSON.parse(resumed.stdout) as { state: string; lines: unknown[] };
      expect(result.state).toBe('completed');
      expect(result.lines).toHaveLength(3);
      await expectEachLineOnce(
        sandbox,
        order.lines.map((line) => line.external_id),
      );
    } finally {
      await sandbox.stop();
    }
  });

  it('on the embedded sandbox: exit 130, and resume refuses clearly (exit 2): that sandbox is gone', async () => {
    const stateDir = join(dir, 'embedded');
    const submit = startCli(['submit', ORDER, '--state-dir', stateDir], {
      env: cleanEnv({ COVAGE_SANDBOX_OUTCOME_DELAY_MS: '5000' }),
    });
    await submit.waitFor(/confirmed: waiting for the outcome/);
    submit.child.kill('SIGINT');
    const stopped = await submit.exited;
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toContain('embedded sandbox, which stops with this command');
    const id = /state in \S+\/(\w+)\.journal/.exec(stopped.stderr)?.[1];
    expect(id).toBeDefined();

    const resumed = await runCli(['resume', id as string, '--state-dir', stateDir], {
      env: cleanEnv({ COVAGE_TOKEN: 'x' }),
    });
    expect(resumed.code).toBe(2);
    expect(resumed.stderr).toMatch(/embedded sandbox .* is gone/);
    expect(resumed.stderr.trim().split('\n')).toHaveLength(1);
  });
});
