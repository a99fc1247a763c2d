import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { injectFaults } from '../faults.js';
import { ADOBE_ORDER_TYPES, type AdobeSeedOrder, adobeOrderRecord } from './adobeOrders.js';
import type { ResolvedTrackingOptions } from './options.js';
import { ListingCache, multiValues, queryKey, type SortKey, sortBy, wholeNumber } from './query.js';
import { ChangeClock } from './timeline.js';

export const ADOBE_DEFAULT_LIMIT = 25;
export const ADOBE_MAX_LIMIT = 100;
const DAY = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ZULU = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const REQUEST_ID_MEMORY = 10_000;

type AdobeRecord = ReturnType<typeof adobeOrderRecord>;

/** One call as the sandbox saw it: for tests of the request and correlation ids. */
export interface AdobeCall {
  path: string;
  requestId: string | null;
  correlationId: string | null;
  status: number;
}

function adobeError(c: Context, status: ContentfulStatusCode, code: string, message: string) {
  return c.json({ code, message, additionalDetails: [] }, status);
}

/** A date (midnight UTC) or a Zulu date-time, in ms; `null` when neither. */
function parseAdobeDate(value: string): number | null {
  if (DATE.test(value)) return Date.parse(`${value}T00:00:00Z`);
  if (ZULU.test(value)) return Date.parse(value);
  return null;
}

const NEWEST_FIRST: SortKey<AdobeRecord>[] = [
  { get: (order) => order.creationDate, descending: true },
  { get: (order) => order.orderId, descending: true },
];

/**
 * Adobe VIP Marketplace order history: `X-Api-Key` (403), bearer token (401), a required
 * `X-Correlation-Id`, a fresh `X-Request-Id` (a repeated one is refused); `limit` 1..100 (more
 * becomes 100), `offset` up to the total (past it: 400); `order-type`, `status`, `offer-id`
 * repeatable and ORed; `start-date` defaults to the customer's current term start; newest first;
 * `links.next`/`links.prev`.
 */
