/**
 * The state file never decides where credentials go: `covage-orders resume` sends to the API named
 * by `--base-url` or `COVAGE_BASE_URL`, and only when it is the one the session was sent to (the
 * `origin` in the file). A file whose origin was changed cannot send the token anywhere else.
 */

import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileStore, saveRecord } from '../../src/store/file.js';
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
let sandbox: SandboxProcess;
/** Where a tampered state file would send the token: it counts what reaches it. */
let elsewhere: Server;
let elsewhereUrl = '';
let elsewhereRequests = 0;
let id = '';
const stateDir = () => join(dir, 'state');

beforeAll(async () => {
  assertBuilt();
  dir = await mkdtemp(join(tmpdir(), 'covage-origin-'));
  elsewhere = createServer((request, response) => {
    elsewhereRequests++;
    request.resume();
    response.writeHead(500).end();
  });
  await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
  elsewhereUrl = `http://localhost:${(elsewhere.address() as AddressInfo).port}`;
  // A session stopped part-way: Ctrl+C once its first line is created.
  sandbox = await startSandboxProcess(['--latency-ms', '150', '--outcome-delay-ms', '20']);
  const submit = startCli(
    ['submit', ORDER, '--base-url', sandbox.url, '--concurrency', '1', '--state-dir', stateDir()],
    { env: cleanEnv({ COVAGE_TOKEN: sandbox.token }) },
  );
  await submit.waitFor(/line 1 \S+ created/);
  submit.child.kill('SIGINT');
  const stopped = await submit.exited;
  if (stopped.code !== 130) throw new Error(`submit: ${stopped.code} ${stopped.stderr}`);
  id = /resume (\w+) /.exec(stopped.stderr)?.[1] ?? '';
});

afterAll(async () => {
  await sandbox?.stop();
  await new Promise<void>((resolve) => elsewhere.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

const token = () => ({ COVAGE_TOKEN: sandbox.token });

/** Exit 2, one line on stderr matching `message`, nothing sent anywhere else. */
function expectRefused(run: { code: number | null; stderr: string }, message: RegExp) {
  expect(run.code, run.stderr).toBe(2);
  const lines = run.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(message);
  expect(run.stderr).not.toContain(sandbox.token);
  expect(elsewhereRequests).toBe(0);
}

describe('resume: the base URL comes from the command line or the environment', () => {
  it('without --base-url nor COVAGE_BASE_URL: refused, naming the API the session was sent to', async () => {
    const run = await runCli(['resume', id, '--state-dir', stateDir()], { env: cleanEnv(token()) });
    expectRefused(
      run,
      new RegExp(
        `^covage-orders: session ${id} was sent to ${sandbox.url}: to go on there, set COVAGE_BASE_URL=${sandbox.url} \\(or pass --base-url ${sandbox.url}\\)`,
      ),
    );
  });

  it('a --base-url other than the origin: refused', async () => {
    const run = await runCli(
      ['resume', id, '--state-dir', stateDir(), '--base-url', elsewhereUrl],
      {
        env: cleanEnv(token()),
      },
    );
    expectRefused(
      run,
      /--base-url is http:\/\/localhost:\d+, but session \w+ was sent to http:\/\/127\.0\.0\.1:\d+/,
    );
  });

  it('a state file whose origin was changed: nothing goes to the new origin', async () => {
    const store = createFileStore(stateDir());
    const record = await store.load(id);
    if (!record) throw new Error('no record');
    await saveRecord(store, { ...record, origin: { baseUrl: elsewhereUrl } });
    try {
      expectRefused(
        await runCli(['resume', id, '--state-dir', stateDir()], { env: cleanEnv(token()) }),
        /was sent to http:\/\/localhost:\d+: to go on there, set COVAGE_BASE_URL=/,
      );
      expectRefused(
        await runCli(['resume', id, '--state-dir', stateDir()], {
          env: cleanEnv({ ...token(), COVAGE_BASE_URL: sandbox.url }),
        }),
        /^covage-orders: COVAGE_BASE_URL is http:\/\/127\.0\.0\.1:\d+, but session \w+ was sent to http:\/\/localhost:\d+/,
      );
    } finally {
      await saveRecord(store, record);
    }
  });

  it('COVAGE_BASE_URL naming the origin: the session goes on and completes', async () => {
    const run = await runCli(['resume', id, '--state-dir', stateDir(), '--quiet'], {
      env: cleanEnv({ ...token(), COVAGE_BASE_URL: `${sandbox.url}/` }),
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('completed: 3 of 3 lines became orders');
    expect(elsewhereRequests).toBe(0);
  });
});
