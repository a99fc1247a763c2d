/**
 * The token endpoint's answer as OAuth servers give it: `expires_in` is a number in RFC 6749, but
 * some servers send it as a numeric string; anything else is refused with a typed error.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { requestToken } from '../../src/http/auth/tokenEndpoint.js';
import { CovageResponseError } from '../../src/http/errors.js';
import { silentLogger } from '../../src/http/logger.js';

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

/** A token endpoint answering `body` as JSON to every POST. */
async function endpoint(body: Record<string, unknown>): Promise<URL> {
  server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return new URL(`http://127.0.0.1:${port}/token`);
}

const ask = (tokenUrl: URL) =>
  requestToken({
    tokenUrl,
    form: { grant_type: 'password' },
    timeoutMs: 5_000,
    defaultExpiresInSeconds: 60,
    logger: silentLogger,
  });

describe('a token endpoint answer', () => {
  it('reads expires_in given as a number or as a numeric string', async () => {
    const asNumber = await ask(await endpoint({ access_token: 'a', expires_in: 300 }));
    expect(asNumber.expiresInSeconds).toBe(300);
    await new Promise((resolve) => server?.close(resolve));
    const asText = await ask(
      await endpoint({ access_token: 'b', expires_in: '120', refresh_expires_in: '1800' }),
    );
    expect(asText).toMatchObject({ expiresInSeconds: 120, refreshExpiresInSeconds: 1800 });
  });

  it('refuses an expires_in that is not a number of seconds', async () => {
    for (const expires_in of ['soon', -5]) {
      const error = await ask(await endpoint({ access_token: 'c', expires_in })).catch(
        (caught: unknown) => caught,
      );
      await new Promise((resolve) => server?.close(resolve));
      expect(error, String(expires_in)).toBeInstanceOf(CovageResponseError);
    }
  });

  it('uses the default lifetime when expires_in is absent', async () => {
    expect((await ask(await endpoint({ access_token: 'd' }))).expiresInSeconds).toBe(60);
  });
});
