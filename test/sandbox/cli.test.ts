import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runSandbox, sandboxOptionsFrom } from '../../src/cli/commands/sandbox.js';
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
    expect(err).toContain('cli-admin');
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
});
