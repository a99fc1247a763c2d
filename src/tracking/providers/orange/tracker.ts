import type { z } from 'zod';
import { apiKey, clientCredentials, combineAuth } from '../../../http/auth/index.js';
import type { AuthProvider } from '../../../http/auth/types.js';
import { followOrder } from '../../follow.js';
import { asList, clampPageSize, type TrackerOptions, trackerHttp } from '../../http.js';
import { listAll, offsetPages, type Page } from '../../listing.js';
import type { CallOptions, NormalizedOrder, Tracker, TrackingProvider } from '../../types.js';
import { normalizeOrangeOrder, normalizeOrangeRequest } from './normalize.js';
import {
  type OrangeOrder,
  type OrangeRequest,
  orangeOrderSchema,
  orangeRequestSchema,
} from './schema.js';

export const ORANGE_REQUESTS_PATH = '/ordering/b2b/v2/requests';
export const ORANGE_ORDERS_PATH = '/order-tracking/b2b/v1/orders';
/** The doc gives no largest `limit`; 100 is asked, and a smaller answer is taken as the cap. */
export const ORANGE_PAGE_SIZE = 100;

export interface OrangeFilterBase {
  /** Other attributes to filter on (`attribute=value`), as the doc allows. */
  attributes?: Record<string, string>;
  /** Field names, `-field` descending (e.g. `-createdAt`), sent as `sort=a,-b`. */
  sort?: string | readonly string[];
}

export interface OrangeRequestFilter extends OrangeFilterBase {
  type?: string;
  status?: string;
}

export interface OrangeOrderFilter extends OrangeFilterBase {
  status?: 'Current' | 'Closed';
}

export interface OrangeTrackerOptions extends TrackerOptions {
  /** OAuth 2.0 client credentials (HTTP Basic at the token endpoint). */
  clientId?: string;
  clientSecret?: string;
  /** Default `{baseUrl}/oauth/v3/token`. */
  tokenUrl?: string | URL;
  /** The `X-Api-Key` sent on every call. */
  apiKey?: string;
  /** Instead of the three above: a ready auth provider (it must add both headers). */
  auth?: AuthProvider;
}

/**
 * Orange sends two count headers: `X-Total-Count` (all matching, says the text) and
 * `X-Result-Count` (this page) — but the doc's example shows them the other way round. The total
 * is the larger of the two, which is right either way.
 */
export function orangeTotal(headers: Headers): number | undefined {
  const values = ['X-Total-Count', 'X-Result-Count']
    .map((name) => headers.get(name))
    .filter((value): value is string => value !== null && /^\d+$/.test(value.trim()))
    .map(Number);
  return values.length === 0 ? undefined : Math.max(...values);
}

function orangeAuth(options: OrangeTrackerOptions): AuthProvider {
  if (options.auth) return options.auth;
  const { clientId, clientSecret, apiKey: key } = options;
  if (!clientId || !clientSecret || !key)
    throw new TypeError('Orange trackers need clientId, clientSecret and apiKey (or auth)');
  const tokenUrl = options.tokenUrl ?? new URL('oauth/v3/token', withSlash(options.baseUrl));
  return combineAuth(
    clientCredentials({
      tokenUrl,
      clientId,
      clientSecret,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.allowInsecureHttp ? { allowInsecureHttp: true } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
    }),
    apiKey({ key }),
  );
}

function withSlash(base: string | URL): string {
  const text = String(base);
  return text.endsWith('/') ? text : `${text}/`;
}

function filterParams(filter: OrangeFilterBase & { type?: string; status?: string }) {
  const sort = asList(filter.sort);
  return {
    ...filter.attributes,
    ...(filter.type === undefined ? {} : { type: filter.type }),
    ...(filter.status === undefined ? {} : { status: filter.status }),
    ...(sort ? { sort: sort.join(',') } : {}),
  };
}

interface Resource<F, R> {
  provider: TrackingProvider;
  path: string;
  schema: z.ZodType<R>;
  normalize(record: R): NormalizedOrder<R>;
  params(filter: F): Record<string, string>;
}

function orangeTracker<F extends OrangeFilterBase, R>(
  options: OrangeTrackerOptions,
  resource: Resource<F, R>,
): Tracker<F, R> {
  const {
    auth: _auth,
    clientId: _id,
    clientSecret: _secret,
    apiKey: _key,
    tokenUrl: _url,
    ...rest
  } = options;
  const http = trackerHttp(rest, orangeAuth(options));
  const pageSize = clampPageSize(options.pageSize, ORANGE_PAGE_SIZE);
  const listSchema = resource.schema.array();

  const fetchPage = (filter: F, offset: number, limit: number, signal?: AbortSignal) =>
    http.getJson(resource.path, listSchema, {
      searchParams: { ...resource.params(filter), offset, limit },
      signal,
    });

  /** Without a count header: one page after the other, until an empty one. */
  const sequential =
    (filter: F, offset: number): Page<R>['next'] =>
    async (signal) => {
      const { body } = await fetchPage(filter, offset, pageSize, signal);
      return {
        items: body,
        ...(body.length > 0 ? { next: sequential(filter, offset + body.length) } : {}),
      };
    };

  const get = async (id: string, call: CallOptions = {}) => {
    const path = `${resource.path}/${encodeURIComponent(id)}`;
    return resource.normalize((await http.getJson(path, resource.schema, call)).body);
  };

  return {
    provider: resource.provider,
    list(filter = {} as F, call = {}) {
      return listAll(
        async (signal): Promise<Page<R>> => {
          const { body, headers } = await fetchPage(filter, 0, pageSize, signal);
          const total = orangeTotal(headers);
          if (total === undefined) {
            return {
              items: body,
              ...(body.length > 0 ? { next: sequential(filter, body.length) } : {}),
            };
          }
          const plan = offsetPages(body.length, pageSize, total);
          return {
            items: body,
            rest: {
              pageCount: plan.pageCount,
              fetchPage: async (index, pageSignal) =>
                (await fetchPage(filter, plan.offsetOf(index), plan.pageSize, pageSignal)).body,
            },
          };
        },
        {
          normalize: resource.normalize,
          concurrency: call.concurrency ?? http.concurrency,
          path: resource.path,
          ...(call.signal ? { signal: call.signal } : {}),
        },
      );
    },
    get,
    follow(id, follow = {}) {
      return followOrder(get, id, { ...http.follow, ...follow });
    },
  };
}

/** Orange Ordering v2: your requests (`GET /ordering/b2b/v2/requests`). */
export function createOrangeOrderingTracker(
  options: OrangeTrackerOptions,
): Tracker<OrangeRequestFilter, OrangeRequest> {
  return orangeTracker<OrangeRequestFilter, OrangeRequest>(options, {
    provider: 'orange-ordering',
    path: ORANGE_REQUESTS_PATH,
    schema: orangeRequestSchema,
    normalize: normalizeOrangeRequest,
    params: filterParams,
  });
}

/** Orange Order Tracking v1: your orders (`GET /order-tracking/b2b/v1/orders`). */
export function createOrangeTrackingTracker(
  options: OrangeTrackerOptions,
): Tracker<OrangeOrderFilter, OrangeOrder> {
  return orangeTracker<OrangeOrderFilter, OrangeOrder>(options, {
    provider: 'orange-tracking',
    path: ORANGE_ORDERS_PATH,
    schema: orangeOrderSchema,
    normalize: normalizeOrangeOrder,
    params: filterParams,
  });
}
