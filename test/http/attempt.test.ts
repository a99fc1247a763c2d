import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CovageAbortError, CovageNetworkError } from '../../src/http/errors.js';
import { createHttpClient } from '../../src/http/httpClient.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((done) => server?.close(done) ?? done(undefined));
  server = undefined;
});

/** A real server: headers at once, then the body's first chunk, and nothing more. */
async function slowBody(): Promise<{ url: string; bodies: string[] }> {
  const bodies: string[] = [];
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      bodies.push(`${request.headers['content-type'] ?? ''} ${body}`);
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write('first chunk;');
    });
  });
  await new Promise<void>((listening) => server?.listen(0, '127.0.0.1', listening));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, bodies };
}

describe('one attempt: one deadline over the answer and its body, the caller’s abort passed on', () => {
  it('a JSON body is sent as JSON, and a body that stops coming is cut at the deadline', async () => {
    const { url, bodies } = await slowBody();
    const http = createHttpClient({ baseUrl: url, timeoutMs: 300, retry: false });
    const error = await http
      .request({ method: 'PUT', path: 'x', json: { a: 1 }, responseType: 'text' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CovageNetworkError);
    expect(String((error as Error).message)).toMatch(/timed out after 300 ms/);
    expect(bodies).toEqual(['application/json {"a":1}']);
  });

  it('the caller’s abort reaches a body handed out as a stream, after the attempt', async () => {
    const { url } = await slowBody();
    const http = createHttpClient({ baseUrl: url, timeoutMs: 60_000, retry: false });
    const caller = new AbortController();
    const response = await http.request<ReadableStream<Uint8Array>>({
      method: 'GET',
      path: 'x',
      responseType: 'stream',
      signal: caller.signal,
    });
    const reader = response.body.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('first chunk;');
    caller.abort();
    await expect(reader.read()).rejects.toThrow();
  });

  it('the caller’s abort while the answer is awaited stops the call', async () => {
    server = createServer(() => {});
    await new Promise<void>((listening) => server?.listen(0, '127.0.0.1', listening));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const http = createHttpClient({ baseUrl: url, timeoutMs: 60_000, retry: false });
    const caller = new AbortController();
    const call = http.request({ method: 'GET', path: 'x', signal: caller.signal });
    setTimeout(() => caller.abort(), 50);
    await expect(call).rejects.toBeInstanceOf(CovageAbortError);
  });
});
