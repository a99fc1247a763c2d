import type { MiddlewareHandler } from 'hono';
import type { SandboxContext, SandboxEnv } from './context.js';
import { isSandboxRoute } from './stats.js';

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Adds `latencyMs` before every request but the sandbox's own. */
export function addLatency(ctx: SandboxContext): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    if (ctx.options.latencyMs > 0 && !isSandboxRoute(c.req.path))
      await sleep(ctx.options.latencyMs);
    await next();
  };
}
