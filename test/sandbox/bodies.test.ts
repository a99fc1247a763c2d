/**
 * Nobody's body is read before they are known: an unauthenticated request gets its 401 while
 * its body is still coming, and the connection is closed soon after; an authenticated body is
 * read within `maxBodyBytes`. A client that gives up in the middle of its body is not an
 * "internal error".
 */
import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readyLine, sessionWith, useSandbox } from './helpers.js';

const sandbox = useSandbox({ maxBodyBytes: 64 * 1024 });

interface Started {
  status: Promise<number>;
  closed: Promise<void>;
  write(chunk: string): boolean;
  destroy(): void;
}

/** A chunked POST whose body the test writes, and never ends unless told. */
function startChunked(path: string, headers: Record<string, string>): Started {
  const url = new URL(path, sandbox.handle.url);
  const req = request(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
  });
  req.on('error', () => {});
  const status = new Promise<number>((resolve) =>
    req.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    }),
  );
  const closed = new Promise<void>((resolve) => req.on('close', () => resolve()));
  req.flushHeaders();
  return {
    status,
    closed,
    write: (chunk) => req.write(chunk),
    destroy: () => req.destroy(),
  };
}

let errors: string[] = [];
beforeEach(() => {
  errors = [];
  const original = process.stderr.write.bind(process.stderr);
  vi.spyOn(process.stderr, 'write').mockImplementation(((chunk: string | Uint8Array) => {
    errors.push(String(chunk));
    return original(chunk);
  }) as typeof process.stderr.write);
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('authentication comes before the body', () => {
  it('an unauthenticated, never-ending chunked body gets its 401 at once, then the connection closes', async () => {
    const { id } = await sessionWith(sandbox.call, []);
    const started = startChunked(`/api/v1/product_order/${id}/product_order_item`, {});
    started.write(`{"note":"${'x'.repeat(16 * 1024)}`);
    // The answer comes although the body never ends, and the server hangs up on the rest.
    expect(await started.status).toBe(401);
    const keepWriting = setInterval(() => started.write('x'.repeat(16 * 1024)), 20);
    try {
      await started.closed;
    } finally {
      clearInterval(keepWriting);
    }
  });

  it('a body with a wrong token is not read either', async () => {
    const started = startChunked('/api/v1/product_order', { Authorization: 'Bearer wrong' });
    started.write('{');
    expect(await started.status).toBe(401);
    started.destroy();
  });

  it('an authenticated body over maxBodyBytes is a 413, declared or streamed', async () => {
    const { id } = await sessionWith(sandbox.call, []);
    const declared = await sandbox.call('POST', `/api/v1/product_order/${id}/product_order_item`, {
      raw: JSON.stringify(readyLine({ note: 'x'.repeat(70 * 1024) })),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(declared.status).toBe(413);
    expect(declared.body.error.code).toBe('payload_too_large');
    const streamed = startChunked(`/api/v1/product_order/${id}/product_order_item`, {
      Authorization: 'Bearer sandbox-token',
    });
    for (let n = 0; n < 5; n++) streamed.write(`${'y'.repeat(16 * 1024)}`);
    expect(await streamed.status).toBe(413);
    streamed.destroy();
  });
});

describe('a client that gives up in the middle of its body', () => {
  it('is not logged as an internal error, and the sandbox keeps serving', async () => {
    const { id } = await sessionWith(sandbox.call, []);
    const started = startChunked(`/api/v1/product_order/${id}/product_order_item`, {
      Authorization: 'Bearer sandbox-token',
    });
    started.write('{"product_offering_id":"2173",');
    await new Promise((resolve) => setTimeout(resolve, 50));
    started.destroy();
    await started.closed;
    await new Promise((resolve) => setTimeout(resolve, 50));
    const after = await sandbox.call('POST', `/api/v1/product_order/${id}/product_order_item`, {
      body: readyLine(),
    });
    expect(after.status).toBe(201);
    expect(errors.join('')).not.toContain('internal error');
  });
});

describe('a wrong method', () => {
  it('answers 405 with Allow when the path exists for other methods', async () => {
    const { id } = await sessionWith(sandbox.call, []);
    const answer = await sandbox.call('GET', `/api/v1/product_order/${id}/confirm/`);
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('PATCH, OPTIONS');
    expect(answer.body.error).toEqual({
      code: 'method_not_allowed',
      message: `GET is not allowed on /api/v1/product_order/${id}/confirm/; use PATCH, OPTIONS`,
    });
    const token = await sandbox.call('GET', '/auth/realms/covage/protocol/openid-connect/token');
    expect(token.status).toBe(405);
    expect(token.headers.get('allow')).toBe('POST, OPTIONS');
  });

  it('OPTIONS on a known path is 204 with Allow; an unknown path is still 404', async () => {
    const options = await fetch(`${sandbox.handle.url}/api/v1/product_order`, {
      method: 'OPTIONS',
      headers: { Authorization: 'Bearer sandbox-token' },
    });
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe('POST, OPTIONS');
    const missing = await sandbox.call('GET', '/api/v1/nothing/here/');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
  });
});
