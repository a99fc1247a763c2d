import { apiKey as apiKeyAuth, bearerToken, combineAuth } from '../../../http/auth/index.js';
import type { AuthProvider } from '../../../http/auth/types.js';
import { followOrder } from '../../follow.js';
import { asList, clampPageSize, type TrackerOptions, trackerHttp } from '../../http.js';
import { listAll, offsetPages, type Page } from '../../listing.js';
import type { CallOptions, Tracker } from '../../types.js';
import { normalizeAdobeOrder } from './normalize.js';
import { type AdobeOrder, adobeOrderSchema, adobePageSchema } from './schema.js';

/** The doc's largest `limit` (a larger one is taken as 100 by the API). */
export const ADOBE_MAX_LIMIT = 100;

export interface AdobeOrderFilter {
  /** Several values are ORed. */
  orderType?: 'NEW' | 'TRANSFER' | 'RENEWAL' | readonly ('NEW' | 'TRANSFER' | 'RENEWAL')[];
  /** Status codes (`1000`, `1002`, `1004`, `1026`…); several are ORed. */
  status?: string | readonly string[];
  offerId?: string | readonly string[];
  resellerId?: string;
  referenceOrderId?: string;
  /**
   * `2019-05-02` or `2019-05-02T22:49:54Z`. The API's default is the customer's current term
   * start: pass an early date to list older orders.
   */
  startDate?: string;
  endDate?: string;
}

export interface AdobeTrackerOptions extends TrackerOptions {
  customerId: string;
  /** The bearer token (or `auth`, a provider that gives `Authorization`). */
  token?: string;
  auth?: AuthProvider;
  apiKey: string;
}

function filterParams(filter: AdobeOrderFilter) {
  return {
    'order-type': asList(filter.orderType),
    status: asList(filter.status),
    'offer-id': asList(filter.offerId),
    'reseller-id': filter.resellerId,
    'reference-order-id': filter.referenceOrderId,
    'start-date': filter.startDate,
    'end-date': filter.endDate,
  };
}

/** A new id per request (`X-Request-Id`) or per call (`X-Correlation-Id`). */
function newId(): string {
  return globalThis.crypto.randomUUID();
}

/**
 * Adobe VIP Marketplace orders of one customer. Every request carries a new `X-Request-Id`; the
 * attempts of one call share one `X-Correlation-Id`. Pages: `links.next` would chain them one by
 * one, but offsets follow from `totalCount`, so the remaining pages are prefetched by offset,
 * concurrently (never past the total, which the API refuses). Results are newest first.
 */
export function createAdobeTracker(
  options: AdobeTrackerOptions,
): Tracker<AdobeOrderFilter, AdobeOrder> {
  const { customerId, token, auth, apiKey, ...rest } = options;
  if (!auth && !token) throw new TypeError('the Adobe tracker needs a token (or auth)');
  const http = trackerHttp(
    rest,
    combineAuth(auth ?? bearerToken(token as string), apiKeyAuth({ key: apiKey })),
    {
      headers: { 'Content-Type': 'application/json' },
      attemptHeaders: () => ({ 'X-Request-Id': newId() }),
    },
  );
  const limit = clampPageSize(options.pageSize, ADOBE_MAX_LIMIT);
  const ordersPath = `/v3/customers/${encodeURIComponent(customerId)}/orders`;

  const call = <T>(run: (headers: Record<string, string>) => Promise<T>) =>
    run({ 'X-Correlation-Id': newId() });

  const fetchPage = (
    filter: AdobeOrderFilter,
    offset: number,
    size: number,
    signal?: AbortSignal,
  ) =>
    call(
      async (headers) =>
        (
          await http.getJson(ordersPath, adobePageSchema, {
            searchParams: { ...filterParams(filter), offset, limit: size },
            signal,
            headers,
          })
        ).body,
    );

  const get = (id: string, callOptions: CallOptions = {}) =>
    call(async (headers) =>
      normalizeAdobeOrder(
        (
          await http.getJson(`${ordersPath}/${encodeURIComponent(id)}`, adobeOrderSchema, {
            signal: callOptions.signal,
            headers,
          })
        ).body,
      ),
    );

  return {
    provider: 'adobe',
    list(filter = {}, listOptions = {}) {
      return listAll(
        async (signal): Promise<Page<AdobeOrder>> => {
          const first = await fetchPage(filter, 0, limit, signal);
          const plan = offsetPages(
            first.items.length,
            Math.min(limit, first.limit || limit),
            first.totalCount,
          );
          return {
            items: first.items,
            rest: {
              pageCount: plan.pageCount,
              fetchPage: async (index, pageSignal) =>
                (await fetchPage(filter, plan.offsetOf(index), plan.pageSize, pageSignal)).items,
            },
          };
        },
        {
          normalize: normalizeAdobeOrder,
          concurrency: listOptions.concurrency ?? http.concurrency,
          path: ordersPath,
          ...(listOptions.signal ? { signal: listOptions.signal } : {}),
        },
      );
    },
    get,
    follow(id, follow = {}) {
      return followOrder(get, id, { ...http.follow, ...follow });
    },
  };
}
