import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { faultNote, runSandbox, sandboxOptionsFrom } from '../../src/cli/commands/sandbox.js';
import { CliError } from '../../src/cli/exitCodes.js';

const BUILT_CLI = new URL('../../dist/src/cli/main.js', import.meta.url).pathname;
const BUILT_COMMAND = new URL('../../dist/src/cli/commands/sandbox.js', import.meta.url).pathname;

describe('covage-orders sandbox: options', () => {
  it('tokens come from --token and from COVAGE_SANDBOX_TOKENS (comma-separated)', () => {
    const options = sandboxOptionsFrom(
      { token: ['a'], oauthUser: ['alice:pa:ss'] },
      { COVAGE_SANDBOX_TOKENS: 'b, c', COVAGE_SANDBOX_OAUTH_CLIENTS: 'acme:secret' },
    );
    expect(options.tokens).toEqual(['a', 'b', 'c']);
    expect(options.oauth?.users).toEqual([{ username: 'alice', password: 'pa:ss' }]);
    expect(options.oauth?.clients).toEqual([{ clientId: 'acme', clientSecret: 'secret' }]);
  });

  it('--seed-orders, --cors-origin and the limit flags become options', () => {
    const options = sandboxOptionsFrom(
      { seedOrders: 4, corsOrigin: ['http://a.test:1'], idleSessionMs: 5, bytesPerUser: 9 },
      {},
    );
    expect(options).toMatchObject({
      seedOrders: 4,
      corsOrigins: ['http://a.test:1'],
      limits: { idleSessionMs: 5, bytesPerUser: 9 },
    });
  });

  it('the banner says when faults are injected at random, and when none are', () => {
    expect(faultNote({ faultRate: 0.05, latencyMs: 20 })).toContain(
      'ACTIVE: 5% of API requests fail at random; latency 20 ms',
    );
    expect(faultNote({})).toBe('none at random (X-Sandbox-Fault forces one)');
  });

  it('without tokens the default user is kept', () => {
    expect(sandboxOptionsFrom({}, {}).tokens).toBeUndefined();
  });

  it('a pair without a colon is a usage error', () => {
    expect(() => sandboxOptionsFrom({ oauthClient: ['acme'] }, {})).toThrow(CliError);
  });
});

describe('covage-orders sandbox: running', () => {
  it('prints its URL, serves, and stops with exit 0 when told to', async () => {
    let stop: () => void = () => {};
    const stopped = new Promise<void>((resolve) => {
      stop = resolve;
    });
    let out = '';
    let err = '';
    let printed: () => void = () => {};
    const ready = new Promise<void>((resolve) => {
      printed = resolve;
    });
    const exit = runSandbox(
      { port: 0, token: ['cli-token'], adminToken: 'cli-admin' },
      {
        env: {},
        out: (text) => {
          out += text;
          printed();
        },
        err: (text) => {
          err += text;
        },
        stop: stopped,
      },
    );
    await ready;
    const url = out.trim();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const created = await fetch(`${url}/api/v1/product_order`, {
      method: 'POST',
      headers: { Authorization: 'Bearer cli-token', 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(created.status).toBe(201);
    // Neither a given admin token nor the user tokens are echoed.
    expect(err).not.toContain('cli-admin');
    expect(err).toContain('admin token  (the one you gave)');
    expect(err).not.toContain('cli-token');
    stop();
    expect(await exit).toBe(0);
    await expect(fetch(`${url}/openapi.json`)).rejects.toThrow();
  });

  it.skipIf(!existsSync(BUILT_COMMAND))(
    'the built binary stops cleanly on SIGTERM with exit 0',
    async () => {
      const child = spawn(process.execPath, [BUILT_CLI, 'sandbox', '--port', '0'], {
        env: { ...process.env, COVAGE_SANDBOX_TOKENS: 'env-token' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.setEncoding('utf8');
        child.stdout.once('data', (chunk: string) => resolve(chunk.trim()));
        child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
      });
      const created = await fetch(`${url}/api/v1/product_order`, {
        method: 'POST',
        headers: { Authorization: 'Bearer env-token', 'Content-Type': 'application/json' },
        body: '{}',
      });
      expect(created.status).toBe(201);
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    },
  );

  it.skipIf(!existsSync(BUILT_COMMAND))(
    'the built binary takes --seed-orders, --cors-origin and the limits, and its banner shows the faults injected',
    async () => {
      const child = spawn(
        process.execPath,
        [
          BUILT_CLI,
          'sandbox',
          '--port',
          '0',
          '--seed-orders',
          '3',
          '--fault-rate',
          '0.1',
          '--cors-origin',
          'http://localhost:5173',
          '--idle-session-ms',
          '60000',
          '--lines-per-user',
          '10',
        ],
        {
          env: { ...process.env, NO_COLOR: '1', COVAGE_SANDBOX_ADMIN_TOKEN: 'adm-secret-123' },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let err = '';
      child.stderr.setEncoding('utf8');
      const banner = new Promise<void>((resolve, reject) => {
        child.stderr.on('data', (chunk: string) => {
          err += chunk;
          if (err.includes('Ctrl+C')) resolve();
        });
        child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${err}`)));
      });
      const url = await new Promise<string>((resolve) => {
        child.stdout.setEncoding('utf8');
        child.stdout.once('data', (chunk: string) => resolve(chunk.trim()));
      });
      await banner;
      expect(err).toContain('faults       ACTIVE: 10% of API requests fail at random');
      expect(err).toContain('CORS         http://localhost:5173');
      expect(err).not.toContain('adm-secret-123');
      const tracking = await fetch(`${url}/__sandbox/tracking`, {
        headers: { Authorization: 'Bearer adm-secret-123' },
      });
      expect((await tracking.json()).seedOrders).toBe(3);
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    },
  );
});
