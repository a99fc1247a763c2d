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
import { isCovageError } from '../../src/http/errors.js';
import { useEchoServer } from './support/echoServer.js';
import { collected, failure, leaks, recordingLogger } from './support/leaks.js';
import { completeLine, useSandbox, virtualSleep } from './support/sandbox.js';
import { SECRETS } from './support/secrets.js';
import { wire } from './support/wire.js';

/**
 * Drives every kind of failure, with every auth provider, against a server that echoes the
 * caller's credentials in its answers, and collects every error (message, toString, JSON,
 * util.inspect, stack) and every log line of the client and of the providers. None may hold a
 * test secret or any token that went over the wire.
 */
const sandbox = useSandbox();
const echo = useEchoServer();
const logger = recordingLogger();
const net = wire();

const providers: Record<string, () => AuthProvider> = {
  bearerToken: () => bearerToken(SECRETS.token),
  apiKey: () => apiKey({ key: SECRETS.apiKey }),
  passwordGrant: () =>
    passwordGrant({
      tokenUrl: sandbox.tokenUrl,
      username: SECRETS.username,
      password: SECRETS.password,
      fetch: net.fetch,
      logger,
    }),
  clientCredentials: () =>
    clientCredentials({
      tokenUrl: sandbox.tokenUrl,
      clientId: SECRETS.clientId,
      clientSecret: SECRETS.clientSecret,
      fetch: net.fetch,
      logger,
    }),
  'clientCredentials + apiKey': () =>
    combineAuth(
      clientCredentials({
        tokenUrl: sandbox.tokenUrl,
        clientId: SECRETS.clientId,
        clientSecret: SECRETS.clientSecret,
        fetch: net.fetch,
        logger,
      }),
      apiKey({ key: SECRETS.apiKey }),
    ),
};

/** Generous by default (a loaded CI machine must not turn a normal answer into a timeout). */
function client(baseUrl: string, auth: AuthProvider, timeoutMs = 10_000) {
  return createCovageClient({
    baseUrl,
    auth,
    fetch: net.fetch,
    logger,
    sleep: virtualSleep().sleep,
    retry: { limit: 1 },
    timeoutMs,
  });
}

const ECHO_MODES = [
  'bad-session',
  'not-json',
  'error-400',
  'error-401',
  'error-403',
  'error-500',
  'error-429',
  'reset',
];

describe('no secret in any error or log line', () => {
  for (const [name, make] of Object.entries(providers)) {
    it(`${name}: every failure against a server that echoes credentials`, async () => {
      const api = client(echo.url, make());
      for (const mode of ECHO_MODES) {
        const headers = { 'X-Echo': mode };
        const errors = [
          await failure(api.createSession({}, { headers })),
          await failure(api.getSession('s-1', { headers })),
          await failure(api.confirmSession('s-1', { headers })),
        ];
        for (const error of errors) expect(isCovageError(error)).toBe(true);
      }
    });

    it(`${name}: every fault of the sandbox`, async () => {
      const api = client(sandbox.url, make());
      const session = await api.createSession({});
      for (const fault of ['500', '502', '503', '429', 'reset-before', 'reset-after']) {
        const headers = { 'X-Sandbox-Fault': fault };
        await failure(api.createLine(session.id, completeLine(`L-${fault}`), { headers }));
        await failure(api.getSession(session.id, { headers }));
      }
      // A timeout: the answer is held 3 s, the client gives up after 100 ms.
      const impatient = client(sandbox.url, make(), 100);
      const slow = { 'X-Sandbox-Fault': 'delay;ms=3000' };
      await failure(impatient.createLine(session.id, completeLine('L-slow'), { headers: slow }));
      await failure(impatient.getSession(session.id, { headers: slow }));
      await failure(api.getSession(session.id, { signal: AbortSignal.abort() }));
      await failure(api.getSession('no-such-session'));
    });
  }

  it('wrong credentials of every kind', async () => {
    const wrong = [
      bearerToken('tok-wrong-7Hq2Lp'),
      apiKey({ key: 'key-wrong-8Jr3Mq' }),
      passwordGrant({
        tokenUrl: sandbox.tokenUrl,
        username: SECRETS.username,
        password: 'pw-wrong-9Ks4Nr',
        fetch: net.fetch,
        logger,
      }),
      clientCredentials({
        tokenUrl: sandbox.tokenUrl,
        clientId: SECRETS.clientId,
        clientSecret: 'cs-wrong-1Lt5Os',
        fetch: net.fetch,
        logger,
      }),
    ];
    for (const auth of wrong) await failure(client(sandbox.url, auth).createSession({}));
  });

  it('the checks are not vacuous: the secrets did go over the wire, and the errors were collected', () => {
    const { credentials, texts } = collected();
    expect(credentials).toEqual(expect.arrayContaining([SECRETS.token, SECRETS.apiKey]));
    expect(credentials.some((value) => value.startsWith('sbx-at.'))).toBe(true);
    expect(
      net.requests.some(
        (r) => new URLSearchParams(r.body ?? '').get('password') === SECRETS.password,
      ),
    ).toBe(true);
    expect(texts.length).toBeGreaterThan(500);
    expect(logger.lines.length).toBeGreaterThan(100);
  });

  it('none of them holds a token, API key, password or client secret', () => {
    expect(leaks()).toEqual([]);
  });
});
