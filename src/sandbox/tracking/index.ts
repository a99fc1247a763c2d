/**
 * The order-tracking APIs the sandbox serves next to the order-taking API: Covage orders after
 * creation, Orange Ordering v2 and Order Tracking v1 (with Orange's OAuth token endpoint), obapi
 * and Adobe VIP Marketplace — each under its documented path, with its auth and quirks, and
 * `seedOrders` deterministic orders per provider (from the sandbox's `seed`). See docs/tracking.md.
 */
import { Hono } from 'hono';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { seedAdobeOrders } from './adobeOrders.js';
import { type AdobeCall, adobeRoutes } from './adobeRoutes.js';
import { seedCovageOrders } from './covageOrders.js';
import { covageOrderRoutes } from './covageRoutes.js';
import { seedObapiOrders } from './obapiOrders.js';
import { obapiRoutes } from './obapiRoutes.js';
import type { ResolvedTrackingOptions } from './options.js';
import { OrangeAuth } from './orangeAuth.js';
import { seedOrangeOrders, seedOrangeRequests } from './orangeOrders.js';
import { orangeRoutes } from './orangeRoutes.js';

export {
  type ResolvedTrackingOptions,
  resolveTrackingOptions,
  SANDBOX_TRACKING_DEFAULTS,
  type TrackingSandboxOptions,
} from './options.js';

/** The tracking routes, to mount in the sandbox's app (`app.route('/', trackingRoutes(ctx))`). */
export function trackingRoutes(
  ctx: SandboxContext,
  options: ResolvedTrackingOptions = ctx.options.tracking,
): Hono<SandboxEnv> {
  const start = ctx.now();
  const { seed } = ctx.options;
  const count = options.seedOrders;
  const step = options.progressStepMs;
  const adobeCustomer = options.adobe.customerIds[0] ?? '9876543210';

  const covage = seedCovageOrders(seed, count, start, step);
  const orangeRequests = seedOrangeRequests(seed, count, start, step);
  const orangeOrders = seedOrangeOrders(seed, count, start, step);
  const obapi = seedObapiOrders(seed, count, start, step);
  const adobe = seedAdobeOrders(seed, count, start, step, adobeCustomer);
  const adobeCalls: AdobeCall[] = [];
  const orangeAuth = new OrangeAuth(ctx, options);

  const app = new Hono<SandboxEnv>();
  app.route('/', covageOrderRoutes(ctx, options, covage));
  app.route('/', orangeRoutes(ctx, options, orangeAuth, orangeRequests, orangeOrders));
  app.route('/', obapiRoutes(ctx, options, obapi));
  app.route('/', adobeRoutes(ctx, options, adobe, start, adobeCalls));

  /** `GET /__sandbox/tracking` (admin token): what tests of the tracking adapters look at. */
  app.get('/__sandbox/tracking', (c) => {
    if (c.req.header('authorization') !== `Bearer ${ctx.options.adminToken}`)
      return c.json(
        { error: { code: 'unauthorized', message: 'the sandbox admin token is required' } },
        401,
      );
    return c.json({
      now: ctx.now(),
      start,
      seedOrders: count,
      progressStepMs: step,
      orange: { tokensIssued: orangeAuth.issued },
      adobe: { customerIds: options.adobe.customerIds, calls: adobeCalls },
    });
  });

  return app;
}
