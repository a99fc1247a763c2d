import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { injectFaults } from '../faults.js';
import {
  type ObapiSeedOrder,
  type ObapiStatus,
  obapiListItem,
  obapiOrderRecord,
} from './obapiOrders.js';
import type { ResolvedTrackingOptions } from './options.js';
import { simplePdf } from './pdf.js';
import { ListingCache, queryKey, type SortKey, sortBy, wholeNumber } from './query.js';
import { ChangeClock } from './timeline.js';

const STATUSES: readonly ObapiStatus[] = [
  'draft',
  'validated',
  'in_progress',
  'delivered',
  'cancelled',
];
const SORTS = ['date_asc', 'date_desc', 'ref_asc', 'ref_desc'] as const;
type Sort = (typeof SORTS)[number];
export const OBAPI_DEFAULT_PER_PAGE = 50;
export const OBAPI_MAX_PER_PAGE = 200;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

type ListItem = ReturnType<typeof obapiListItem>;

function fail(c: Context, status: ContentfulStatusCode, message: string) {
  return c.json({ error: { code: status, message } }, status);
}

/** date sorts fall back on `ref`, in the same direction, for orders of the same day. */
function sortKeys(sort: Sort): SortKey<ListItem>[] {
  const descending = sort.endsWith('_desc');
  const byRef = { get: (item: ListItem) => item.ref, descending };
  return sort.startsWith('date')
    ? [{ get: (item) => item.date_order, descending }, byRef]
    : [byRef];
}

/**
 * obapi customer orders: `Authorization: Bearer {apikey}`; `page`/`per_page` (default 50,
 * capped at 200), `date_start`/`date_end` (on `date_order`, inclusive), `status`, `sort`; a
 * `pagination` object; the order PDF at `/obapi/v1/download/{id}?type=order`.
 */
export function obapiRoutes(
  ctx: SandboxContext,
  options: ResolvedTrackingOptions,
  orders: readonly ObapiSeedOrder[],
): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const changes = new ChangeClock(orders.map((order) => order.steps));
  const cache = new ListingCache<ListItem[]>();

  app.use('/obapi/*', injectFaults(ctx));
  app.use('/obapi/*', async (c, next) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
    if (!match?.[1] || !options.obapiKeys.includes(match[1]))
      return c.json(
        { error: { code: 401, message: 'Unauthorized: a valid API key is required' } },
        401,
        {
          'WWW-Authenticate': 'Bearer realm="obapi"',
        },
      );
    await next();
  });

  app.get('/obapi/v1/orders', (c) => {
    const url = new URL(c.req.url);
    const now = ctx.now();
    const page = wholeNumber(url.searchParams.get('page'));
    const perPage = wholeNumber(url.searchParams.get('per_page'));
    if (page === null || page === 0) return fail(c, 400, 'page must be a whole number from 1');
    if (perPage === null || perPage === 0)
      return fail(c, 400, 'per_page must be a whole number from 1');
    const status = url.searchParams.get('status');
    if (status !== null && !(STATUSES as readonly string[]).includes(status))
      return fail(c, 400, `status must be one of ${STATUSES.join(', ')}`);
    const sort = (url.searchParams.get('sort') ?? 'date_desc') as Sort;
    if (!SORTS.includes(sort)) return fail(c, 400, `sort must be one of ${SORTS.join(', ')}`);
    const dateStart = url.searchParams.get('date_start');
    const dateEnd = url.searchParams.get('date_end');
    for (const [name, value] of [
      ['date_start', dateStart],
      ['date_end', dateEnd],
    ] as const) {
      if (value !== null && !DAY_PATTERN.test(value))
        return fail(c, 400, `${name} must be a date, YYYY-MM-DD`);
    }
    const key = `${changes.versionAt(now)}|${queryKey(url, ['page', 'per_page'])}`;
    const matching = cache.get(key, () => {
      const items = orders
        .map((order) => obapiListItem(order, now))
        .filter(
          (item) =>
            (status === null || item.status === status) &&
            (dateStart === null || item.date_order >= dateStart) &&
            (dateEnd === null || item.date_order <= dateEnd),
        );
      return sortBy(items, sortKeys(sort));
    });
    const size = Math.min(OBAPI_MAX_PER_PAGE, perPage ?? OBAPI_DEFAULT_PER_PAGE);
    const number = page ?? 1;
    return c.json({
      items: matching.slice((number - 1) * size, number * size),
      pagination: {
        page: number,
        per_page: size,
        total_items: matching.length,
        total_pages: Math.ceil(matching.length / size),
      },
    });
  });

  app.get('/obapi/v1/orders/:id', (c) => {
    const order = orders.find((item) => item.id === c.req.param('id'));
    if (!order) return fail(c, 404, 'Order not found');
    return c.json({ order: obapiOrderRecord(order, ctx.now()) });
  });

  app.get('/obapi/v1/download/:id', (c) => {
    if (c.req.query('type') !== 'order') return fail(c, 400, 'type must be order');
    const order = orders.find((item) => item.id === c.req.param('id'));
    if (!order) return fail(c, 404, 'Order not found');
    const record = obapiOrderRecord(order, ctx.now());
    const pdf = simplePdf([
      `Order ${record.ref}`,
      `Customer reference: ${record.customer_ref}`,
      `Date: ${record.date_order}   Status: ${record.status}`,
      ...record.lines.map(
        (line) => `${line.quantity} x ${line.product_label}: ${line.total_excl_tax} excl. tax`,
      ),
      `Total: ${record.total_excl_tax} excl. tax, ${record.total_incl_tax} incl. tax`,
    ]);
    return c.body(pdf as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${record.ref}.pdf"`,
    });
  });

  return app;
}
