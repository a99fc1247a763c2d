import type { AuthProvider } from '../../../http/auth/types.js';
import { CovageHttpError } from '../../../http/errors.js';
import { followOrder } from '../../follow.js';
import {
  asList,
  clampPageSize,
  type TrackerHttp,
  type TrackerOptions,
  trackerHttp,
} from '../../http.js';
import { listAll, offsetPages, type Page } from '../../listing.js';
import type { CallOptions, NormalizedOrder, Tracker } from '../../types.js';
import { normalizeCovageOrder } from './normalize.js';
import {
  type CovageOrder,
  type CovageOrderStateChange,
  covageOrderHistorySchema,
  covageOrderPageSchema,
} from './schema.js';

export const COVAGE_ORDERS_PATH = '/api/v1/order/';
/** The largest `limit` assumed (the sandbox's; Django REST framework APIs often cap at 100). */
export const COVAGE_MAX_PAGE_SIZE = 100;

export interface CovageOrderFilter {
  /** One or several states (ORed). */
  state?: string | readonly string[];
  externalId?: string;
  orderReference?: string;
  productOrderId?: string;
  /** Django REST framework `ordering`: field names, `-field` descending, e.g. `-order_date`. */
  ordering?: string | readonly string[];
}

export interface CovageTrackerOptions extends TrackerOptions {
  /** The same auth as the order-taking API: `bearerToken`, `passwordGrant`, `clientCredentials`. */
  auth: AuthProvider;
}

export interface CovageTracker extends Tracker<CovageOrderFilter, CovageOrder> {
  /** `GET /api/v1/order/{order_reference}/historic/`: the order's states, oldest first. */
  history(orderReference: string, options?: CallOptions): Promise<CovageOrderStateChange[]>;
}

function filterParams(filter: CovageOrderFilter) {
  const ordering = asList(filter.ordering);
  return {
    state: asList(filter.state),
    external_id: filter.externalId,
    order_reference: filter.orderReference,
    product_order_id: filter.productOrderId,
    ordering: ordering?.join(','),
  };
}

/**
 * Covage orders after creation (order tracking, phase two). Paging is limit/offset with a
 * `count` (Django REST framework style, an assumption: the bodies are not published); `get`
 * filters the list by `order_reference`, since no single-order endpoint is documented.
 */
export function createCovageTracker(options: CovageTrackerOptions): CovageTracker {
  const { auth, ...rest } = options;
  const http: TrackerHttp = trackerHttp(rest, auth);
  const pageSize = clampPageSize(options.pageSize, COVAGE_MAX_PAGE_SIZE);

  const fetchPage = async (
    filter: CovageOrderFilter,
    offset: number,
    limit: number,
    signal?: AbortSignal,
  ) =>
    (
      await http.getJson(COVAGE_ORDERS_PATH, covageOrderPageSchema, {
        searchParams: { ...filterParams(filter), limit, offset },
        signal,
      })
    ).body;

  const get = async (id: string, call: CallOptions = {}): Promise<NormalizedOrder<CovageOrder>> => {
    const page = await fetchPage({ orderReference: id }, 0, 1, call.signal);
    const order = page.results.find((item) => item.order_reference === id);
    if (!order)
      throw new CovageHttpError(404, 'GET', COVAGE_ORDERS_PATH, null, `no Covage order ${id}`);
    return normalizeCovageOrder(order);
  };

  return {
    provider: 'covage',
    list(filter = {}, call = {}) {
      return listAll(
        async (signal): Promise<Page<CovageOrder>> => {
          const first = await fetchPage(filter, 0, pageSize, signal);
          const plan = offsetPages(first.results.length, pageSize, first.count);
          return {
            items: first.results,
            rest: {
              pageCount: plan.pageCount,
              fetchPage: async (index, pageSignal) =>
                (await fetchPage(filter, plan.offsetOf(index), plan.pageSize, pageSignal)).results,
            },
          };
        },
        {
          normalize: normalizeCovageOrder,
          concurrency: call.concurrency ?? http.concurrency,
          path: COVAGE_ORDERS_PATH,
          ...(call.signal ? { signal: call.signal } : {}),
        },
      );
    },
    get,
    follow(id, follow = {}) {
      return followOrder(get, id, { ...http.follow, ...follow });
    },
    async history(orderReference, call = {}) {
      const path = `${COVAGE_ORDERS_PATH}${encodeURIComponent(orderReference)}/historic/`;
      return (await http.getJson(path, covageOrderHistorySchema, { signal: call.signal })).body;
    },
  };
}
