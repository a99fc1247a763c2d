import { describe, expect, it } from 'vitest';
import { ManualClock, useSandbox } from './helpers.js';

const TOKEN_PATH = '/auth/realms/covage/protocol/openid-connect/token';
const clock = new ManualClock();
const sandbox = useSandbox({
  clock,
  tokens: ['static-token'],
  apiKeys: ['alice-key'],
  oauth: {
    users: [{ username: 'alice', password: 's3cret' }],
    clients: [{ clientId: 'acme', clientSecret: 'acme-secret' }],
    accessTokenTtlSeconds: 60,
    refreshTokenTtlSeconds: 600,
  },
});

async function token(form: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await fetch(`${sandbox.handle.url}${TOKEN_PATH}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  });
  // biome-ignore lint/suspicious/noExplicitAny: read loosely
  return { status: response.status, body: (await response.json()) as any };
}

const createSession = (token: string | null, headers: Record<string, string> = {}) =>
  sandbox.call('POST', '/api/v1/product_order', { body: {}, token, headers });

const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

describe('static bearer tokens and API keys', () => {
  it('a configured token is one user', async () => {
    expect((await createSession('static-token')).status).toBe(201);
  });

  it('an API key in X-Api-Key is one user', async () => {
    const answer = await createSession(null, { 'X-Api-Key': 'alice-key' });
    expect(answer.status).toBe(201);
    const state = await sandbox.admin();
    expect(state.sessions.find((session) => session.id === answer.body.id)?.user).toBe('api-key-1');
  });

  it('an unknown API key is refused', async () => {
    expect((await createSession(null, { 'X-Api-Key': 'bob-key' })).status).toBe(401);
  });
});

describe('OAuth 2.0 password grant with refresh token (Keycloak, as Covage documents it)', () => {
  it('issues an access token and a refresh token; both work; the access token expires', async () => {
    const granted = await token({
      grant_type: 'password',
      client_id: 'api-client',
      username: 'alice',
      password: 's3cret',
    });
    expect(granted.status).toBe(200);
    expect(granted.body).toMatchObject({
      token_type: 'Bearer',
      expires_in: 60,
      refresh_expires_in: 600,
    });
    expect(granted.body.refresh_token).toEqual(expect.any(String));
    expect((await createSession(granted.body.access_token)).status).toBe(201);

    clock.advance(60_000);
    const expired = await createSession(granted.body.access_token);
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('token_expired');
    expect(expired.headers.get('www-authenticate')).toContain('invalid_token');

    const refreshed = await token({
      grant_type: 'refresh_token',
      client_id: 'api-client',
      refresh_token: granted.body.refresh_token,
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.access_token).not.toBe(granted.body.access_token);
    expect((await createSession(refreshed.body.access_token)).status).toBe(201);
  });

  it('a refresh token expires too', async () => {
    const granted = await token({
      grant_type: 'password',
      client_id: 'api-client',
      username: 'alice',
      password: 's3cret',
    });
    clock.advance(600_000);
    const refreshed = await token({
      grant_type: 'refresh_token',
      client_id: 'api-client',
      refresh_token: granted.body.refresh_token,
    });
    expect(refreshed).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('wrong credentials are invalid_grant; an unknown client is invalid_client', async () => {
    const wrong = await token({
      grant_type: 'password',
      client_id: 'api-client',
      username: 'alice',
      password: 'no',
    });
    expect(wrong).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const client = await token({
      grant_type: 'password',
      client_id: 'other',
      username: 'alice',
      password: 's3cret',
    });
    expect(client).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
  });

  it('the sessions of an OAuth user are theirs alone', async () => {
    const granted = await token({
      grant_type: 'password',
      client_id: 'api-client',
      username: 'alice',
      password: 's3cret',
    });
    const created = await createSession(granted.body.access_token);
    const read = await sandbox.call('GET', `/api/v1/product_order/${created.body.id}/`, {
      token: 'static-token',
    });
    expect(read.status).toBe(404);
    const state = await sandbox.admin();
    expect(state.sessions.find((session) => session.id === created.body.id)?.user).toBe(
      'user:alice',
    );
  });
});

describe('OAuth 2.0 client credentials', () => {
  it('with HTTP Basic: an access token without a refresh token', async () => {
    const granted = await token(
      { grant_type: 'client_credentials' },
      { Authorization: basic('acme', 'acme-secret') },
    );
    expect(granted.status).toBe(200);
    expect(granted.body.refresh_token).toBeUndefined();
    expect((await createSession(granted.body.access_token)).status).toBe(201);
  });

  it('with the id and secret as form fields', async () => {
    const granted = await token({
      grant_type: 'client_credentials',
      client_id: 'acme',
      client_secret: 'acme-secret',
    });
    expect(granted.status).toBe(200);
  });

  it('a wrong secret is invalid_client (401)', async () => {
    const refused = await token(
      { grant_type: 'client_credentials' },
      { Authorization: basic('acme', 'nope') },
    );
    expect(refused).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
  });
});

describe('the token endpoint refuses what OAuth refuses', () => {
  it('an unknown grant type, a missing grant type, a JSON body', async () => {
    expect(await token({ grant_type: 'implicit' })).toMatchObject({
      status: 400,
      body: { error: 'unsupported_grant_type' },
    });
    expect(await token({})).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    const json = await fetch(`${sandbox.handle.url}${TOKEN_PATH}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"grant_type":"password"}',
    });
    expect(json.status).toBe(400);
  });
});
