/**
 * `covage-orders export`: the three-step CSV export (start, check, download) run by the export
 * machine, against a sandbox in its own process. The API allows one start per user per interval
 * (5 minutes at Covage, shortened here): a 429 is waited out with a countdown.
 */
import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertBuilt,
  cleanEnv,
  ORDER,
  runCli,
  type SandboxProcess,
  startSandboxProcess,
} from './support/cli.js';

let dir: string;
let sandbox: SandboxProcess;
const OTHER_USER = 'export-mode-user';
beforeAll(async () => {
  assertBuilt();
  dir = await mkdtemp(join(tmpdir(), 'covage-export-'));
  // One export start per user per 8 s: long enough that the second export of a test is refused
  // however slowly its process starts, short enough to wait out. The mode test is another user,
  // with a rate limit of its own.
  sandbox = await startSandboxProcess([
    '--token',
    OTHER_USER,
    '--export-interval-ms',
    '8000',
    '--export-duration-ms',
    '20',
    '--outcome-delay-ms',
    '20',
  ]);
  // Something to export: the example order, submitted to that sandbox.
  const submit = await runCli(
    ['submit', ORDER, '--base-url', sandbox.url, '--quiet', '--state-dir', join(dir, 'state')],
    { env: cleanEnv({ COVAGE_TOKEN: sandbox.token }) },
  );
  if (submit.code !== 0) throw new Error(`submit failed: ${submit.stderr}`);
});
afterAll(async () => {
  await sandbox?.stop();
  await rm(dir, { recursive: true, force: true });
});

const env = () => cleanEnv({ COVAGE_TOKEN: sandbox.token });

describe('covage-orders export', () => {
  it('writes the CSV to --out or stdout; a second export right after waits out the rate limit', async () => {
    const out = join(dir, 'lines.csv');
    await writeFile(out, 'the previous export\n');
    // One after the other: the API takes one start per interval, the second one gets a 429.
    const toFile = await runCli(['export', '--base-url', sandbox.url, '--out', out], {
      env: env(),
    });
    const toStdout = await runCli(['export', '--base-url', sandbox.url], { env: env() });
    expect(toFile.code).toBe(0);
    expect(toStdout.code).toBe(0);

    expect(toFile.stdout).toBe('');
    expect(toFile.stderr).toMatch(/^exported \d+ bytes to .*lines\.csv/m);
    const rows = parse(await readFile(out, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row.external_id).sort()).toEqual([
      'ACME-2025-0042-01',
      'ACME-2025-0042-02',
      'ACME-2025-0042-03',
    ]);
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    // Without --out, the CSV is stdout.
    expect(parse(toStdout.stdout, { columns: true })).toHaveLength(3);

    // The second one counted down, then started again.
    expect(toFile.stderr).not.toContain('rate limited');
    const stderr = toStdout.stderr;
    expect(stderr).toMatch(/rate limited .*: starting again in 0:0\d/);
    expect(stderr.indexOf('rate limited')).toBeLessThan(stderr.indexOf('export task'));
  });

  it('--out keeps the mode of the file it replaces; a new file is 0600 whatever the umask', async () => {
    const kept = join(dir, 'shared.csv');
    await writeFile(kept, 'old\n');
    await chmod(kept, 0o640);
    const fresh = join(dir, 'fresh.csv');
    for (const out of [kept, fresh]) {
      const run = await runCli(['export', '--base-url', sandbox.url, '--out', out, '--quiet'], {
        env: cleanEnv({ COVAGE_TOKEN: OTHER_USER }),
      });
      expect(run.code, run.stderr).toBe(0);
    }
    expect((await stat(kept)).mode & 0o777).toBe(0o640);
    expect((await stat(fresh)).mode & 0o777).toBe(0o600);
    expect(await readFile(kept, 'utf8')).toMatch(/^external_id|,/);
  });

  it('exit 2 when the API refuses the credentials (naming the variable), and without credentials', async () => {
    const refused = await runCli(['export', '--base-url', sandbox.url], {
      env: cleanEnv({ COVAGE_TOKEN: 'wrong' }),
    });
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n').at(-1)).toMatch(
      /^covage-orders: the API refused the credentials \(.*401.*\): check COVAGE_TOKEN$/,
    );
    const missing = await runCli(['export', '--base-url', sandbox.url], { env: cleanEnv() });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no credentials for the API');
  });
});
