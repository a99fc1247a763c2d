/**
 * What a failed request says: refused, DNS, TLS, a blocked port and a header value fetch refuses
 * are "not sent" (nothing reached the server: safe to retry), naming the host and the cause; only
 * a lost answer is "may or may not have been processed". Real sockets on loopback.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerToken } from '../../src/http/auth/index.js';
import {
  CovageAmbiguousWriteError,
  CovageConfigError,
  CovageHttpError,
  CovageNetworkError,
} from '../../src/http/errors.js';
import { createHttpClient } from '../../src/http/httpClient.js';
import { parseRetryAfter } from '../../src/http/retry.js';

type Mode = 'answer' | 'drop' | 'retry-after-garbage';

let server: Server;
let url = '';
let mode: Mode = 'answer';
let received = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    received++;
    request.resume();
    request.on('end', () => {
      if (mode === 'drop') {
        request.socket.destroy();
        return;
      }
      if (mode === 'retry-after-garbage') {
        response.writeHead(503, { 'Retry-After': '1 2', 'Content-Type': 'application/json' });
        response.end('{}');
        return;
      }
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const delays: number[] = [];
function client(baseUrl: string, token = 'a-good-token-1') {
  delays.length = 0;
  return createHttpClient({
    baseUrl,
    auth: bearerToken(token),
    retry: { limit: 2 },
    timeoutMs: 2000,
    sleep: async (ms) => {
      delays.push(ms);
    },
    random: () => 0.5,
  });
}

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('the call succeeded');
}

describe('a request that never reached the server is "not sent", with host and cause', () => {
  it('a refused connection: a POST is retried (it cannot have been processed), then not sent', async () => {
    const port = await closedPort();
    const error = await failureOf(
      client(`http://127.0.0.1:${port}`).request({ method: 'POST', path: 'orders', json: {} }),
    );
    expect(error).toBeInstanceOf(CovageNetworkError);
    expect((error as CovageNetworkError).notSent).toBe(true);
    expect(error.message).toContain(`connection refused by 127.0.0.1:${port} (ECONNREFUSED)`);
    expect(error.message).toContain('was not sent');
    expect(error.message).toContain('safe to retry');
    expect(error.message).not.toContain('may or may not');
    expect(delays).toHaveLength(2);
  });

  it('a host name that does not resolve', async () => {
    const error = await failureOf(
      client('https://no-such-host.invalid').request({ method: 'POST', path: 'orders', json: {} }),
    );
    expect(error).toBeInstanceOf(CovageNetworkError);
    expect((error as CovageNetworkError).notSent).toBe(true);
    expect(error.message).toMatch(/no-such-host\.invalid/);
    expect(error.message).toMatch(/\((ENOTFOUND|EAI_AGAIN|EAI_NONAME|EAI_FAIL)\)/);
  });

  it('a TLS failure (https:// to a server that speaks plain HTTP)', async () => {
    const error = await failureOf(
      client(url.replace('http:', 'https:')).request({ method: 'GET', path: 'x' }),
    );
    expect(error).toBeInstanceOf(CovageNetworkError);
    expect((error as CovageNetworkError).notSent).toBe(true);
    expect(error.message).toMatch(/TLS failure with 127\.0\.0\.1:\d+ \(ERR_SSL_/);
  });

  it('a port fetch refuses to connect to (port 1)', async () => {
    const error = await failureOf(
      client('http://127.0.0.1:1').request({ method: 'POST', path: 'orders', json: {} }),
    );
    expect(error).toBeInstanceOf(CovageNetworkError);
    expect((error as CovageNetworkError).notSent).toBe(true);
    expect(error.message).toContain('127.0.0.1:1');
    expect(error.message).toContain('blocked port');
  });

  for (const [what, token] of [
    ['a line break', 'abc\ndef-secret'],
    ['a "€"', 'abc€def-secret'],
  ] as const) {
    it(`a token holding ${what}: not sent, not retried, and the token is not shown`, async () => {
      const before = received;
      const error = await failureOf(
        client(url, token).request({ method: 'POST', path: 'orders', json: {} }),
      );
      expect(error).toBeInstanceOf(CovageConfigError);
      expect((error as CovageConfigError).code).toBe('invalid_header');
      expect(error.message).toContain('was not sent');
      expect(error.message).toContain('Authorization');
      expect(error.message).not.toContain('def-secret');
      expect(received).toBe(before);
      expect(delays).toHaveLength(0);
    });
  }
});

describe('only a lost answer is "may or may not have been processed"', () => {
  it('a POST whose connection drops after it was sent', async () => {
    mode = 'drop';
    try {
      const error = await failureOf(
        client(url).request({ method: 'POST', path: 'orders', json: {} }),
      );
      expect(error).toBeInstanceOf(CovageAmbiguousWriteError);
      expect(error.message).toContain('may or may not have been processed');
      expect(delays).toHaveLength(0);
    } finally {
      mode = 'answer';
    }
  });

  it('a GET whose connection drops is retried, then reported as no answer', async () => {
    mode = 'drop';
    try {
      const error = await failureOf(client(url).request({ method: 'GET', path: 'x' }));
      expect(error).toBeInstanceOf(CovageNetworkError);
      expect((error as CovageNetworkError).notSent).toBe(false);
      expect(error.message).toContain('no answer');
      expect(delays).toHaveLength(2);
    } finally {
      mode = 'answer';
    }
  });
});

describe('an invalid Retry-After is ignored', () => {
  it('is not a delay, whatever its shape', () => {
    const now = Date.parse('2025-07-08T10:30:00Z');
    for (const value of ['1 2', '1, 2', '1e3', 'Infinity', '0x10', '+5', '5;q=1', '٣']) {
      expect(parseRetryAfter(value, now)).toBeUndefined();
    }
  });

  it('a 503 with "Retry-After: 1 2" is retried on the backoff, not on the header', async () => {
    mode = 'retry-after-garbage';
    try {
      const error = await failureOf(client(url).request({ method: 'GET', path: 'x' }));
      expect(error).toBeInstanceOf(CovageHttpError);
      expect((error as CovageHttpError).status).toBe(503);
      expect('retryAfterMs' in error).toBe(false);
      // backoff with random() = 0.5: 0.5 × 300, 0.5 × 600
      expect(delays).toEqual([150, 300]);
    } finally {
      mode = 'answer';
    }
  });
});
