import ky, { type KyInstance } from 'ky';
import { mapPool } from '../../scripts/shared/pool.js';
import { bearerToken } from '../../src/http/auth/index.js';
import { SANDBOX_TRACKING_DEFAULTS } from '../../src/sandbox/tracking/options.js';
import {
  createAdobeTracker,
  createCovageTracker,
  createObapiTracker,
  createOrangeOrderingTracker,
  createOrangeTrackingTracker,
  DEFAULT_CONCURRENCY,
  type Tracker,
  type TrackingProvider,
} from '../../src/tracking/index.js';
import type { Contender, Figures, Scenario } from '../scenario.js';
import {
  requestsBetween,
  type SandboxThread,
  startSandboxThread,
} from '../support/sandboxThread.js';

export const ORDERS = 10_000;
export const PAGE_SIZE = 100;
const LATENCY_MS = 20;
const COVAGE_TOKEN = 'bench-token';
/** Adobe lists the customer's current term only, unless asked for older orders (10,000 days of them). */
const ADOBE_FILTER = { startDate: '1970-01-01' };

/** How one provider's pages are asked for, written by hand: the ideal pager's side. */
export interface RawPaging {
  /** One page by its index (0 first): the number of orders on it, and how many there are. */
  page(http: KyInstance, index: number): Promise<{ count: number; total: number }>;
  headers?(): Record<string, string>;
}

export interface Provider {
  id: TrackingProvider;
  tracker(url: string): Tracker<object, unknown>;
  /** The adapter's filter for "everything". */
  filter?: object;
  raw: RawPaging;
  /** Extra setup on the ideal's side (e.g. an Orange access token). */
  prepare?(url: string): Promise<Record<string, string>>;
}

const pagesOf = (total: number) => Math.ceil(total / PAGE_SIZE);
/** The round trips the ideal by formula is made of, timed `REPEAT` times in a row per run. */
const REPEAT = 5;
const ONE_PAGE = `${REPEAT} lone pages, one after another`;
const ONE_ROUND = `${REPEAT} rounds of ${DEFAULT_CONCURRENCY} pages at once`;

async function orangeToken(url: string): Promise<Record<string, string>> {
  const { clientId, clientSecret } = SANDBOX_TRACKING_DEFAULTS.orangeClient;
  const basic = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
  const token = await ky
    .post(`${url}/oauth/v3/token`, {
      headers: { Authorization: `Basic ${basic}` },
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
    })
    .json<{ access_token: string }>();
  return {
    Authorization: `Bearer ${token.access_token}`,
    'X-Api-Key': SANDBOX_TRACKING_DEFAULTS.orangeApiKey,
  };
}

function orangeRaw(path: string): RawPaging {
  return {
    async page(http, index) {
      const response = await http.get(path.slice(1), {
        searchParams: { offset: index * PAGE_SIZE, limit: PAGE_SIZE },
      });
      const items = await response.json<unknown[]>();
      const total = Math.max(
        Number(response.headers.get('X-Total-Count') ?? 0),
        Number(response.headers.get('X-Result-Count') ?? 0),
      );
      return { count: items.length, total };
    },
  };
}

