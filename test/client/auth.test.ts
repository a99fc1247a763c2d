import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createCovageClient } from '../../src/client/index.js';
import {
  type AuthProvider,
  apiKey,
  bearerToken,
  clientCredentials,
  combineAuth,
  passwordGrant,
} from '../../src/http/auth/index.js';
import { CovageAuthError, CovageConfigError } from '../../src/http/errors.js';
import { failure, itLeaksNoSecrets, recordingLogger } from './support/leaks.js';
import { manualClock, useSandbox, virtualSleep } from './support/sandbox.js';
import { SECRET_VALUES, SECRETS } from './support/secrets.js';
import { wire } from './support/wire.js';

const ACCESS_TTL_S = 300;
const REFRESH_TTL_S = 1800;
const serverClock = manualClock();
const sandbox = useSandbox({
  clock: serverClock,
  oauth: {
    users: [{ username: SECRETS.username, password: SECRETS.password }],
    clients: [{ clientId: SECRETS.clientId, clientSecret: SECRETS.clientSecret }],
    accessTokenTtlSeconds: ACCESS_TTL_S,
    refreshTokenTtlSeconds: REFRESH_TTL_S,
  },
});

type Net = ReturnType<typeof wire>;

function clientWith(auth: (net: Net) => AuthProvider) {
  const net = wire();
  const logger = recordingLogger();
  const { sleep } = virtualSleep();
  const client = createCovageClient({
    baseUrl: sandbox.url,
    auth: auth(net),
    fetch: net.fetch,
    sleep,
    logger,
  });
  return { client, net, logger };
}

function password(net: Net, clock: { now(): number } = serverClock, pw: string = SECRETS.password) {
  return passwordGrant({
    tokenUrl: sandbox.tokenUrl,
    username: SECRETS.username,
    password: pw,
    fetch: net.fetch,
    clock,
    logger: recordingLogger(),
  });
}

function credentials(net: Net, secret: string = SECRETS.clientSecret) {
  return clientCredentials({
    tokenUrl: sandbox.tokenUrl,
    clientId: SECRETS.clientId,
    clientSecret: secret,
    fetch: net.fetch,
    clock: serverClock,
  });
}

describe('a static bearer token', () => {
  it('is sent as Authorization: Bearer', async () => {
    const { client, net } = clientWith(() => bearerToken(SECRETS.token));
    await client.createSession({});
    expect(net.apiRequests()[0]?.headers.get('authorization')).toBe(`Bearer ${SECRETS.token}`);
  });

  it('a wrong one is a CovageAuthError, sent once', async () => {
    const { client, net } = clientWith(() => bearerToken('tok-wrong-Xy7Wq2'));
    const error = await failure(client.createSession({}));
    expect(error).toBeInstanceOf(CovageAuthError);
    expect(error).toMatchObject({ status: 401, retriable: false });
    expect(net.apiRequests()).toHaveLength(1);
  });
});

describe('an API key header', () => {
  it('is sent as X-Api-Key by default', async () => {
    const { client, net } = clientWith(() => apiKey({ key: SECRETS.apiKey }));
    await client.createSession({});
    expect(net.apiRequests()[0]?.headers.get('x-api-key')).toBe(SECRETS.apiKey);
  });

  it('a wrong one is a CovageAuthError', async () => {
    const { client } = clientWith(() => apiKey({ key: 'key-wrong-Pq3Lm8' }));
    expect(await failure(client.createSession({}))).toBeInstanceOf(CovageAuthError);
  });
});

