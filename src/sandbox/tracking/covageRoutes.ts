import { Hono } from 'hono';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { notFound, SandboxError } from '../errors.js';
import {
  type CovageOrderRecord,
  type CovageSeedOrder,
  covageHistory,
  covageOrderRecord,
  ordersFromLines,
} from './covageOrders.js';
import type { ResolvedTrackingOptions } from './options.js';
import { ListingCache, multiValues, queryKey, type SortKey, sortBy, wholeNumber } from './query.js';
import { ChangeClock } from './timeline.js';

/** Sortable fields of `ordering` (Django REST framework style: `-field` descending). */
const ORDERING_FIELDS = [
  'order_reference',
  'order_date',
  'state',
  'external_id',
  'completion_date',
] as const;
type OrderingField = (typeof ORDERING_FIELDS)[number];

/** Exact-match filters; a repeated one (`external_id=a&external_id=b`) matches any of its values. */
const FILTERS = [
  'order_reference',
  'external_id',
  'product_order_id',
  'product_order_item_id',
] as const;

export const COVAGE_DEFAULT_LIMIT = 20;
export const COVAGE_MAX_LIMIT = 100;

function orderingKeys(url: URL): SortKey<CovageOrderRecord>[] {
  const fields = multiValues(url, 'ordering');
  const keys = fields.map((field) => {
    const descending = field.startsWith('-');
    const name = field.replace(/^-/, '');
    if (!(ORDERING_FIELDS as readonly string[]).includes(name))
      throw new SandboxError(
        400,
        'invalid_ordering',
        `ordering: unknown field "${name}"; use ${ORDERING_FIELDS.join(', ')} (prefix - for descending)`,
      );
    return { get: (order: CovageOrderRecord) => order[name as OrderingField], descending };
  });
  keys.push({ get: (order) => order.order_reference, descending: false });
  return keys;
}

function pageNumber(url: URL, name: string, fallback: number): number {
  const value = wholeNumber(url.searchParams.get(name));
  if (value === null)
    throw new SandboxError(400, 'invalid_parameter', `${name} must be a whole number`);
  return value ?? fallback;
}

function pageLink(url: URL, offset: number, limit: number): string {
  const link = new URL(url);
  link.searchParams.set('limit', String(limit));
  if (offset > 0) link.searchParams.set('offset', String(offset));
  else link.searchParams.delete('offset');
  return link.href;
}

/**
 * Covage order tracking, phase two: `GET /api/v1/order/` (limit/offset pages, filters,
 * `ordering`) and `GET /api/v1/order/{order_reference}/historic/`. Authentication is the
 * order-taking API's (the app's `/api/*` middleware). Seeded orders are visible to every user;
 * a user's confirmed lines that became orders are visible to that user only.
 */
export function covageOrderRoutes(
  ctx: SandboxContext,
  options: ResolvedTrackingOptions,
  seeded: readonly CovageSeedOrder[],
): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const seededChanges = new ChangeClock(seeded.map((order) => order.steps));
  const cache = new ListingCache<CovageOrderRecord[]>();

  const visible = (user: string, now: number) => [
    ...seeded,
    ...ordersFromLines(ctx.sessions, user, now, options.progressStepMs),
  ];

  app.get('/api/v1/order/', (c) => {
    const url = new URL(c.req.url);
    const now = ctx.now();
    const user = c.var.user;
    const limit = Math.min(COVAGE_MAX_LIMIT, pageNumber(url, 'limit', COVAGE_DEFAULT_LIMIT));
    const offset = pageNumber(url, 'offset', 0);
    if (limit < 1) throw new SandboxError(400, 'invalid_parameter', 'limit must be at least 1');
    const keys = orderingKeys(url);
    const states = multiValues(url, 'state');
    const own = ordersFromLines(ctx.sessions, user, now, options.progressStepMs);
    const version = `${seededChanges.versionAt(now)}/${own.length}/${new ChangeClock(own.map((o) => o.steps)).versionAt(now)}`;
    const key = `${user}|${version}|${queryKey(url, ['limit', 'offset'])}`;
    const matching = cache.get(key, () => {
      let records = visible(user, now).map((order) => covageOrderRecord(order, now));
      if (states.length > 0) records = records.filter((order) => states.includes(order.state));
      for (const name of FILTERS) {
        const wanted = url.searchParams.getAll(name);
        if (wanted.length > 0) records = records.filter((order) => wanted.includes(order[name]));
      }
      return sortBy(records, keys);
    });
    const results = matching.slice(offset, offset + limit);
    return c.json({
      count: matching.length,
      next: offset + limit < matching.length ? pageLink(url, offset + limit, limit) : null,
      previous: offset > 0 ? pageLink(url, Math.max(0, offset - limit), limit) : null,
      results,
    });
  });

  app.get('/api/v1/order/:reference/historic/', (c) => {
    const now = ctx.now();
    const reference = c.req.param('reference');
    const order = visible(c.var.user, now).find(
      (item) => item.fields.order_reference === reference,
    );
    if (!order) throw notFound('order');
    return c.json(covageHistory(order, now));
  });

  return app;
}
