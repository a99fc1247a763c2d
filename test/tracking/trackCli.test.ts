import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runTrack, type TrackFlags } from '../../src/cli/commands/track.js';
import { CliError, EXIT } from '../../src/cli/exitCodes.js';
import type { NormalizedOrder } from '../../src/tracking/types.js';
import { isFinalStatus } from '../../src/tracking/types.js';
import { SEED_ORDERS, STEP_MS, useTrackingSandbox } from './helpers.js';

const sandbox = useTrackingSandbox({ tokens: ['cli-token'] });

const ENV = {
  COVAGE_TOKEN: 'cli-token',
  ORANGE_CLIENT_ID: 'orange-client',
  ORANGE_CLIENT_SECRET: 'orange-secret',
  ORANGE_API_KEY: 'orange-api-key',
  OBAPI_KEY: 'obapi-key',
  ADOBE_TOKEN: 'adobe-token',
  ADOBE_API_KEY: 'adobe-api-key',
  ADOBE_CUSTOMER_ID: '9876543210',
};

async function track(provider: string, flags: TrackFlags, env: Record<string, string> = ENV) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runTrack(provider, { baseUrl: sandbox.handle.url, ...flags }, env, {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
  }).catch((error: unknown) => {
    if (error instanceof CliError) {
      err.push(error.message);
      return error.exitCode;
    }
    throw error;
  });
  const lines = out.join('').split('\n').filter(Boolean);
  return { code, lines, stderr: err.join('') };
}

describe('covage-orders track', () => {
  it('--json lists every order of a provider, one JSON object per line', async () => {
    for (const provider of ['covage', 'orange-ordering', 'orange-tracking', 'obapi']) {
      const { code, lines } = await track(provider, { json: true, pageSize: 10 });
      expect(code).toBe(EXIT.ok);
      const orders = lines.map((line) => JSON.parse(line) as NormalizedOrder);
      expect(orders).toHaveLength(SEED_ORDERS);
      expect(orders.every((order) => order.provider === provider)).toBe(true);
    }
    const adobe = await track('adobe', { json: true, from: '2000-01-01' });
    expect(adobe.lines).toHaveLength(SEED_ORDERS);
  });

  it('passes filters through: --status for Covage, --type for Adobe, --sort for obapi', async () => {
    const active = await track('covage', { json: true, status: ['active'] });
    const orders = active.lines.map((line) => JSON.parse(line) as NormalizedOrder);
    expect(orders.every((order) => order.providerStatus === 'active')).toBe(true);
    const renewals = await track('adobe', { json: true, type: ['RENEWAL'], from: '2000-01-01' });
    expect(
      renewals.lines.every(
        (line) => (JSON.parse(line).raw as { orderType: string }).orderType === 'RENEWAL',
      ),
    ).toBe(true);
    const byRef = await track('obapi', { json: true, sort: 'ref_asc' });
    const refs = byRef.lines.map((line) => (JSON.parse(line) as NormalizedOrder).reference);
    expect(refs).toEqual([...refs].sort());
  });

  it('prints a header row, then one row per order in aligned columns, and a count on stderr', async () => {
    const { code, lines, stderr } = await track('obapi', { limit: 5 });
    expect(code).toBe(EXIT.ok);
    expect(lines).toHaveLength(1 + 5);
    expect(lines[0]).toMatch(
      /^ID +REF +STATUS +OBAPI STATUS +CUSTOMER REF +CREATED +TOTAL INCL\. TAX$/,
    );
    // Every column starts where its title starts.
    const starts = [...(lines[0] as string).matchAll(/(?<=^| {2})\S/g)].map((match) => match.index);
    for (const line of lines.slice(1))
      for (const start of starts.slice(1)) expect(line[(start as number) - 1]).toBe(' ');
    expect(lines[1]).toMatch(/\d+\.\d{2}$/);
    expect(stderr).toContain('5 orders');
  });

  it('labels Adobe status codes with their meaning', async () => {
    const { lines } = await track('adobe', { from: '2000-01-01' });
    expect(lines[0]).toContain('ADOBE STATUS');
    const codes = lines.slice(1).map((line) => /\b(10\d\d)( [a-z][a-zA-Z ]+)?/.exec(line));
    expect(codes.every((match) => match !== null && match[2] !== undefined)).toBe(true);
    expect(lines.slice(1).some((line) => / 1000 complete /.test(line))).toBe(true);
  });

  it('track covage reads COVAGE_BASE_URL, as submit does', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runTrack(
      'covage',
      { json: true, limit: 2 },
      { ...ENV, COVAGE_BASE_URL: sandbox.handle.url },
      { stdout: (text) => out.push(text), stderr: (text) => err.push(text) },
    );
    expect(code).toBe(EXIT.ok);
    expect(err.join('')).not.toContain('embedded sandbox');
    expect(out.join('').trim().split('\n')).toHaveLength(2);
  });

  it('--follow prints the order, then each change, and exits 0 at its final status', async () => {
    const all = (await track('orange-tracking', { json: true, status: ['Current'] })).lines.map(
      (line) => JSON.parse(line) as NormalizedOrder,
    );
    const live = all.find((order) => !isFinalStatus(order.status)) as NormalizedOrder;
    const printed: string[] = [];
    const code = await runTrack(
      'orange-tracking',
      { baseUrl: sandbox.handle.url, json: true, follow: live.id, intervalMs: 1 },
      ENV,
      {
        stdout: (text) => {
          printed.push(JSON.parse(text).providerStatus);
          sandbox.clock.advance(STEP_MS); // the order moves on once it has been seen
        },
        stderr: () => undefined,
      },
    );
    expect(code).toBe(EXIT.ok);
    expect(printed).toEqual(['Current', 'Closed']);
  });

  it('credentials come from the environment; without them it says which are missing', async () => {
    const { code, stderr } = await track('obapi', {}, {});
    expect(code).toBe(EXIT.badInput);
    expect(stderr).toContain('OBAPI_KEY');
  });

  it('credentials the API refuses: exit 2, naming the variable, without showing the secret', async () => {
    const { code, stderr } = await track('obapi', {}, { OBAPI_KEY: 'revoked-obapi-key' });
    expect(code).toBe(EXIT.badInput);
    expect(stderr).toMatch(/^the API refused the credentials \(.*401.*\): check OBAPI_KEY$/);
    expect(stderr).not.toContain('revoked-obapi-key');
  });

  it('refuses a filter the provider does not have, and an unknown provider', async () => {
    expect((await track('obapi', { offerId: ['x'] })).stderr).toContain('--offer-id');
    expect((await track('ups', {})).code).toBe(EXIT.badInput);
  });
});

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'dist/src/cli/main.js');

describe.runIf(existsSync(CLI))('the built CLI', () => {
  it('without --base-url, tracks on an embedded sandbox and says so on stderr', async () => {
    const result = await new Promise<{ code: number; stdout: string; stderr: string }>(
      (resolve) => {
        execFile(
          process.execPath,
          [CLI, 'track', 'covage', '--json', '--limit', '3'],
          { env: { ...process.env, NO_COLOR: '1' } },
          (error, stdout, stderr) =>
            resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
        );
      },
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('embedded sandbox');
    expect(result.stdout.trim().split('\n')).toHaveLength(3);
  });
});