describe("the OAuth 2.0 password grant (Covage's documented login)", () => {
  it('logs in once with client_id=api-client and reuses the token', async () => {
    const { client, net } = clientWith((n) => password(n));
    await client.createSession({});
    await client.createSession({});
    expect(net.tokenRequests()).toEqual(['password']);
    const form = new URLSearchParams(net.requests[0]?.body);
    expect(form.get('client_id')).toBe('api-client');
    expect(form.get('username')).toBe(SECRETS.username);
  });

  it('concurrent calls share one login', async () => {
    const { client, net } = clientWith((n) => password(n));
    await Promise.all(Array.from({ length: 6 }, () => client.createSession({})));
    expect(net.tokenRequests()).toEqual(['password']);
  });

  it('renews the token with the refresh token shortly before it expires', async () => {
    const { client, net } = clientWith((n) => password(n));
    await client.createSession({});
    serverClock.advance((ACCESS_TTL_S - 20) * 1000); // inside the last 10 % of its life
    await client.createSession({});
    expect(net.tokenRequests()).toEqual(['password', 'refresh_token']);
  });

  it('logs in again when the refresh token has expired too', async () => {
    const { client, net } = clientWith((n) => password(n));
    await client.createSession({});
    serverClock.advance((REFRESH_TTL_S + 60) * 1000);
    await client.createSession({});
    expect(net.tokenRequests()).toEqual(['password', 'password']);
  });

  it('logs in again when the server refuses the refresh token', async () => {
    const clientClock = manualClock(serverClock.now());
    const { client, net } = clientWith((n) => password(n, clientClock));
    await client.createSession({});
    // The server's time has run past the refresh token's life; the client's only past the access token's.
    serverClock.advance((REFRESH_TTL_S + 60) * 1000);
    clientClock.advance((ACCESS_TTL_S + 1) * 1000);
    await client.createSession({});
    expect(net.tokenRequests()).toEqual(['password', 'refresh_token', 'password']);
  });

  it('a call that gets 401 renews the token and is sent once more', async () => {
    const clientClock = manualClock(serverClock.now());
    const { client, net } = clientWith((n) => password(n, clientClock));
    await client.createSession({});
    serverClock.advance((ACCESS_TTL_S + 1) * 1000); // expired for the server, not for the client
    const session = await client.createSession({ external_id: 'after-401' });
    expect(session.external_id).toBe('after-401');
    expect(net.tokenRequests()).toEqual(['password', 'refresh_token']);
    expect(net.apiRequests('POST')).toHaveLength(3);
  });

  it('only once: a second 401 is a CovageAuthError', async () => {
    // The wrong static token wins over the renewed one, so every attempt is refused.
    const { client, net } = clientWith((n) =>
      combineAuth(password(n), bearerToken('tok-stale-Ab3Cd4')),
    );
    const error = await failure(client.createSession({}));
    expect(error).toBeInstanceOf(CovageAuthError);
    expect(net.apiRequests()).toHaveLength(2);
  });

  it('a wrong password is a CovageAuthError that does not repeat it', async () => {
    const { client, net } = clientWith((n) => password(n, serverClock, 'pw-wrong-Kz8Lq1'));
    const error = await failure(client.createSession({}));
    expect(error).toBeInstanceOf(CovageAuthError);
    expect(error.message).toMatch(/invalid_grant/);
    expect(error.message).not.toContain('pw-wrong-Kz8Lq1');
    expect(net.apiRequests()).toHaveLength(0);
  });

  it('a token endpoint that fails once is tried again by the call', async () => {
    const { client, net } = clientWith((n) => password(n));
    net.failNext('503', { path: /openid-connect\/token$/ });
    await client.createSession({});
    expect(net.tokenRequests()).toEqual(['password', 'password']);
  });
});

describe('OAuth 2.0 client credentials (the Orange docs)', () => {
  it('authenticates the client with HTTP Basic and caches the token', async () => {
    const { client, net } = clientWith((n) => credentials(n));
    await client.createSession({});
    await client.createSession({});
    expect(net.tokenRequests()).toEqual(['client_credentials']);
    const tokenRequest = net.requests[0];
    expect(tokenRequest?.headers.get('authorization')).toMatch(/^Basic /);
    expect(tokenRequest?.body).not.toContain(SECRETS.clientSecret);
  });

  it('requests a new token shortly before expiry', async () => {
    const { client, net } = clientWith((n) => credentials(n));
    await client.createSession({});
    serverClock.advance((ACCESS_TTL_S - 10) * 1000);
    await client.createSession({});
    expect(net.tokenRequests()).toEqual(['client_credentials', 'client_credentials']);
  });

  it('a wrong secret is a CovageAuthError', async () => {
    const { client } = clientWith((n) => credentials(n, 'cs-wrong-Mn2Bv5'));
    const error = await failure(client.createSession({}));
    expect(error).toBeInstanceOf(CovageAuthError);
    expect(error.message).toMatch(/invalid_client/);
  });

  it('combines with an API key (Orange: bearer token plus X-Api-Key)', async () => {
    const { client, net } = clientWith((n) =>
      combineAuth(credentials(n), apiKey({ key: SECRETS.apiKey })),
    );
    await client.createSession({});
    const sent = net.apiRequests()[0]?.headers;
    expect(sent?.get('authorization')).toMatch(/^Bearer sbx-at\./);
    expect(sent?.get('x-api-key')).toBe(SECRETS.apiKey);
  });
});

describe('providers keep their secrets to themselves', () => {
  it('JSON.stringify and util.inspect show none', () => {
    const net = wire();
    const providers = [
      bearerToken(SECRETS.token),
      apiKey({ key: SECRETS.apiKey }),
      password(net),
      credentials(net),
      combineAuth(credentials(net), apiKey({ key: SECRETS.apiKey })),
    ];
    for (const provider of providers) {
      const shown = `${JSON.stringify(provider)} ${inspect(provider, { depth: 10, showHidden: true })} ${String(provider)}`;
      for (const secret of SECRET_VALUES) expect(shown).not.toContain(secret);
    }
  });

  it('a plain http:// token URL to a non-loopback host is refused', () => {
    expect(() =>
      passwordGrant({
        tokenUrl: 'http://auth.covage.example/token',
        username: 'u',
        password: 'p-long-enough',
      }),
    ).toThrow(CovageConfigError);
  });
});

itLeaksNoSecrets();