const PROVIDERS: Provider[] = [
  {
    id: 'covage',
    tracker: (url) =>
      createCovageTracker({ baseUrl: url, auth: bearerToken(COVAGE_TOKEN), pageSize: PAGE_SIZE }),
    raw: {
      async page(http, index) {
        const body = await http
          .get('api/v1/order/', { searchParams: { limit: PAGE_SIZE, offset: index * PAGE_SIZE } })
          .json<{ count: number; results: unknown[] }>();
        return { count: body.results.length, total: body.count };
      },
    },
    prepare: async () => ({ Authorization: `Bearer ${COVAGE_TOKEN}` }),
  },
  {
    id: 'orange-ordering',
    tracker: (url) =>
      createOrangeOrderingTracker({
        baseUrl: url,
        ...SANDBOX_TRACKING_DEFAULTS.orangeClient,
        apiKey: SANDBOX_TRACKING_DEFAULTS.orangeApiKey,
        pageSize: PAGE_SIZE,
      }),
    raw: orangeRaw('/ordering/b2b/v2/requests'),
    prepare: orangeToken,
  },
  {
    id: 'orange-tracking',
    tracker: (url) =>
      createOrangeTrackingTracker({
        baseUrl: url,
        ...SANDBOX_TRACKING_DEFAULTS.orangeClient,
        apiKey: SANDBOX_TRACKING_DEFAULTS.orangeApiKey,
        pageSize: PAGE_SIZE,
      }),
    raw: orangeRaw('/order-tracking/b2b/v1/orders'),
    prepare: orangeToken,
  },
  {
    id: 'obapi',
    tracker: (url) =>
      createObapiTracker({
        baseUrl: url,
        apiKey: SANDBOX_TRACKING_DEFAULTS.obapiKey,
        pageSize: PAGE_SIZE,
      }),
    raw: {
      async page(http, index) {
        const body = await http
          .get('obapi/v1/orders', { searchParams: { page: index + 1, per_page: PAGE_SIZE } })
          .json<{ items: unknown[]; pagination: { total_items: number } }>();
        return { count: body.items.length, total: body.pagination.total_items };
      },
    },
    prepare: async () => ({ Authorization: `Bearer ${SANDBOX_TRACKING_DEFAULTS.obapiKey}` }),
  },
  {
    id: 'adobe',
    tracker: (url) =>
      createAdobeTracker({
        baseUrl: url,
        customerId: SANDBOX_TRACKING_DEFAULTS.adobeCustomerId,
        token: SANDBOX_TRACKING_DEFAULTS.adobeToken,
        apiKey: SANDBOX_TRACKING_DEFAULTS.adobeApiKey,
        pageSize: PAGE_SIZE,
      }),
    filter: ADOBE_FILTER,
    raw: {
      async page(http, index) {
        const body = await http
          .get(`v3/customers/${SANDBOX_TRACKING_DEFAULTS.adobeCustomerId}/orders`, {
            searchParams: {
              offset: index * PAGE_SIZE,
              limit: PAGE_SIZE,
              'start-date': ADOBE_FILTER.startDate,
            },
            // Adobe refuses a repeated request id; the correlation id is per call.
            headers: {
              'X-Request-Id': crypto.randomUUID(),
              'X-Correlation-Id': crypto.randomUUID(),
            },
          })
          .json<{ totalCount: number; items: unknown[] }>();
        return { count: body.items.length, total: body.totalCount };
      },
    },
    prepare: async () => ({
      Authorization: `Bearer ${SANDBOX_TRACKING_DEFAULTS.adobeToken}`,
      'X-Api-Key': SANDBOX_TRACKING_DEFAULTS.adobeApiKey,
    }),
  },
];

/** The ideal by hand: the first page, then all the others `concurrency` at a time. */
async function idealPager(
  paging: RawPaging,
  http: KyInstance,
  concurrency: number,
): Promise<number> {
  const first = await paging.page(http, 0);
  const rest = Array.from({ length: Math.max(0, pagesOf(first.total) - 1) }, (_, i) => i + 1);
  const counts = await mapPool(rest, concurrency, async (index) => {
    return (await paging.page(http, index)).count;
  });
  return counts.reduce((sum, count) => sum + count, first.count);
}

async function drain(orders: AsyncIterable<unknown>): Promise<number> {
  let count = 0;
  for await (const _ of orders) count++;
  return count;
}

/** 1 + ceil((pages − 1) / concurrency): the round trips of a listing paged as fast as allowed. */
export function idealRoundTrips(pages: number, concurrency: number): number {
  return pages <= 0 ? 0 : 1 + Math.ceil((pages - 1) / concurrency);
}

interface State {
  sandbox: SandboxThread | null;
  http: KyInstance | null;
  tracker: Tracker<object, unknown> | null;
  /** Orders the provider holds, and their pages (read once, in setup). */
  orders: number;
  pages: number;
  /** Orders the last run listed. */
  listed: number;
  before: { total: number; byRoute: Record<string, number> } | null;
}

/** Reports the requests a run made (the sandbox's counters) and, for a listing, the orders listed. */
function witnessed(
  state: State,
  contender: { name: string; run(): Promise<unknown>; lists?: boolean },
): Contender {
  return {
    name: contender.name,
    async run() {
      const value = await contender.run();
      if (contender.lists) state.listed = value as number;
      return value;
    },
    async before() {
      state.listed = 0;
      state.before = await (state.sandbox as SandboxThread).requests();
    },
    async after(): Promise<Figures> {
      const after = await (state.sandbox as SandboxThread).requests();
      const requests = requestsBetween(state.before ?? after, after).total;
      return contender.lists ? { requests, orders: state.listed } : { requests };
    },
  };
}

