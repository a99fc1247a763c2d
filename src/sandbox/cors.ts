import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { SandboxContext, SandboxEnv } from './context.js';
import { isLoopbackHost } from './dashboard/access.js';
import { LOOPBACK_ORIGINS } from './options.js';

/** Headers a page may read from an answer (besides the CORS-safelisted ones). */
export const EXPOSED_HEADERS = [
  'Retry-After',
  'WWW-Authenticate',
  'Allow',
  'Content-Disposition',
  'Location',
  'Link',
  'X-Total-Count',
  'X-Result-Count',
  'X-Request-Id',
  'X-Correlation-Id',
  'X-Sandbox-Injected',
];

/** `http://localhost:5173`, `http://127.0.0.1:8080`, `https://[::1]`: an origin on loopback. */
export function isLoopbackOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    return /^https?:$/.test(url.protocol) && isLoopbackHost(url.hostname);
  } catch {
    return false;
  }
}

/** Whether `origin` may call the sandbox, given the resolved `corsOrigins`. */
export function originAllowed(origin: string, allowed: readonly string[]): boolean {
  if (origin === '') return false;
  return allowed.some(
    (entry) =>
      entry === '*' || entry === origin || (entry === LOOPBACK_ORIGINS && isLoopbackOrigin(origin)),
  );
}

/**
 * CORS for the APIs (not for the sandbox's own `/__sandbox/*` routes): a request from an allowed
 * origin gets `Access-Control-Allow-Origin` (errors included), preflights get 204 with the
 * methods and the requested headers. Requests without `Origin` pass untouched.
 */
export function allowOrigins(ctx: SandboxContext): MiddlewareHandler<SandboxEnv> {
  const allowed = ctx.options.corsOrigins;
  const middleware = cors({
    origin: (origin) => (originAllowed(origin, allowed) ? origin : null),
    allowMethods: ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE'],
    exposeHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  });
  return async (c, next) => {
    if (allowed.length === 0 || c.req.header('origin') === undefined) return next();
    if (c.req.path === '/__sandbox' || c.req.path.startsWith('/__sandbox/')) return next();
    return middleware(c, next);
  };
}
