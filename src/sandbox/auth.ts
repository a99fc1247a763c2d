import type { MiddlewareHandler } from 'hono';
import type { SandboxContext, SandboxEnv } from './context.js';
import { SandboxError } from './errors.js';

const CODES = {
  missing: 'unauthorized',
  invalid: 'invalid_token',
  expired: 'token_expired',
} as const;

const MESSAGES = {
  missing: 'authentication required: send Authorization: Bearer <token> or X-Api-Key',
  invalid: 'unknown or malformed credentials',
  expired: 'the access token has expired',
} as const;

/** Sets `c.var.user`, or answers 401 with a `WWW-Authenticate` challenge. */
export function requireUser(ctx: SandboxContext): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const result = ctx.credentials.identify(
      c.req.header('authorization'),
      c.req.header('x-api-key'),
      ctx.now(),
    );
    if ('error' in result) {
      const challenge =
        result.error === 'missing'
          ? 'Bearer realm="covage"'
          : `Bearer realm="covage", error="invalid_token", error_description="${MESSAGES[result.error]}"`;
      throw new SandboxError(401, CODES[result.error], MESSAGES[result.error], undefined, {
        'WWW-Authenticate': challenge,
      });
    }
    c.set('user', result.user);
    await next();
  };
}
