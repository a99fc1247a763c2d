import { Hono } from 'hono';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { exportRows } from '../csv.js';

/** Forces the started task to end with `success: false`: `X-Sandbox-Export: fail`. */
export const EXPORT_OUTCOME_HEADER = 'X-Sandbox-Export';

/** The CSV export in three steps: start, status, download. */
export function exportRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();

  app.post('/api/v1/product_order/export/csv/', (c) => {
    const now = ctx.now();
    const user = c.var.user;
    const fails = c.req.header(EXPORT_OUTCOME_HEADER)?.trim().toLowerCase() === 'fail';
    const task = ctx.exports.start(user, exportRows(ctx.sessions.of(user, now)), now, fails);
    return c.json({ task_id: task.id });
  });

  app.get('/api/v1/product_order/export/:task_id/status/', (c) => {
    const task = ctx.exports.get(c.var.user, c.req.param('task_id'));
    return c.json(ctx.exports.status(task, ctx.now()));
  });

  app.get('/api/v1/product_order/export/:task_id/download/', async (c) => {
    const task = ctx.exports.get(c.var.user, c.req.param('task_id'));
    const csv = await ctx.exports.file(task, ctx.now());
    return c.body(csv, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="product_orders_${task.id}.csv"`,
    });
  });

  return app;
}
