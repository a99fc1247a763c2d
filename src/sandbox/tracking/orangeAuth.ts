import { Hono, type MiddlewareHandler } from 'hono';
import { basicCredentials } from '../basicAuth.js';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { OAuthTokens } from '../oauthTokens.js';
import type { ResolvedTrackingOptions } from './options.js';

/** Orange's error body: `{ code, message, description }`. */
export function orangeError(code: number, message: string, description: string) {
  return { code, message, description };
}

/**
 * Orange's OAuth 2.0 token endpoint (`POST /oauth/v3/token`, client credentials, HTTP Basic) and
 * the check of every Orange API call: a valid, unexpired bearer token, then a known `X-Api-Key`.
 */
export class OrangeAuth {
  readonly tokens: OAuthTokens;
  issued = 0;

  constructor(
    private readonly ctx: SandboxContext,
    private readonly options: ResolvedTrackingOptions,
  ) {
    this.tokens = new OAuthTokens(
      options.orangeTokenTtlSeconds,
      1,
      ctx.options.limits.tokensPerUser,
    );
  }

  routes(): Hono<SandboxEnv> {
    const app = new Hono<SandboxEnv>();
    app.post('/oauth/v3/token', async (c) => {
      const client = basicCredentials(c.req.header('authorization'));
      const known = this.options.orangeClients.find(
        (entry) => entry.clientId === client?.id && entry.clientSecret === client?.secret,
      );
      if (!known)
        return c.json(
          { error: 'invalid_client', error_description: 'unknown client or wrong secret' },
          401,
          { 'WWW-Authenticate': 'Basic realm="orange"' },
        );
      const form = new URLSearchParams(await c.req.text());
      if (form.get('grant_type') !== 'client_credentials')
        return c.json(
          {
            error: 'unsupported_grant_type',
            error_description: 'grant_type must be client_credentials',
          },
          400,
        );
      this.issued++;
      const grant = this.tokens.issue(
        `orange:${known.clientId}`,
        known.clientId,
        this.ctx.now(),
        false,
      );
      return c.json(
        { token_type: 'Bearer', access_token: grant.access_token, expires_in: grant.expires_in },
        200,
        { 'Cache-Control': 'no-store' },
      );
    });
    return app;
  }

  /** 401 for a missing, unknown or expired token; 403 for a missing or unknown API key. */
  guard(): MiddlewareHandler<SandboxEnv> {
    return async (c, next) => {
      const header = c.req.header('authorization');
      // The doc's examples send the bare token (`Authorization: {access_token}`): accept both.
      const token = header?.replace(/^Bearer\s+/i, '').trim();
      const challenge = { 'WWW-Authenticate': 'Bearer realm="orange"' };
      if (!token)
        return c.json(
          orangeError(41, 'Missing credentials', 'The request needs an OAuth 2.0 access token.'),
          401,
          challenge,
        );
      const lookup = this.tokens.userOf(token, this.ctx.now());
      if ('error' in lookup)
        return c.json(
          lookup.error === 'expired'
            ? orangeError(42, 'Expired credentials', 'Expired access token.')
            : orangeError(40, 'Invalid credentials', 'Invalid access token.'),
          401,
          challenge,
        );
      const key = c.req.header('x-api-key');
      if (!key || !this.options.orangeApiKeys.includes(key))
        return c.json(
          orangeError(50, 'Access denied', 'A valid X-Api-Key header is required.'),
          403,
        );
      await next();
    };
  }
}
