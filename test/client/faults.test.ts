import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createCovageClient } from '../../src/client/index.js';
import { bearerToken } from '../../src/http/auth/index.js';
import {
  CovageAmbiguousWriteError,
  CovageHttpError,
  CovageNetworkError,
  CovageRateLimitError,
} from '../../src/http/errors.js';
import { failure, itLeaksNoSecrets, recordingLogger } from './support/leaks.js';
import { completeLine, manualClock, useSandbox, virtualSleep } from './support/sandbox.js';
import { SECRETS } from './support/secrets.js';
import { wire } from './support/wire.js';

const clock = manualClock();
const sandbox = useSandbox({ clock });

const CREATE_LINE = 'POST /api/v1/product_order/{id}/product_order_item';
const CREATE_SESSION = 'POST /api/v1/product_order';
const CONFIRM = 'PATCH /api/v1/product_order/{id}/confirm/';

function setup(options: Partial<Parameters<typeof createCovageClient>[0]> = {}) {
  const net = wire();
  const { sleep, delays } = virtualSleep();
  const logger = recordingLogger();
  const client = createCovageClient({
    baseUrl: sandbox.url,
    auth: bearerToken(SECRETS.token),
    fetch: net.fetch,
    sleep,
    clock,
    logger,
    random: () => 0.5,
    timeoutMs: 300,
    ...options,
  });
  return { client, net, delays, logger };
}

async function newSession(client: ReturnType<typeof setup>['client']) {
  const session = await client.createSession({});
  return session.id;
}

async function linesOf(sessionId: string) {
  const state = await sandbox.state();
  return state.sessions.find((s) => s.id === sessionId)?.product_order_item ?? [];
}

describe('GET, PATCH and DELETE are retried on 5xx, 429 and lost connections', () => {
  for (const fault of [
    '500',
    '502',
    '503',
    '429',
    'reset-before',
    'reset-after',
    'delay;ms=1000',
  ]) {
    it(`getSession recovers from one "${fault}"`, async () => {
      const { client, net } = setup();
      const id = await newSession(client);
      net.failNext(fault, { method: 'GET' });
      const session = await client.getSession(id);
      expect(session.id).toBe(id);
      expect(net.apiRequests('GET')).toHaveLength(2);
    });
  }

  it('waits the Retry-After the server gives (seconds)', async () => {
    const { client, net, delays } = setup();
    const id = await newSession(client);
    net.failNext('503;retry-after=7', { method: 'GET' });
    await client.getSession(id);
    expect(delays).toEqual([7000]);
  });

  it('waits the Retry-After the server gives (an HTTP date)', async () => {
    const { client, net, delays } = setup();
    const id = await newSession(client);
    const in12s = new Date(clock.now() + 12_000).toUTCString();
    net.failNext(`429;retry-after=${in12s}`, { method: 'GET' });
    await client.getSession(id);
    expect(delays).toHaveLength(1);
    expect(delays[0]).toBeGreaterThan(11_000);
    expect(delays[0]).toBeLessThanOrEqual(12_000);
  });

  it('uses a capped, jittered exponential backoff without Retry-After, and gives up after the limit', async () => {
    const { client, net, delays } = setup({
      retry: { limit: 3, baseDelayMs: 100, backoffLimitMs: 250 },
    });
    const id = await newSession(client);
    const error = await failure(client.getSession(id, { headers: { 'X-Sandbox-Fault': '500' } }));
    expect(error).toBeInstanceOf(CovageHttpError);
    expect((error as CovageHttpError).status).toBe(500);
    expect(net.apiRequests('GET')).toHaveLength(4);
    expect(delays).toEqual([50, 100, 125]); // 0.5 × min(250, 100 × 2^n)
  });

  it('a 429 that outlasts the retries is a CovageRateLimitError with retryAfterMs', async () => {
    const { client } = setup({ retry: { limit: 1 } });
    const id = await newSession(client);
    const error = await failure(
      client.getSession(id, { headers: { 'X-Sandbox-Fault': '429;retry-after=3' } }),
    );
    expect(error).toBeInstanceOf(CovageRateLimitError);
    expect((error as CovageRateLimitError).retryAfterMs).toBe(3000);
  });

  it('retry: false sends once', async () => {
    const { client, net } = setup({ retry: false });
    const id = await newSession(client);
    net.failNext('502', { method: 'GET' });
    await failure(client.getSession(id));
    expect(net.apiRequests('GET')).toHaveLength(1);
  });

  it('updateLine (idempotent) is sent again after its connection dropped, with the same effect', async () => {
    const { client, net } = setup();
    const id = await newSession(client);
    const line = await client.createLine(id, completeLine('L-patch'));
    net.failNext('reset-after', { method: 'PATCH' });
    const updated = await client.updateLine(id, line.id, { note: 'twice, same result' });
    expect(updated.note).toBe('twice, same result');
    expect(net.apiRequests('PATCH')).toHaveLength(2);
  });

  it('a DELETE whose first attempt was processed and whose retry answers 404 returns the session read back', async () => {
    const { client, net } = setup();
    const id = await newSession(client);
    const kept = await client.createLine(id, completeLine('L-kept'));
    const gone = await client.createLine(id, completeLine('L-deleted'));
    net.failNext('reset-after', { method: 'DELETE' });
    const session = await client.deleteLine(id, gone.id);
    expect(session.product_order_item.map((line) => line.id)).toEqual([kept.id]);
    expect(net.apiRequests('DELETE')).toHaveLength(2);
  });

  it('…and throws the 404 when the read endpoint is turned off', async () => {
    const { client, net } = setup({ readSessionEndpoint: false });
    const id = await newSession(client);
    const gone = await client.createLine(id, completeLine('L-deleted-2'));
    net.failNext('reset-after', { method: 'DELETE' });
    const error = await failure(client.deleteLine(id, gone.id));
    expect(error).toBeInstanceOf(CovageHttpError);
    expect((error as CovageHttpError).status).toBe(404);
  });

  it('a DELETE of a line that never existed is a 404, not a success', async () => {
    const { client } = setup();
    const id = await newSession(client);
    const error = await failure(client.deleteLine(id, 'no-such-line'));
    expect((error as CovageHttpError).status).toBe(404);
  });
});

