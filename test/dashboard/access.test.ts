/**
 * Who may see the dashboard: anyone on loopback when the sandbox has no dashboard token (by a
 * loopback name only), else whoever gives the token once (form or `?token=`) and holds the
 * HttpOnly cookie it sets, or sends it as a bearer token. The event stream is guarded alike.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSandbox, sandboxOptionsFrom } from '../../src/cli/commands/sandbox.js';
import { isLoopbackHost } from '../../src/sandbox/dashboard/access.js';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { rawGet } from './support.js';

const TOKEN = 'dash-token-7c1e9a';

function cookieOf(response: Response): string {
  const header = response.headers.get('set-cookie') ?? '';
  return header.split(';')[0] ?? '';
}

describe('a sandbox on loopback without a dashboard token', () => {
  let sandbox: SandboxHandle;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('needs no token, and the handle has none', async () => {
    expect(sandbox.dashboardToken).toBeUndefined();
    const page = await fetch(`${sandbox.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<h2 id="sessions-heading">Order sessions</h2>');
  });

  it('sends the page with a strict content policy: only its own script, style and connections', async () => {
    const page = await fetch(`${sandbox.url}/`);
    const policy = page.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("connect-src 'self'");
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await page.text();
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('answers by the names localhost and 127.0.0.1, and refuses any other (DNS rebinding)', async () => {
    const { port } = new URL(sandbox.url);
    expect((await rawGet(`${sandbox.url}/`, { Host: `localhost:${port}` })).status).toBe(200);
    const page = await rawGet(`${sandbox.url}/`, { Host: `attacker.example:${port}` });
    expect(page.status).toBe(403);
    expect(page.body).toContain('loopback');
    const state = await rawGet(`${sandbox.url}/__sandbox/dashboard/state`, {
      Host: 'attacker.example',
    });
    expect(state.status).toBe(403);
    expect(JSON.parse(state.body).error.code).toBe('loopback_only');
    const events = await rawGet(`${sandbox.url}/__sandbox/dashboard/events`, {
      Host: 'attacker.example',
    });
    expect(events.status).toBe(403);
  });
});

describe('a sandbox with a dashboard token', () => {
  let sandbox: SandboxHandle;
  beforeAll(async () => {
    sandbox = await startSandbox({ dashboardToken: TOKEN });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('asks for the token instead of showing the dashboard, and guards the data and the event stream', async () => {
    const page = await fetch(`${sandbox.url}/`);
    expect(page.status).toBe(401);
    const html = await page.text();
    expect(html).toContain('<label for="token">Dashboard token</label>');
    expect(html).not.toContain('sessions-table');
    for (const path of ['/__sandbox/dashboard/state', '/__sandbox/dashboard/events']) {
      const answer = await fetch(`${sandbox.url}${path}`);
      expect(answer.status, path).toBe(401);
      expect((await answer.json()).error.code).toBe('unauthorized');
    }
  });

  it('takes ?token= once: an HttpOnly cookie, and a redirect that drops the token from the address', async () => {
    const wrong = await fetch(`${sandbox.url}/?token=guess`, { redirect: 'manual' });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('That is not the dashboard token.');
    expect(wrong.headers.get('set-cookie')).toBeNull();

    const right = await fetch(`${sandbox.url}/?token=${TOKEN}`, { redirect: 'manual' });
    expect(right.status).toBe(303);
    expect(right.headers.get('location')).toBe('/');
    const setCookie = right.headers.get('set-cookie') ?? '';
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).not.toContain(TOKEN);

    const cookie = cookieOf(right);
    const page = await fetch(`${sandbox.url}/`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).not.toContain(TOKEN);
    const state = await fetch(`${sandbox.url}/__sandbox/dashboard/state`, { headers: { cookie } });
    expect(state.status).toBe(200);
    const events = await fetch(`${sandbox.url}/__sandbox/dashboard/events`, {
      headers: { cookie },
    });
    expect(events.status).toBe(200);
    await events.body?.cancel();
  });

  it('takes the token from the form, and refuses a wrong one', async () => {
    const post = (token: string) =>
      fetch(`${sandbox.url}/__sandbox/dashboard/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token }).toString(),
        redirect: 'manual',
      });
    expect((await post('nope')).status).toBe(401);
    const right = await post(TOKEN);
    expect(right.status).toBe(303);
    const page = await fetch(`${sandbox.url}/`, { headers: { cookie: cookieOf(right) } });
    expect(page.status).toBe(200);
  });

  it('lets a script send the token as a bearer token', async () => {
    const state = await fetch(`${sandbox.url}/__sandbox/dashboard/state`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    expect(state.status).toBe(200);
    const forged = await fetch(`${sandbox.url}/__sandbox/dashboard/state`, {
      headers: { cookie: 'covage_dashboard_00000000=made-up' },
    });
    expect(forged.status).toBe(401);
  });
});

describe('a sandbox bound to a non-loopback address', () => {
  it('requires a dashboard token: it generates one when none is given', async () => {
    const sandbox = await startSandbox({ host: '0.0.0.0' });
    try {
      expect(sandbox.dashboardToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
      const port = new URL(sandbox.url).port;
      const page = await fetch(`http://127.0.0.1:${port}/`);
      expect(page.status).toBe(401);
    } finally {
      await sandbox.close();
    }
  });

  it('keeps the one given', async () => {
    const sandbox = await startSandbox({ host: '0.0.0.0', dashboardToken: TOKEN });
    try {
      expect(sandbox.dashboardToken).toBe(TOKEN);
    } finally {
      await sandbox.close();
    }
  });

  it('refuses an empty token', async () => {
    await expect(startSandbox({ dashboardToken: ' ' })).rejects.toThrow(RangeError);
  });
});

describe('loopback names', () => {
  it.each(['127.0.0.1', '127.10.0.3', 'localhost', 'app.localhost', '::1', '[::1]'])(
    '%s is loopback',
    (host) => expect(isLoopbackHost(host)).toBe(true),
  );
  it.each(['0.0.0.0', '192.168.1.10', 'example.com', '::', '128.0.0.1', 'localhost.example'])(
    '%s is not',
    (host) => expect(isLoopbackHost(host)).toBe(false),
  );
});

describe('covage-orders sandbox', () => {
  it('takes the dashboard token from --dashboard-token or COVAGE_SANDBOX_DASHBOARD_TOKEN', () => {
    expect(sandboxOptionsFrom({ dashboardToken: 'flag' }, {}).dashboardToken).toBe('flag');
    expect(sandboxOptionsFrom({}, { COVAGE_SANDBOX_DASHBOARD_TOKEN: 'env' }).dashboardToken).toBe(
      'env',
    );
  });

  it('prints the dashboard URL; a generated token with it, a given one never', async () => {
    const run = async (flags: { host?: string; dashboardToken?: string }) => {
      let err = '';
      await runSandbox(flags, {
        env: {},
        out: () => {},
        err: (text) => {
          err += text;
        },
        stop: Promise.resolve(),
      });
      return err;
    };
    expect(await run({})).toMatch(/dashboard +http:\/\/127\.0\.0\.1:\d+\/\n/);
    expect(await run({ host: '0.0.0.0' })).toMatch(
      /dashboard +http:\/\/0\.0\.0\.0:\d+\/ +\(token: \S{20,}\)/,
    );
    const given = await run({ host: '0.0.0.0', dashboardToken: TOKEN });
    expect(given).toContain('asks for your dashboard token');
    expect(given).not.toContain(TOKEN);
  });
});
