/**
 * `covage-orders submit`, run as a user runs it: the built CLI as a child process, against the
 * embedded sandbox (the offline default) or a sandbox in its own process (`--base-url`).
 */
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJournal } from '../../src/store/journal.js';
import {
  assertBuilt,
  BROKEN,
  cleanEnv,
  ORDER,
  runCli,
  type SandboxProcess,
  startSandboxProcess,
  tableRows,
} from './support/cli.js';

interface Order {
  session: Record<string, unknown>;
  lines: Record<string, unknown>[];
}

const MISSING_DIR = join(tmpdir(), 'covage-no-such-dir');

let dir: string;
let sandbox: SandboxProcess;
let order: Order;

beforeAll(async () => {
  assertBuilt();
  dir = await mkdtemp(join(tmpdir(), 'covage-submit-'));
  order = JSON.parse(await readFile(ORDER, 'utf8')) as Order;
  sandbox = await startSandboxProcess(['--outcome-delay-ms', '20']);
});
afterAll(async () => {
  await sandbox?.stop();
  await rm(dir, { recursive: true, force: true });
});

let files = 0;
/** A fresh state directory per test, so that tests never see each other's sessions. */
function stateDir(): string {
  files++;
  return join(dir, `state-${files}`);
}

/** The example order with a sandbox outcome marker in the notes of the lines at `rejected`. */
async function orderWithRejected(rejected: number[], suffix: string): Promise<string> {
  const lines = order.lines.map((line, index) => ({
    ...line,
    external_id: `${String(line.external_id)}-${suffix}`,
    ...(rejected.includes(index) ? { note: '[sandbox:rejected_creation]' } : {}),
  }));
  const path = join(dir, `order-${suffix}.json`);
  await writeFile(path, JSON.stringify({ ...order, lines }));
  return path;
}

const remote = () => ['--base-url', sandbox.url];

