import { Hono } from 'hono';
import { sessionCreateSchema } from '../../schemas/session.js';
import { parseBody, readJsonBody } from '../body.js';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { presentSession, presentSessionWithItems } from '../present.js';

/** Order sessions: create, confirm, and read back (an assumption, see docs/sandbox.md). */
export function sessionRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const spelling = ctx.options.responseSpelling;

  app.post('/api/v1/product_order', async (c) => {
    ctx.sessions.checkRoom(c.var.user, { sessions: 1 }, ctx.now());
    const body = parseBody(
      sessionCreateSchema,
      await readJsonBody(c, () => ({})),
      ctx.options.limits,
    );
    const session = ctx.sessions.create(c.var.user, body, ctx.now());
    return c.json(presentSession(session), 201);
  });

  app.patch('/api/v1/product_order/:id/confirm/', (c) => {
    const session = ctx.sessions.confirm(c.var.user, c.req.param('id'), ctx.now());
    return c.json(presentSessionWithItems(session, spelling));
  });

  if (ctx.options.readSessionEndpoint)
    app.get('/api/v1/product_order/:id/', (c) => {
      const session = ctx.sessions.get(c.var.user, c.req.param('id'), ctx.now());
      return c.json(presentSessionWithItems(session, spelling));
    });

  return app;
}
