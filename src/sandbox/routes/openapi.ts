import { Hono } from 'hono';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { openApiDocument } from '../openapi.js';

/** `GET /openapi.json`: the OpenAPI 3.1 document, made once from the zod schemas. */
export function openApiRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  let document: Record<string, unknown> | undefined;
  app.get('/openapi.json', (c) => {
    document ??= openApiDocument(ctx.options);
    return c.json(document);
  });
  return app;
}
