import { type Context, Hono } from 'hono';
import { basicCredentials } from '../basicAuth.js';
import type { SandboxContext, SandboxEnv } from '../context.js';

/** Keycloak's token endpoint for the `covage` realm, as Covage's developer docs describe it. */
export const TOKEN_PATH = '/auth/realms/covage/protocol/openid-connect/token';

/** The public client of the password and refresh-token grants. */
export const PASSWORD_CLIENT_ID = 'api-client';

type OAuthError = 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unsupported_grant_type';

/** An OAuth 2.0 error answer (RFC 6749 §5.2), never the sandbox's own error shape. */
function oauthError(c: Context, error: OAuthError, description: string) {
  const status = error === 'invalid_client' ? 401 : 400;
  const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
  if (status === 401) headers['WWW-Authenticate'] = 'Basic realm="covage"';
  return c.json({ error, error_description: description }, status, headers);
}

/** OAuth 2.0 token endpoint: password, refresh_token and client_credentials grants. */
export function oauthRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const { users, clients } = ctx.options.oauth;

  app.post(TOKEN_PATH, async (c) => {
    const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/x-www-form-urlencoded')
      return oauthError(c, 'invalid_request', 'send the form as application/x-www-form-urlencoded');
    const form = new URLSearchParams(await c.req.text());
    const now = ctx.now();
    const grant = form.get('grant_type');
    const basic = basicCredentials(c.req.header('authorization'));
    const clientId = basic?.id ?? form.get('client_id') ?? undefined;

    if (grant === 'password' || grant === 'refresh_token') {
      if (clientId !== PASSWORD_CLIENT_ID)
        return oauthError(
          c,
          'invalid_client',
          `unknown client; use client_id=${PASSWORD_CLIENT_ID}`,
        );
      if (grant === 'password') {
        const username = form.get('username');
        const password = form.get('password');
        if (!username || password === null)
          return oauthError(c, 'invalid_request', 'username and password are required');
        const user = users.find((u) => u.username === username && u.password === password);
        if (!user) return oauthError(c, 'invalid_grant', 'Invalid user credentials');
        return c.json(ctx.oauth.issue(`user:${user.username}`, clientId, now, true), 200, {
          'Cache-Control': 'no-store',
        });
      }
      const refreshToken = form.get('refresh_token');
      if (!refreshToken) return oauthError(c, 'invalid_request', 'refresh_token is required');
      const answer = ctx.oauth.redeem(refreshToken, clientId, now);
      if (!answer) return oauthError(c, 'invalid_grant', 'Token is not active');
      return c.json(answer, 200, { 'Cache-Control': 'no-store' });
    }

    if (grant === 'client_credentials') {
      const secret = basic?.secret ?? form.get('client_secret');
      const client = clients.find((k) => k.clientId === clientId && k.clientSecret === secret);
      if (!client || !clientId)
        return oauthError(c, 'invalid_client', 'Invalid client credentials');
      return c.json(ctx.oauth.issue(`client:${client.clientId}`, clientId, now, false), 200, {
        'Cache-Control': 'no-store',
      });
    }

    if (!grant) return oauthError(c, 'invalid_request', 'grant_type is required');
    return oauthError(c, 'unsupported_grant_type', `grant_type ${grant} is not supported`);
  });

  return app;
}
