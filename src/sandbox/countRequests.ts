import type { MiddlewareHandler } from 'hono';
import type { SandboxContext, SandboxEnv } from './context.js';
import { isSandboxRoute, routeKey } from './stats.js';

/** Counts every request but the sandbox's own (`/__sandbox/*`). */
export function countRequests(ctx: SandboxContext): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    if (!isSandboxRoute(c.req.path)) ctx.stats.countRequest(routeKey(c));
    await next();
  };
}