/** A loopback port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
const withToken = (token = sandbox.token) => cleanEnv({ COVAGE_TOKEN: token });

describe.concurrent('covage-orders submit', () => {
  describe('submit a ready order', () => {
    it('on the embedded sandbox: exit 0, says so, and ends with the table of orders', async () => {
      const run = await runCli(['submit', ORDER, '--state-dir', stateDir()]);
      expect(run.stderr).toMatch(/embedded sandbox at http:\/\/127\.0\.0\.1:\d+/);
      expect(run.code).toBe(0);
      // Off a terminal, progress is one plain line per event.
      expect(run.stdout).toContain('line 1 ACME-2025-0042-01 created (id ');
      expect(run.stdout).toContain('confirmed: waiting for the outcome');
      const table = run.stdout.slice(run.stdout.indexOf('┌'));
      expect(tableRows(table)[0]).toEqual([
        'line',
        'external_id',
        'state',
        'order_reference / termination errors',
      ]);
      for (const row of table.split('\n')) expect(row.length).toBeLessThanOrEqual(80);
      for (const line of order.lines) expect(table).toContain(String(line.external_id));
      expect(table.match(/ORD_\w+/g)).toHaveLength(3);
      expect(run.stdout.trimEnd().split('\n').slice(-2)).toEqual([
        expect.stringMatching(/^session [\w-]+$/),
        'completed: 3 of 3 lines became orders',
      ]);
    });

    it('with --json, stdout holds exactly one JSON document: the result', async () => {
      const run = await runCli(['submit', ORDER, '--json', '--state-dir', stateDir()]);
      expect(run.code).toBe(0);
      const result = JSON.parse(run.stdout) as {
        state: string;
        exitCode: number;
        sessionId: string;
        embeddedSandbox: boolean;
        lines: { externalId: string; apiState: string; orderReference: string | null }[];
      };
      expect(result.state).toBe('completed');
      expect(result.exitCode).toBe(0);
      expect(result.embeddedSandbox).toBe(true);
      expect(result.sessionId).toEqual(expect.any(String));
      expect(result.lines.map((line) => line.externalId)).toEqual(
        order.lines.map((line) => line.external_id),
      );
      for (const line of result.lines) expect(line.orderReference).toMatch(/^ORD_/);
      // Progress went to stderr, as plain lines.
      expect(run.stderr).toContain('line 2 ACME-2025-0042-02 created');
    });

    it('with --quiet, only the table and the verdict', async () => {
      const run = await runCli(['submit', ORDER, '--quiet', '--state-dir', stateDir()]);
      expect(run.code).toBe(0);
      expect(run.stdout.startsWith('┌')).toBe(true);
      expect(run.stdout).not.toContain('created (id');
    });

    it('against an API at --base-url, with COVAGE_TOKEN: the sandbox holds each line once', async () => {
      const path = await orderWithRejected([], 'remote');
      const state = stateDir();
      const run = await runCli(['submit', path, ...remote(), '--state-dir', state], {
        env: withToken(),
      });
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
      const held = await sandbox.state();
      const session = held.sessions.find((candidate) =>
        candidate.product_order_item.some(
          (line) => line.external_id === 'ACME-2025-0042-01-remote',
        ),
      );
      expect(session?.state).toBe('completed');
      expect(session?.product_order_item).toHaveLength(3);
    });

    it('keeps the session file: it records where it was sent, never the credentials', async () => {
      const state = stateDir();
      const run = await runCli(['submit', ORDER, ...remote(), '--json', '--state-dir', state], {
        env: withToken(),
      });
      expect(run.code).toBe(0);
      const { stateFile, id } = JSON.parse(run.stdout) as { stateFile: string; id: string };
      expect(stateFile).toBe(join(state, `${id}.journal`));
      const text = await readFile(stateFile, 'utf8');
      expect(readJournal(text, stateFile).record?.origin).toEqual({ baseUrl: sandbox.url });
      expect(text).not.toContain(sandbox.token);
      // The file lets `resume` show the outcome again, without a request nor credentials.
      const again = await runCli(['resume', id, '--state-dir', state], { env: cleanEnv() });
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('completed: 3 of 3 lines became orders');
    });
  });

  describe('submit an order the back office refuses in part or in whole', () => {
    it('one line rejected: exit 3 (partial), its termination errors in the table', async () => {
      const path = await orderWithRejected([1], 'partial');
      const run = await runCli(['submit', path, '--quiet', '--state-dir', stateDir()]);
      expect(run.code).toBe(3);
      expect(run.stdout).toContain('rejected_creation');
      expect(tableRows(run.stdout).map((row) => row[3])).toContain(
        'sandbox_forced_rejection @ note',
      );
      for (const row of run.stdout.split('\n')) expect(row.length).toBeLessThanOrEqual(80);
      expect(run.stdout).toMatch(/partial: 2 of 3 lines became orders/);
    });

    it('every line rejected: exit 4 (rejected)', async () => {
      const path = await orderWithRejected([0, 1, 2], 'rejected');
      const run = await runCli(['submit', path, '--json', '--state-dir', stateDir()]);
      expect(run.code).toBe(4);
      const result = JSON.parse(run.stdout) as { state: string; lines: { apiState: string }[] };
      expect(result.state).toBe('rejected');
      expect(result.lines.every((line) => line.apiState === 'rejected_creation')).toBe(true);
    });
  });

  describe('submit an order that is not ready', () => {
    it('exit 1 with the paths of the problems, and no request reaches the API', async () => {
      const api = await startSandboxProcess();
      try {
        const state = stateDir();
        const run = await runCli(['submit', BROKEN, '--base-url', api.url, '--state-dir', state], {
          env: cleanEnv({ COVAGE_TOKEN: api.token }),
        });
        expect(run.code).toBe(1);
        expect(run.stdout).toContain(
          'line 1 (lines[0]), external_id broken-01-no-enni, offering 2173: not ready',
        );
        expect(run.stdout).toContain('✗ enni  required_at_confirmation');
        expect(run.stdout).toContain('lines[14].external_id (line 15)  duplicate_external_id');
        expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('nothing was sent');
        expect((await api.state()).requests.total).toBe(0);
        await expect(stat(state)).rejects.toThrow();
      } finally {
        await api.stop();
      }
    });

    it('with --json: one document, state not_ready, the issues by line', async () => {
      const run = await runCli(['submit', BROKEN, '--json', '--state-dir', stateDir()]);
      expect(run.code).toBe(1);
      const report = JSON.parse(run.stdout) as {
        state: string;
        sent: boolean;
        lines: { index: number; issues: { path: string; code: string }[] }[];
      };
      expect(report.state).toBe('not_ready');
      expect(report.sent).toBe(false);
      expect(report.lines[0]?.issues).toContainEqual(
        expect.objectContaining({ path: 'enni', code: 'required_at_confirmation' }),
      );
      expect(run.stderr).toBe('');
    });
  });

  describe('submit with bad input or configuration: exit 2, one line, nothing sent', () => {
    it.each([
      [
        'an unreadable file',
        ['submit', join(MISSING_DIR, 'none.json')],
        {},
        /cannot read the file/,
      ],
      [
        'a base URL without credentials',
        ['submit', ORDER, '--base-url', 'http://127.0.0.1:9'],
        {},
        /no credentials for the API: set COVAGE_TOKEN/,
      ],
      [
        'half of the password grant',
        ['submit', ORDER, '--base-url', 'http://127.0.0.1:9'],
        { COVAGE_USERNAME: 'alice' },
        /also needs COVAGE_PASSWORD, COVAGE_TOKEN_URL/,
      ],
      [
        'plain http to a host that is not loopback',
        ['submit', ORDER, '--base-url', 'http://covage.example'],
        { COVAGE_TOKEN: 'x' },
        /not a loopback host/,
      ],
      [
        '--seed with a base URL',
        ['submit', ORDER, '--seed', '3'],
        { COVAGE_BASE_URL: 'http://127.0.0.1:9', COVAGE_TOKEN: 'x' },
        /--seed applies to the embedded sandbox only/,
      ],
      ['a bad --concurrency', ['submit', ORDER, '--concurrency', '0'], {}, /whole number from 1/],
    ])('%s', async (_name, args, env, message) => {
      const run = await runCli([...args, '--quiet', '--state-dir', stateDir()], {
        env: cleanEnv(env as Record<string, string>),
      });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    });
  });

  describe('submit when the API refuses the credentials', () => {
    it('exit 2, one line naming the variable to fix, no state file; the same command with the right token completes', async () => {
      const path = await orderWithRejected([], 'badtoken');
      const state = stateDir();
      const run = await runCli(['submit', path, ...remote(), '--quiet', '--state-dir', state], {
        env: withToken('not-the-token'),
      });
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      const lines = run.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        /^covage-orders: the API refused the credentials .*answered 401.*: check COVAGE_TOKEN; nothing was created, no state kept/,
      );
      expect(run.stderr).not.toContain('not-the-token');
      expect(await readdir(state)).toEqual([]);
      const again = await runCli(['submit', path, ...remote(), '--quiet', '--state-dir', state], {
        env: withToken(),
      });
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('completed: 3 of 3 lines became orders');
    });

    it('a wrong password: exit 2, naming the password grant variables', async () => {
      const run = await runCli(
        ['submit', ORDER, ...remote(), '--quiet', '--state-dir', stateDir()],
        {
          env: cleanEnv({
            COVAGE_USERNAME: 'alice',
            COVAGE_PASSWORD: 'not-her-password',
            COVAGE_TOKEN_URL: `${remote()[1]}/auth/realms/covage/protocol/openid-connect/token`,
          }),
        },
      );
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toContain('check COVAGE_USERNAME and COVAGE_PASSWORD');
      expect(run.stderr).not.toContain('not-her-password');
    });

    it('a token holding a line break or a "€": exit 2 before anything is sent, the value not shown', async () => {
      for (const token of ['abc\ndef-secret', 'abc€def-secret']) {
        const run = await runCli(
          ['submit', ORDER, ...remote(), '--quiet', '--state-dir', stateDir()],
          {
            env: withToken(token),
          },
        );
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(
          /^covage-orders: COVAGE_TOKEN holds a line break.*cannot be sent in a header/,
        );
        expect(run.stderr).not.toContain('def-secret');
      }
    });
  });

  describe('submit to an API that cannot be reached', () => {
    it('refused: "not sent", with the host and the cause; exit 5, no state kept', async () => {
      const state = stateDir();
      const port = await closedPort();
      const run = await runCli(
        [
          'submit',
          ORDER,
          '--base-url',
          `http://127.0.0.1:${port}`,
          '--quiet',
          '--state-dir',
          state,
        ],
        { env: cleanEnv({ COVAGE_TOKEN: 'x' }) },
      );
      expect(run.code).toBe(5);
      const lines = run.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(
        `POST /api/v1/product_order was not sent: connection refused by 127.0.0.1:${port} (ECONNREFUSED)`,
      );
      expect(lines[0]).not.toContain('may or may not');
      expect(await readdir(state)).toEqual([]);
    });
  });
});
