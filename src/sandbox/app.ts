import { Hono } from 'hono';
import { requireUser } from './auth.js';
import type { SandboxContext, SandboxEnv } from './context.js';
import { allowOrigins } from './cors.js';
import { countRequests } from './countRequests.js';
import { dashboardRoutes } from './dashboard/index.js';
import { injectFaults } from './faults.js';
import { handleError, handleNotFound, limitBody } from './handlers.js';
import { addLatency } from './latency.js';
import { adminRoutes } from './routes/admin.js';
import { exportRoutes } from './routes/export.js';
import { lineRoutes } from './routes/lines.js';
import { oauthRoutes } from './routes/oauth.js';
import { openApiRoutes } from './routes/openapi.js';
import { sessionRoutes } from './routes/sessions.js';
import { trackingRoutes } from './tracking/index.js';

/** Path patterns where faults are injected (random at `faultRate`, or forced by header). */
export const FAULTY_PATHS = ['/api/*', '/auth/*'];

/** The sandbox's Hono app: route-independent middleware, then one mount per route module. */
export function buildApp(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  app.onError(handleError);
  app.notFound(handleNotFound(app));

  // CORS first: a preflight is answered before it is counted, delayed, faulted or authenticated.
  app.use('*', allowOrigins(ctx));
  app.use('*', countRequests(ctx));
  app.use('*', addLatency(ctx));
  for (const path of FAULTY_PATHS) app.use(path, injectFaults(ctx));
  // Authentication first: nobody's body is read before they are known (the body is read lazily
  // by the routes, within maxBodyBytes).
  app.use('/api/*', requireUser(ctx));
  app.use('*', limitBody(ctx));

  app.route('/', oauthRoutes(ctx));
  app.route('/', sessionRoutes(ctx));
  app.route('/', lineRoutes(ctx));
  app.route('/', exportRoutes(ctx));
  app.route('/', openApiRoutes(ctx));
  app.route('/', dashboardRoutes(ctx)); // before adminRoutes, whose /__sandbox/* wants the admin token
  app.route('/', adminRoutes(ctx));
  app.route('/', trackingRoutes(ctx));
  return app;
}