export function adobeRoutes(
  ctx: SandboxContext,
  options: ResolvedTrackingOptions,
  orders: readonly AdobeSeedOrder[],
  start: number,
  calls: AdobeCall[],
): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const changes = new ChangeClock(orders.map((order) => order.steps));
  const cache = new ListingCache<AdobeRecord[]>();
  const seenRequestIds = new Set<string>();
  const termStart = start - options.adobe.termStartDaysAgo * DAY;

  // Every call is recorded (before any fault), with its status once answered.
  app.use('/v3/*', async (c, next) => {
    const call: AdobeCall = {
      path: c.req.path,
      requestId: c.req.header('x-request-id') ?? null,
      correlationId: c.req.header('x-correlation-id') ?? null,
      status: 0,
    };
    calls.push(call);
    if (calls.length > REQUEST_ID_MEMORY) calls.shift();
    await next();
    call.status = c.res.status;
  });
  app.use('/v3/*', injectFaults(ctx));
  app.use('/v3/*', async (c, next) => {
    const requestId = c.req.header('x-request-id') ?? null;
    const correlationId = c.req.header('x-correlation-id') ?? null;
    const token = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1];
    const known = options.adobe.tokens.find((entry) => entry.token === token);
    if (!known) return adobeError(c, 401, '401', 'Invalid Authorization token');
    if (ctx.now() >= known.expiresAt)
      return adobeError(c, 401, '401', 'Expired Authorization token');
    if (!options.adobe.apiKeys.includes(c.req.header('x-api-key') ?? ''))
      return adobeError(c, 403, '403', 'Invalid API Key');
    if (!correlationId)
      return adobeError(c, 400, '1117', 'The X-Correlation-Id header is required');
    if (requestId !== null) {
      if (seenRequestIds.has(requestId))
        return adobeError(c, 400, '1118', 'Duplicate X-Request-Id');
      seenRequestIds.add(requestId);
      if (seenRequestIds.size > REQUEST_ID_MEMORY) {
        const oldest = seenRequestIds.values().next().value;
        if (oldest !== undefined) seenRequestIds.delete(oldest);
      }
    }
    c.header('X-Request-Id', requestId ?? crypto.randomUUID());
    c.header('X-Correlation-Id', correlationId);
    await next();
  });

  const customerKnown = (id: string) => options.adobe.customerIds.includes(id);

  app.get('/v3/customers/:customerId/orders', (c) => {
    const customerId = c.req.param('customerId');
    if (!customerKnown(customerId)) return adobeError(c, 404, '1116', 'Invalid Customer ID');
    const url = new URL(c.req.url);
    const now = ctx.now();
    const limitValue = wholeNumber(url.searchParams.get('limit'));
    const offsetValue = wholeNumber(url.searchParams.get('offset'));
    if (limitValue === null || limitValue === 0)
      return adobeError(c, 400, '1117', 'Invalid limit: a whole number from 1 to 100');
    if (offsetValue === null) return adobeError(c, 400, '1117', 'Invalid offset: a whole number');
    const limit = Math.min(ADOBE_MAX_LIMIT, limitValue ?? ADOBE_DEFAULT_LIMIT);
    const offset = offsetValue ?? 0;
    const types = multiValues(url, 'order-type');
    if (types.some((type) => !(ADOBE_ORDER_TYPES as readonly string[]).includes(type)))
      return adobeError(c, 400, '1117', `Invalid order-type: use ${ADOBE_ORDER_TYPES.join(', ')}`);
    const statuses = multiValues(url, 'status');
    const offers = multiValues(url, 'offer-id');
    const referenceOrderId = url.searchParams.get('reference-order-id');
    const startValue = url.searchParams.get('start-date');
    const endValue = url.searchParams.get('end-date');
    const from = startValue === null ? termStart : parseAdobeDate(startValue);
    const to = endValue === null ? now : parseAdobeDate(endValue);
    if (from === null || to === null)
      return adobeError(c, 400, '1117', 'Invalid date: use 2019-05-02 or 2019-05-02T22:49:54Z');

    // Every seeded order was created before the start, so an end date of "now" (the default)
    // keeps the same ones until the data changes: key on the version, not on the time.
    const toKey = endValue === null && to >= start ? 'now' : to;
    const key = `${customerId}|${changes.versionAt(now)}|${from}|${toKey}|${queryKey(url, ['limit', 'offset', 'start-date', 'end-date'])}`;
    const matching = cache.get(key, () => {
      const items = orders
        .filter((order) => order.customerId === customerId)
        .map((order) => adobeOrderRecord(order, now))
        .filter((order) => {
          const created = Date.parse(order.creationDate);
          return (
            created >= from &&
            created <= to &&
            (types.length === 0 || types.includes(order.orderType)) &&
            (statuses.length === 0 || statuses.includes(order.status)) &&
            (offers.length === 0 ||
              order.lineItems.some((item) => offers.includes(item.offerId))) &&
            (referenceOrderId === null || order.referenceOrderId === referenceOrderId)
          );
        });
      return sortBy(items, NEWEST_FIRST);
    });
    const total = matching.length;
    if (offset > total)
      return adobeError(
        c,
        400,
        '1117',
        `Invalid offset: ${offset} is past the total count (${total})`,
      );
    const items = matching.slice(offset, offset + limit);
    const link = (at: number) => {
      const params = new URLSearchParams(url.search);
      params.set('offset', String(at));
      params.set('limit', String(limit));
      return { uri: `${url.pathname}?${params.toString()}`, method: 'GET', headers: [] };
    };
    return c.json({
      totalCount: total,
      count: items.length,
      offset,
      limit,
      items,
      links: {
        self: link(offset),
        ...(offset + limit < total ? { next: link(offset + limit) } : {}),
        ...(offset > 0 ? { prev: link(Math.max(0, offset - limit)) } : {}),
      },
    });
  });

  app.get('/v3/customers/:customerId/orders/:orderId', (c) => {
    const customerId = c.req.param('customerId');
    const order = orders.find(
      (item) => item.customerId === customerId && item.orderId === c.req.param('orderId'),
    );
    if (!customerKnown(customerId) || !order)
      return adobeError(c, 404, '1116', 'Invalid customer or order ID');
    return c.json(adobeOrderRecord(order, ctx.now()));
  });

  return app;
}
