/**
 * `covage-orders export`: the three-step CSV export (start, check, download) run by the export
 * machine, against a sandbox in its own process. The API allows one start per user per interval
 * (5 minutes at Covage, shortened here): a 429 is waited out with a countdown.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
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
beforeAll(async () => {
  assertBuilt();
  dir = await mkdtemp(join(tmpdir(), 'covage-export-'));
  sandbox = await startSandboxProcess([
    '--export-interval-ms',
    '2500',
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
  it('writes the CSV to --out, replacing the file whole, and waits out the rate limit', async () => {
    const out = join(dir, 'lines.csv');
    await writeFile(out, 'the previous export\n');
    const first = await runCli(['export', '--base-url', sandbox.url, '--out', out], { env: env() });
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('');
    expect(first.stderr).toMatch(/^exported \d+ bytes to .*lines\.csv/m);
    const rows = parse(await readFile(out, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row.external_id).sort()).toEqual([
      'ACME-2025-0042-01',
      'ACME-2025-0042-02',
      'ACME-2025-0042-03',
    ]);
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);

    // A second export right away is refused (429): the command counts down, then starts again.
    const second = await runCli(['export', '--base-url', sandbox.url], { env: env() });
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/rate limited .*: starting again in 0:0\d/);
    expect(second.stderr.indexOf('rate limited')).toBeLessThan(
      second.stderr.indexOf('export task'),
    );
    // Without --out, the CSV is stdout.
    expect(parse(second.stdout, { columns: true })).toHaveLength(3);
  });

  it('exit 5 when the API refuses, exit 2 without credentials', async () => {
    const refused = await runCli(['export', '--base-url', sandbox.url], {
      env: cleanEnv({ COVAGE_TOKEN: 'wrong' }),
    });
    expect(refused.code).toBe(5);
    expect(refused.stderr).toMatch(/^covage-orders: export failed: .*401/);
    const missing = await runCli(['export', '--base-url', sandbox.url], { env: cleanEnv() });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no credentials for the API');
  });
});
