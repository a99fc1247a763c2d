/**
 * The sandbox dashboard: a page at `/` showing every session the sandbox holds, with its lines,
 * states, history and termination errors, live (Server-Sent Events), and the state diagram of
 * the selected session or line with its current state marked. See docs/dashboard.md.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { notFound, SandboxError } from '../errors.js';
import { DashboardAccess } from './access.js';
import { machineDiagramSvg } from './diagram/catalog.js';
import { serveFeed, ViewFeed } from './feed.js';
import { DASHBOARD_ICON } from './icon.js';
import { dashboardPage, tokenPage, wrongHostPage } from './page.js';
import { DASHBOARD_PATHS } from './paths.js';
import { DASHBOARD_SCRIPT } from './script.js';
import { DASHBOARD_CSS } from './style.js';
import { dashboardView } from './view.js';

export { DASHBOARD_PATHS } from './paths.js';

/** How often the live feed reads the store while someone watches (ms). */
const REFRESH_MS = 250;

const NO_STORE = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };

/** Nothing but the sandbox's own script, style sheet and connections. */
const PAGE_HEADERS = {
  ...NO_STORE,
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'Referrer-Policy': 'no-referrer',
};

const WRONG_TOKEN = 'That is not the dashboard token.';

function html(c: Context, body: string, status: ContentfulStatusCode = 200) {
  return c.body(body, status, PAGE_HEADERS);
}

export function dashboardRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const access = new DashboardAccess(ctx.options.dashboardToken);
  const feed = new ViewFeed(() => dashboardView(ctx.sessions.all(ctx.now())), REFRESH_MS, {
    maxWatchers: ctx.options.limits.watchers,
    stallMs: ctx.options.limits.watcherStallMs,
    maxBytesInFlight: ctx.options.limits.watcherBytes,
  });
  ctx.feed = feed;
  ctx.onDispose(() => feed.close());

  /** The data routes answer 401 (or 403 by a non-loopback name) unless the page would show. */
  const guard: MiddlewareHandler<SandboxEnv> = async (c, next) => {
    const verdict = access.verdict(c);
    if (verdict === 'wrong-host')
      throw new SandboxError(
        403,
        'loopback_only',
        'without a dashboard token the dashboard answers only on a loopback address',
      );
    if (verdict === 'needs-token')
      throw new SandboxError(401, 'unauthorized', 'the dashboard token is required', undefined, {
        'WWW-Authenticate': 'Bearer realm="covage-sandbox-dashboard"',
      });
    await next();
  };

  app.get(DASHBOARD_PATHS.page, (c) => {
    const given = c.req.query('token');
    if (given !== undefined && access.tokenMatches(given)) {
      access.open(c);
      return c.redirect(DASHBOARD_PATHS.page, 303);
    }
    const verdict = access.verdict(c);
    if (verdict === 'wrong-host') return html(c, wrongHostPage(), 403);
    if (verdict === 'needs-token')
      return html(c, tokenPage(given === undefined ? undefined : WRONG_TOKEN), 401);
    // A token in the address has done its job (or none was needed): keep it out of history.
    if (given !== undefined) return c.redirect(DASHBOARD_PATHS.page, 303);
    return html(c, dashboardPage());
  });

  app.post(DASHBOARD_PATHS.login, async (c) => {
    if (!access.tokenRequired) return c.redirect(DASHBOARD_PATHS.page, 303);
    const token = new URLSearchParams(await c.req.text()).get('token') ?? undefined;
    if (!access.tokenMatches(token)) return html(c, tokenPage(WRONG_TOKEN), 401);
    access.open(c);
    return c.redirect(DASHBOARD_PATHS.page, 303);
  });

  app.get(DASHBOARD_PATHS.script, (c) =>
    c.body(DASHBOARD_SCRIPT, 200, {
      ...NO_STORE,
      'Content-Type': 'text/javascript; charset=utf-8',
    }),
  );

  app.get(DASHBOARD_PATHS.style, (c) =>
    c.body(DASHBOARD_CSS, 200, { ...NO_STORE, 'Content-Type': 'text/css; charset=utf-8' }),
  );

  app.get(DASHBOARD_PATHS.icon, (c) =>
    c.body(DASHBOARD_ICON, 200, {
      'Cache-Control': 'max-age=86400',
      'X-Content-Type-Options': 'nosniff',
      'Content-Type': 'image/svg+xml; charset=utf-8',
    }),
  );

  app.get(`${DASHBOARD_PATHS.diagrams}/:file`, async (c) => {
    const name = /^([a-z_]+)\.svg$/.exec(c.req.param('file'))?.[1];
    const drawing = name === undefined ? undefined : machineDiagramSvg(name);
    if (drawing === undefined) throw notFound('diagram');
    const svg = await drawing.catch((error: Error) => {
      throw new SandboxError(500, 'diagram_failed', `the ${name} diagram: ${error.message}`);
    });
    return c.body(svg, 200, { ...NO_STORE, 'Content-Type': 'image/svg+xml; charset=utf-8' });
  });

  app.get(DASHBOARD_PATHS.state, guard, (c) =>
    c.body(feed.snapshot(), 200, { ...NO_STORE, 'Content-Type': 'application/json' }),
  );

  app.get(DASHBOARD_PATHS.events, guard, (c) => serveFeed(c, feed));

  return app;
}
