import { type Context, Hono } from 'hono';
import type { SandboxContext, SandboxEnv } from '../context.js';
import { injectFaults } from '../faults.js';
import type { ResolvedTrackingOptions } from './options.js';
import type { OrangeAuth } from './orangeAuth.js';
import { orangeError } from './orangeAuth.js';
import {
  type OrangeSeedOrder,
  type OrangeSeedRequest,
  orangeOrderRecord,
  orangeRequestRecord,
} from './orangeOrders.js';
import { ListingCache, queryKey, type Scalar, type SortKey, sortBy, wholeNumber } from './query.js';
import { ChangeClock, type Step } from './timeline.js';

type OrangeRecord = Record<string, unknown> & { id: string };

interface Collection {
  /** The collection's path, e.g. `/ordering/b2b/v2/requests`. */
  path: string;
  records(now: number): OrangeRecord[];
  version(now: number): number;
  /** Attributes a listing may filter on, with their allowed values when they are a closed set. */
  filters: Record<string, readonly string[] | null>;
  sortable: readonly string[];
}

class InvalidQuery extends Error {}

function invalid(c: Context, message: string) {
  return c.json(orangeError(28, 'Invalid query-string parameter value', message), 400);
}

function field(record: OrangeRecord, name: string): Scalar {
  const value = record[name];
  return typeof value === 'object' ? undefined : (value as Scalar);
}

function sortKeys(url: URL, sortable: readonly string[]): SortKey<OrangeRecord>[] {
  const names = (url.searchParams.get('sort') ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const keys = names.map((name) => {
    const descending = name.startsWith('-');
    const attribute = name.replace(/^[-+]/, '');
    if (!sortable.includes(attribute))
      throw new InvalidQuery(`sort: unknown field "${attribute}"; use ${sortable.join(', ')}`);
    return { get: (record: OrangeRecord) => field(record, attribute), descending };
  });
  keys.push({ get: (record) => record.id, descending: false });
  return keys;
}

/**
 * One Orange collection: attribute filters, `offset`/`limit`/`sort` (`-field` descending), the
 * `X-Total-Count` and `X-Result-Count` headers, and `GET {path}/{id}`.
 */
function collectionRoutes(
  options: ResolvedTrackingOptions,
  ctx: SandboxContext,
  collection: Collection,
): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  const cache = new ListingCache<OrangeRecord[]>();
  const paging = ['offset', 'limit', 'sort'];

  app.get(collection.path, (c) => {
    const url = new URL(c.req.url);
    const now = ctx.now();
    const offset = wholeNumber(url.searchParams.get('offset'));
    const limit = wholeNumber(url.searchParams.get('limit'));
    if (offset === null) return invalid(c, 'offset must be a whole number');
    if (limit === null || limit === 0) return invalid(c, 'limit must be a positive whole number');
    const size = Math.min(options.orangeMaxLimit, limit ?? options.orangeDefaultLimit);
    for (const name of url.searchParams.keys()) {
      if (paging.includes(name)) continue;
      const allowed = collection.filters[name];
      if (allowed === undefined)
        return invalid(
          c,
          `unknown attribute "${name}"; filter on ${Object.keys(collection.filters).join(', ')}`,
        );
      const value = url.searchParams.get(name) ?? '';
      if (allowed !== null && !allowed.includes(value))
        return invalid(c, `${name} must be one of ${allowed.join(', ')}`);
    }
    let matching: OrangeRecord[];
    try {
      const keys = sortKeys(url, collection.sortable);
      const key = `${collection.version(now)}|${queryKey(url, ['offset', 'limit'])}`;
      matching = cache.get(key, () => {
        let records = collection.records(now);
        for (const [name, value] of url.searchParams.entries()) {
          if (!paging.includes(name))
            records = records.filter((r) => String(field(r, name)) === value);
        }
        return sortBy(records, keys);
      });
    } catch (error) {
      if (error instanceof InvalidQuery) return invalid(c, error.message);
      throw error;
    }
    const page = matching.slice(offset ?? 0, (offset ?? 0) + size);
    const total = String(matching.length);
    const result = String(page.length);
    const swapped = options.orangeCountHeaders === 'example';
    return c.json(page, 200, {
      'X-Total-Count': swapped ? result : total,
      'X-Result-Count': swapped ? total : result,
    });
  });

  app.get(`${collection.path}/:id`, (c) => {
    const id = c.req.param('id');
    const record = collection.records(ctx.now()).find((item) => item.id === id);
    if (!record)
      return c.json(orangeError(60, 'Resource not found', `no resource with id ${id}`), 404);
    return c.json(record);
  });

  return app;
}

function versionOf(items: readonly { steps: Step[] }[]) {
  const changes = new ChangeClock(items.map((item) => item.steps));
  return (now: number) => changes.versionAt(now);
}

/** Orange Ordering v2 (`/ordering/b2b/v2/requests`) and Order Tracking v1 (`/order-tracking/b2b/v1/orders`). */
export function orangeRoutes(
  ctx: SandboxContext,
  options: ResolvedTrackingOptions,
  auth: OrangeAuth,
  requests: readonly OrangeSeedRequest[],
  orders: readonly OrangeSeedOrder[],
): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  for (const prefix of ['/ordering/*', '/order-tracking/*', '/oauth/*']) {
    app.use(prefix, injectFaults(ctx));
  }
  app.route('/', auth.routes());
  app.use('/ordering/*', auth.guard());
  app.use('/order-tracking/*', auth.guard());

  app.route(
    '/',
    collectionRoutes(options, ctx, {
      path: '/ordering/b2b/v2/requests',
      records: (now) => requests.map((request) => orangeRequestRecord(request, now)),
      version: versionOf(requests),
      filters: {
        id: null,
        customerReference: null,
        step: null,
        status: ['Draft', 'Submitted', 'In Progress', 'Completed', 'Cancelled', 'Rejected'],
        type: null,
        priority: ['LOW', 'MEDIUM', 'HIGH'],
        category: null,
      },
      sortable: ['id', 'customerReference', 'status', 'type', 'priority', 'createdAt', 'updatedAt'],
    }),
  );
  app.route(
    '/',
    collectionRoutes(options, ctx, {
      path: '/order-tracking/b2b/v1/orders',
      records: (now) => orders.map((order) => orangeOrderRecord(order, now)),
      version: versionOf(orders),
      filters: { id: null, status: ['Current', 'Closed'] },
      sortable: ['id', 'status', 'createdAt', 'updatedAt'],
    }),
  );
  return app;
}