describe('POST is retried only when the server cannot have processed it', () => {
  it('a 429 is waited out and the line created once', async () => {
    const { client, net } = setup();
    const id = await newSession(client);
    net.failNext('429', { method: 'POST' });
    await client.createLine(id, completeLine('L-429'));
    expect(
      net.apiRequests('POST').filter((r) => r.url.endsWith('product_order_item')),
    ).toHaveLength(2);
    expect(await linesOf(id)).toHaveLength(1);
  });

  it('a 503 with Retry-After is waited out', async () => {
    const { client, net, delays } = setup();
    net.failNext('503;retry-after=2', { method: 'POST' });
    const session = await client.createSession({ external_id: 'after-503' });
    expect(session.external_id).toBe('after-503');
    expect(delays).toEqual([2000]);
  });

  it('a refused connection is retried, then reported as a network error (nothing was sent)', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const { client, delays } = setup({ baseUrl: `http://127.0.0.1:${port}`, retry: { limit: 2 } });
    const error = await failure(client.createSession({}));
    expect(error).toBeInstanceOf(CovageNetworkError);
    expect(error.message).toMatch(/refused/);
    expect(delays).toHaveLength(2);
  });

  it('a 500 is a plain failure, not retried', async () => {
    const { client, net } = setup();
    const id = await newSession(client);
    net.failNext('500', { method: 'POST' });
    const error = await failure(client.createLine(id, completeLine('L-500')));
    expect(error).toBeInstanceOf(CovageHttpError);
    expect(
      net.apiRequests('POST').filter((r) => r.url.endsWith('product_order_item')),
    ).toHaveLength(1);
  });
});

describe('an ambiguous POST is never sent twice', () => {
  const ambiguous = ['reset-before', 'reset-after', 'delay;ms=800', '502'];

  for (const fault of ambiguous) {
    it(`createLine after "${fault}": CovageAmbiguousWriteError, and one request only`, async () => {
      const { client } = setup();
      const id = await newSession(client);
      const before = await sandbox.requestsTo(CREATE_LINE);
      const error = await failure(
        client.createLine(id, completeLine(`L-${fault}`), {
          headers: { 'X-Sandbox-Fault': fault },
        }),
      );
      expect(error).toBeInstanceOf(CovageAmbiguousWriteError);
      expect(error).toMatchObject({ kind: 'ambiguous_write', retriable: false, method: 'POST' });
      expect((await sandbox.requestsTo(CREATE_LINE)) - before).toBe(1);
    });
  }

  it('reset-after: the line was created, once — the caller reconciles by reading the session', async () => {
    const { client } = setup();
    const id = await newSession(client);
    await failure(
      client.createLine(id, completeLine('L-reconcile'), {
        headers: { 'X-Sandbox-Fault': 'reset-after' },
      }),
    );
    const session = await client.getSession(id);
    expect(session.product_order_item.map((line) => line.external_id)).toEqual(['L-reconcile']);
  });

  it('createSession after a lost connection is ambiguous too', async () => {
    const { client } = setup();
    const before = await sandbox.requestsTo(CREATE_SESSION);
    const error = await failure(
      client.createSession({}, { headers: { 'X-Sandbox-Fault': 'reset-after' } }),
    );
    expect(error).toBeInstanceOf(CovageAmbiguousWriteError);
    expect((await sandbox.requestsTo(CREATE_SESSION)) - before).toBe(1);
  });

  it('confirmSession (not idempotent) after a lost connection: ambiguous, sent once, yet confirmed', async () => {
    const { client } = setup();
    const id = await newSession(client);
    await client.createLine(id, completeLine('L-confirm'));
    const before = await sandbox.requestsTo(CONFIRM);
    const error = await failure(
      client.confirmSession(id, { headers: { 'X-Sandbox-Fault': 'reset-after' } }),
    );
    expect(error).toBeInstanceOf(CovageAmbiguousWriteError);
    expect(error).toMatchObject({ method: 'PATCH' });
    expect((await sandbox.requestsTo(CONFIRM)) - before).toBe(1);
    const session = await client.getSession(id);
    expect(session.product_order_item[0]?.state).not.toBe('created');
  });

  it('confirmSession after a 429 is retried (it was not processed)', async () => {
    const { client, net } = setup();
    const id = await newSession(client);
    await client.createLine(id, completeLine('L-confirm-429'));
    net.failNext('429', { method: 'PATCH' });
    const session = await client.confirmSession(id);
    expect(session.product_order_item[0]?.state).not.toBe('created');
    expect(net.apiRequests('PATCH')).toHaveLength(2);
  });

  it('the log says why, without the body or the headers', async () => {
    const { client, logger } = setup();
    const id = await newSession(client);
    await failure(
      client.createLine(id, completeLine('L-log'), {
        headers: { 'X-Sandbox-Fault': 'reset-before' },
      }),
    );
    expect(logger.lines.some((line) => line.includes('http.ambiguous_write'))).toBe(true);
    expect(logger.lines.join('\n')).not.toContain('Boulangerie');
  });
});

itLeaksNoSecrets();