/** `times` runs of `work`, one after the other (a short measurement repeated, for a steadier median). */
async function repeat(times: number, work: () => Promise<unknown>): Promise<void> {
  for (let n = 0; n < times; n++) await work();
}

/**
 * Listing every order of one provider (10,000 seeded, pages of 100, 20 ms per request): the
 * adapter as it pages (the first page gives the total, the others 6 at a time), the same adapter
 * one page at a time, and the ideal pager written by hand on ky. The ideal by formula is
 * 1 + ceil((pages − 1) / 6) round trips: the first page alone, then rounds of 6 pages at once,
 * each timed in the same run (a round costs more than a lone page: the server answers one request
 * at a time, and the client parses six pages).
 */
export function listingScenario(provider: Provider): Scenario {
  const state: State = {
    sandbox: null,
    http: null,
    tracker: null,
    orders: 0,
    pages: 0,
    listed: 0,
    before: null,
  };
  const concurrency = DEFAULT_CONCURRENCY;
  const list = (options: { concurrency: number }) =>
    drain((state.tracker as Tracker<object, unknown>).list(provider.filter ?? {}, options));
  return {
    id: `listing-${provider.id}`,
    title: `listing every ${provider.id} order (${ORDERS.toLocaleString('en')} seeded), pages of ${PAGE_SIZE}, ${LATENCY_MS} ms per request`,
    get items() {
      return state.orders || ORDERS;
    },
    baseline: `ideal pager (ky, ${concurrency} at a time)`,
    target: { contender: 'adapter', maxRatio: 1.2, against: 'ideal by formula' },
    rounds: 5,
    warmup: 1,
    async setup() {
      state.sandbox = await startSandboxThread({
        latencyMs: LATENCY_MS,
        tokens: [COVAGE_TOKEN],
        seedOrders: ORDERS,
        // Orders stand still during the run: a page must not change between two requests.
        tracking: { progressStepMs: 1_000_000_000 },
      });
      const headers = (await provider.prepare?.(state.sandbox.url)) ?? {};
      state.http = ky.create({ prefixUrl: state.sandbox.url, headers, retry: 0, timeout: 30_000 });
      state.tracker = provider.tracker(state.sandbox.url);
      state.orders = (await provider.raw.page(state.http, 0)).total;
      state.pages = pagesOf(state.orders);
    },
    async teardown() {
      await state.sandbox?.close();
    },
    contenders: [
      witnessed(state, {
        name: `ideal pager (ky, ${concurrency} at a time)`,
        run: () => idealPager(provider.raw, state.http as KyInstance, concurrency),
        lists: true,
      }),
      witnessed(state, { name: 'adapter', run: () => list({ concurrency }), lists: true }),
      witnessed(state, {
        name: 'adapter, one page at a time',
        run: () => list({ concurrency: 1 }),
        lists: true,
      }),
      witnessed(state, {
        name: ONE_PAGE,
        run: () => repeat(REPEAT, () => provider.raw.page(state.http as KyInstance, 0)),
      }),
      witnessed(state, {
        name: ONE_ROUND,
        run: () =>
          repeat(REPEAT, () =>
            Promise.all(
              Array.from({ length: concurrency }, (_, i) =>
                provider.raw.page(state.http as KyInstance, i + 1),
              ),
            ),
          ),
      }),
    ],
    derive(medians) {
      const page = (medians.get(ONE_PAGE) ?? Number.NaN) / REPEAT;
      const round = (medians.get(ONE_ROUND) ?? Number.NaN) / REPEAT;
      const trips = idealRoundTrips(state.pages, concurrency);
      return [
        {
          name: 'ideal by formula',
          formula: `${trips} round trips (1 + ceil((${state.pages} − 1) / ${concurrency})): one page ${page.toFixed(1)} ms + ${trips - 1} rounds of ${concurrency} pages × ${round.toFixed(1)} ms`,
          medianMs: page + (trips - 1) * round,
        },
      ];
    },
    note: 'latency-bound (round trips), plus the server answering one request at a time and the client parsing each page',
  };
}

export const LISTING_SCENARIOS = PROVIDERS.map((provider) => ({
  id: `listing-${provider.id}`,
  build: () => listingScenario(provider),
}));
