/**
 * A web page on another origin can call the sandbox (issue 17: an order-entry app in a browser):
 * the origins it is told (`corsOrigins`, `--cors-origin`), and by default any loopback origin
 * when it listens on loopback. Real HTTP, with the headers a browser sends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { resolveOptions } from '../../src/sandbox/options.js';
import { useSandbox } from './helpers.js';

const byDefault = useSandbox();

function preflight(base: string, path: string, origin: string, method = 'POST') {
  return fetch(`${base}${path}`, {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': method,
      'Access-Control-Request-Headers': 'authorization, content-type, x-sandbox-fault',
    },
  });
}

describe('CORS by default on loopback', () => {
  it('answers a preflight from a loopback origin: 204, the origin, the methods, the headers', async () => {
    const answer = await preflight(
      byDefault.handle.url,
      '/api/v1/product_order',
      'http://localhost:5173',
    );
    expect(answer.status).toBe(204);
    expect(answer.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(answer.headers.get('access-control-allow-methods')).toBe('GET,HEAD,POST,PATCH,DELETE');
    expect(answer.headers.get('access-control-allow-headers')).toBe(
      'authorization,content-type,x-sandbox-fault',
    );
    expect(answer.headers.get('vary')).toContain('Origin');
  });

  it('the real request carries the origin, and exposes Retry-After and WWW-Authenticate', async () => {
    const origin = 'http://127.0.0.1:8080';
    const created = await fetch(`${byDefault.handle.url}/api/v1/product_order`, {
      method: 'POST',
      headers: { Origin: origin, Authorization: 'Bearer sandbox-token' },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('access-control-allow-origin')).toBe(origin);
    // An error answer too, so that the page can read why.
    const refused = await fetch(`${byDefault.handle.url}/api/v1/product_order`, {
      method: 'POST',
      headers: { Origin: origin },
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe(origin);
    const exposed = refused.headers.get('access-control-expose-headers') ?? '';
    expect(exposed.split(',')).toEqual(expect.arrayContaining(['Retry-After', 'WWW-Authenticate']));
  });

  it('a page elsewhere gets no CORS headers, so the browser keeps it out', async () => {
    const answer = await preflight(
      byDefault.handle.url,
      '/api/v1/product_order',
      'https://evil.example',
    );
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    const read = await fetch(`${byDefault.handle.url}/api/v1/product_order`, {
      method: 'POST',
      headers: { Origin: 'http://localhost.evil.example', Authorization: 'Bearer sandbox-token' },
    });
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
  });

  it("the sandbox's own routes never answer CORS", async () => {
    const answer = await fetch(`${byDefault.handle.url}/__sandbox/state`, {
      headers: {
        Origin: 'http://localhost:5173',
        Authorization: `Bearer ${byDefault.handle.adminToken}`,
      },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('CORS for the origins it is told', () => {
  let sandbox: SandboxHandle;
  beforeAll(async () => {
    sandbox = await startSandbox({ corsOrigins: ['http://app.test:3000'] });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('allows that origin, on the tracking routes too, and no longer every loopback origin', async () => {
    const allowed = await preflight(sandbox.url, '/api/v1/order/', 'http://app.test:3000', 'GET');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://app.test:3000');
    const loopback = await preflight(sandbox.url, '/api/v1/order/', 'http://localhost:5173', 'GET');
    expect(loopback.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('options: a non-loopback host gets none by default; a malformed origin is refused', () => {
    expect(resolveOptions({ host: '0.0.0.0' }).corsOrigins).toEqual([]);
    expect(resolveOptions({}).corsOrigins).toEqual(['loopback']);
    expect(resolveOptions({ corsOrigins: ['http://a.test:1/'] }).corsOrigins).toEqual([
      'http://a.test:1',
    ]);
    expect(() => resolveOptions({ corsOrigins: ['http://a.test/path'] })).toThrow(
      /is not an origin/,
    );
    expect(() => resolveOptions({ corsOrigins: ['localhost:5173'] })).toThrow(/not an origin/);
  });
});
