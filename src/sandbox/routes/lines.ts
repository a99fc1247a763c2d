import { Hono } from 'hono';
import { lineCreateSchema, lineUpdateSchema } from '../../schemas/line.js';
import { parseBody, readJsonBody } from '../body.js';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { presentLine, presentSessionWithItems } from '../present.js';

/** Order lines: create, update, delete (the delete path has no `/v1`, as in the doc). */
export function lineRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const spelling = ctx.options.responseSpelling;
  const limits = ctx.options.limits;

  app.post('/api/v1/product_order/:id/product_order_item', async (c) => {
    ctx.sessions.editable(c.var.user, c.req.param('id'), ctx.now());
    ctx.sessions.checkRoom(c.var.user, { lines: 1 }, ctx.now());
    const body = parseBody(lineCreateSchema, await readJsonBody(c), limits);
    const line = ctx.sessions.addLine(c.var.user, c.req.param('id'), body, ctx.now());
    return c.json(presentLine(line, spelling), 201);
  });

  app.patch('/api/v1/product_order/:id/product_order_item/:item_id', async (c) => {
    ctx.sessions.editable(c.var.user, c.req.param('id'), ctx.now());
    const body = parseBody(lineUpdateSchema, await readJsonBody(c, () => ({})), limits);
    const line = ctx.sessions.updateLine(
      c.var.user,
      c.req.param('id'),
      c.req.param('item_id'),
      body,
      ctx.now(),
    );
    return c.json(presentLine(line, spelling));
  });

  app.delete('/api/product_order/:product_order_id/product_order_item/:item_id/', (c) => {
    const session = ctx.sessions.deleteLine(
      c.var.user,
      c.req.param('product_order_id'),
      c.req.param('item_id'),
      ctx.now(),
    );
    return c.json(presentSessionWithItems(session, spelling));
  });

  return app;
}
