import { bearerToken } from '../../../http/auth/index.js';
import type { AuthProvider } from '../../../http/auth/types.js';
import { CovageResponseError } from '../../../http/errors.js';
import { followOrder } from '../../follow.js';
import { clampPageSize, type TrackerOptions, trackerHttp } from '../../http.js';
import { listAll, type Page } from '../../listing.js';
import type { CallOptions, Tracker } from '../../types.js';
import { normalizeObapiOrder } from './normalize.js';
import { type ObapiOrder, type ObapiSort, obapiPageSchema, obapiSingleSchema } from './schema.js';

export const OBAPI_ORDERS_PATH = '/obapi/v1/orders';
/** The doc's largest `per_page`. */
export const OBAPI_MAX_PER_PAGE = 200;

export interface ObapiFilter {
  status?: 'draft' | 'validated' | 'in_progress' | 'delivered' | 'cancelled';
  /** `YYYY-MM-DD`, on the order date, inclusive. */
  dateStart?: string;
  dateEnd?: string;
  /** Default (the API's): `date_desc`. */
  sort?: ObapiSort;
}

export interface ObapiTrackerOptions extends TrackerOptions {
  /** Sent as `Authorization: Bearer {apiKey}`. */
  apiKey?: string;
  auth?: AuthProvider;
}

export interface ObapiTracker extends Tracker<ObapiFilter, ObapiOrder> {
  /** `GET /obapi/v1/download/{id}?type=order`: the order's PDF, as a web stream (not buffered). */
  downloadPdf(id: string, options?: CallOptions): Promise<ReadableStream<Uint8Array>>;
}

function filterParams(filter: ObapiFilter) {
  return {
    status: filter.status,
    date_start: filter.dateStart,
    date_end: filter.dateEnd,
    sort: filter.sort,
  };
}

/** obapi customer orders: `page`/`per_page` pages with a `pagination` object; money as strings. */
export function createObapiTracker(options: ObapiTrackerOptions): ObapiTracker {
  const { apiKey, auth, ...rest } = options;
  if (!auth && !apiKey) throw new TypeError('the obapi tracker needs an apiKey (or auth)');
  const http = trackerHttp(rest, auth ?? bearerToken(apiKey as string));
  const perPage = clampPageSize(options.pageSize, OBAPI_MAX_PER_PAGE);

  const fetchPage = async (filter: ObapiFilter, page: number, size: number, signal?: AbortSignal) =>
    (
      await http.getJson(OBAPI_ORDERS_PATH, obapiPageSchema, {
        searchParams: { ...filterParams(filter), page, per_page: size },
        signal,
      })
    ).body;

  const get = async (id: string, call: CallOptions = {}) => {
    const path = `${OBAPI_ORDERS_PATH}/${encodeURIComponent(id)}`;
    return normalizeObapiOrder((await http.getJson(path, obapiSingleSchema, call)).body.order);
  };

  return {
    provider: 'obapi',
    list(filter = {}, call = {}) {
      return listAll(
        async (signal): Promise<Page<ObapiOrder>> => {
          const first = await fetchPage(filter, 1, perPage, signal);
          // The server's `per_page` is the one that counts (it caps what is asked at 200).
          const size = first.pagination.per_page;
          return {
            items: first.items,
            rest: {
              pageCount: Math.max(0, first.pagination.total_pages - 1),
              fetchPage: async (index, pageSignal) =>
                (await fetchPage(filter, index + 2, size, pageSignal)).items,
            },
          };
        },
        {
          normalize: normalizeObapiOrder,
          concurrency: call.concurrency ?? http.concurrency,
          path: OBAPI_ORDERS_PATH,
          ...(call.signal ? { signal: call.signal } : {}),
        },
      );
    },
    get,
    follow(id, follow = {}) {
      return followOrder(get, id, { ...http.follow, ...follow });
    },
    async downloadPdf(id, call = {}) {
      const path = `/obapi/v1/download/${encodeURIComponent(id)}`;
      const response = await http.client.request<ReadableStream<Uint8Array> | null>({
        method: 'GET',
        path,
        searchParams: { type: 'order' },
        headers: { Accept: 'application/pdf' },
        responseType: 'stream',
        ...(call.signal ? { signal: call.signal } : {}),
      });
      if (!response.body)
        throw new CovageResponseError('GET', path, [{ path: '', message: 'no body' }], null);
      return response.body;
    },
  };
}
