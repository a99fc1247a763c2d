import { Hono } from 'hono';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { SandboxError } from '../errors.js';
import { presentLine } from '../present.js';

/**
 * The sandbox's own routes for tests (admin token only): `GET /__sandbox/state`, everything it
 * holds; `GET /__sandbox/counts`, how much it holds, cheaply (no view of any session is built).
 */
export function adminRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();

  app.use('/__sandbox/*', async (c, next) => {
    if (c.req.header('authorization') !== `Bearer ${ctx.options.adminToken}`)
      throw new SandboxError(
        401,
        'unauthorized',
        'the sandbox admin token is required',
        undefined,
        {
          'WWW-Authenticate': 'Bearer realm="covage-sandbox"',
        },
      );
    await next();
  });

  app.get('/__sandbox/counts', (c) => {
    const now = ctx.now();
    const memory = process.memoryUsage();
    return c.json({
      now,
      ...ctx.sessions.counts(now),
      exports: ctx.exports.count(),
      tokens: ctx.oauth.live,
      watchers: ctx.feed?.stats() ?? { watchers: 0, behind: 0, dropped: 0, turnedAway: 0 },
      memory: { rss: memory.rss, heapUsed: memory.heapUsed },
      ...ctx.stats.snapshot(),
    });
  });

  app.get('/__sandbox/state', (c) => {
    const now = ctx.now();
    const spelling = ctx.options.responseSpelling;
    const sessions = ctx.sessions.all(now).map((session) => ({
      id: session.id,
      user: session.user,
      external_id: session.externalId,
      project_id: session.projectId,
      state: session.state,
      creation_date: session.creationDate,
      order_date: session.orderDate,
      completion_date: session.completionDate,
      product_order_item: session.lines.map((line) => presentLine(line, spelling)),
    }));
    const exports = ctx.exports.all().map((task) => ({
      ...ctx.exports.status(task, now),
      user: task.user,
      rows: task.rows,
    }));
    return c.json({ now, sessions, exports, ...ctx.stats.snapshot() });
  });

  return app;
}
