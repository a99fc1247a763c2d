import { describe, expect, it } from 'vitest';
import {
  createOrangeOrderingTracker,
  createOrangeTrackingTracker,
  type OrangeTrackerOptions,
} from '../../src/tracking/providers/orange/tracker.js';
import { isFinalStatus, type NormalizedOrder } from '../../src/tracking/types.js';
import {
  collect,
  compareText,
  counts,
  fetchWithHeaders,
  ids,
  isSorted,
  ManualClock,
  noSleep,
  requestsSince,
  SEED_ORDERS,
  STEP_MS,
  trackingState,
  useTrackingSandbox,
} from './helpers.js';

const CREDENTIALS = {
  clientId: 'acme-client',
  clientSecret: 'acme-client-secret-42',
  apiKey: 'acme-orange-api-key',
};

const sandbox = useTrackingSandbox({
  tracking: {
    orangeClients: [{ clientId: CREDENTIALS.clientId, clientSecret: CREDENTIALS.clientSecret }],
    orangeApiKeys: [CREDENTIALS.apiKey],
    orangeTokenTtlSeconds: 600,
  },
});
const REQUESTS = 'GET /ordering/b2b/v2/requests';
const ORDERS = 'GET /order-tracking/b2b/v1/orders';

function options(overrides: Partial<OrangeTrackerOptions> = {}): OrangeTrackerOptions {
  return {
    baseUrl: sandbox.handle.url,
    ...CREDENTIALS,
    pageSize: 10,
    sleep: noSleep,
    clock: sandbox.clock,
    ...overrides,
  };
}

const ordering = (overrides: Partial<OrangeTrackerOptions> = {}) =>
  createOrangeOrderingTracker(options(overrides));
const tracking = (overrides: Partial<OrangeTrackerOptions> = {}) =>
  createOrangeTrackingTracker(options(overrides));

describe('Orange Ordering v2 (GET /ordering/b2b/v2/requests)', () => {
  it('listing everything returns every seeded request once, remaining pages fetched together', async () => {
    const before = await counts(sandbox.handle);
    const requests = await collect(ordering({ concurrency: 4 }).list());
    expect(requests).toHaveLength(SEED_ORDERS);
    expect(new Set(ids(requests)).size).toBe(SEED_ORDERS);
    expect(await requestsSince(sandbox.handle, before, REQUESTS)).toBe(Math.ceil(SEED_ORDERS / 10));
    expect(requests[0]).toMatchObject({
      provider: 'orange-ordering',
      raw: { step: 'REQUEST', customer: { id: '33-01257052' } },
    });
  });

  it('keeps the requested sort across pages (-field descending, several fields)', async () => {
    const newest = await collect(ordering().list({ sort: '-createdAt' }));
    expect(newest).toHaveLength(SEED_ORDERS);
    expect(isSorted(newest, (a, b) => compareText(b.createdAt, a.createdAt))).toBe(true);
    const byPriority = await collect(ordering().list({ sort: ['priority', '-id'] }));
    expect(
      isSorted(
        byPriority,
        (a, b) => compareText(a.raw.priority, b.raw.priority) || compareText(b.id, a.id),
      ),
    ).toBe(true);
  });

  it('filters by attribute: type, status, and any other attribute', async () => {
    const all = await collect(ordering().list());
    const generic = await collect(ordering().list({ type: 'C_GENERIC_S1' }));
    expect(ids(generic)).toEqual(ids(all.filter((r) => r.raw.type === 'C_GENERIC_S1')));
    expect(generic.length).toBeGreaterThan(0);
    const completed = await collect(ordering().list({ status: 'Completed' }));
    expect(completed.every((r) => r.status === 'completed')).toBe(true);
    expect(completed).toHaveLength(all.filter((r) => r.providerStatus === 'Completed').length);
    const high = await collect(ordering().list({ attributes: { priority: 'HIGH' } }));
    expect(ids(high)).toEqual(ids(all.filter((r) => r.raw.priority === 'HIGH')));
  });

  it('gets one request by id; an unknown id is a 404', async () => {
    const [first] = await collect(ordering().list());
    expect(await ordering().get((first as NormalizedOrder).id)).toEqual(first);
    await expect(ordering().get('3-99999999')).rejects.toMatchObject({ kind: 'http', status: 404 });
  });
});

describe('Orange Order Tracking v1 (GET /order-tracking/b2b/v1/orders)', () => {
  it('listing everything returns every seeded order once', async () => {
    const before = await counts(sandbox.handle);
    const orders = await collect(tracking({ pageSize: 6, concurrency: 3 }).list());
    expect(orders).toHaveLength(SEED_ORDERS);
    expect(new Set(ids(orders)).size).toBe(SEED_ORDERS);
    expect(await requestsSince(sandbox.handle, before, ORDERS)).toBe(Math.ceil(SEED_ORDERS / 6));
    expect(orders.every((order) => order.customerReference?.startsWith('#SITE-'))).toBe(true);
  });

  it('filters on status=Current and status=Closed, which split the orders', async () => {
    const current = await collect(tracking().list({ status: 'Current' }));
    const closed = await collect(tracking().list({ status: 'Closed' }));
    expect(current.every((order) => order.status === 'in_progress')).toBe(true);
    expect(closed.every((order) => order.status === 'completed')).toBe(true);
    expect(current.length + closed.length).toBe(SEED_ORDERS);
  });

  it('sorts by id, ascending and descending', async () => {
    const descending = await collect(tracking().list({ sort: '-id' }));
    expect(isSorted(descending, (a, b) => compareText(b.id, a.id))).toBe(true);
    const ascending = await collect(tracking().list({ sort: 'id' }));
    expect(ids(ascending)).toEqual([...ids(descending)].reverse());
  });
});

describe('Orange auth', () => {
  it('a wrong client secret fails with an auth error that shows no secret', async () => {
    const error = await collect(ordering({ clientSecret: 'not-the-secret' }).list()).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ kind: 'auth' });
    expect(`${String(error)} ${JSON.stringify(error)}`).not.toMatch(/not-the-secret|acme-orange/);
  });

  it('a wrong API key is refused with 403', async () => {
    const error = await collect(tracking({ apiKey: 'wrong-api-key' }).list()).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ kind: 'auth', status: 403 });
    expect(`${String(error)} ${JSON.stringify(error)}`).not.toContain('wrong-api-key');
  });

  it('a token the server says has expired is renewed once and the call goes through', async () => {
    // The tracker's clock lags behind the server's: it still believes its token is valid.
    const lagging = new ManualClock(sandbox.clock.now());
    const tracker = ordering({ clock: lagging });
    expect(await collect(tracker.list())).toHaveLength(SEED_ORDERS);
    const issued = (await trackingState(sandbox.handle)).orange.tokensIssued;
    sandbox.clock.advance(601_000);
    expect(await collect(tracker.list())).toHaveLength(SEED_ORDERS);
    expect((await trackingState(sandbox.handle)).orange.tokensIssued).toBe(issued + 1);
  });

  it('a token about to expire is renewed before it is used', async () => {
    const tracker = tracking();
    await tracker.get((await collect(tracker.list()))[0]?.id as string);
    const issued = (await trackingState(sandbox.handle)).orange.tokensIssued;
    sandbox.clock.advance(599_000);
    await collect(tracker.list());
    expect((await trackingState(sandbox.handle)).orange.tokensIssued).toBe(issued + 1);
  });
});

describe('Orange quirks', () => {
  it('waits out a 429 on a page and still returns everything, in order', async () => {
    const before = await counts(sandbox.handle);
    let faulted = false;
    const fetch = fetchWithHeaders((url) => {
      if (faulted || !url.includes('offset=20')) return undefined;
      faulted = true;
      return { 'X-Sandbox-Fault': '429;retry-after=1' };
    });
    const requests = await collect(ordering({ fetch }).list({ sort: 'id' }));
    expect(ids(requests)).toEqual([...ids(requests)].sort());
    expect(requests).toHaveLength(SEED_ORDERS);
    expect((await counts(sandbox.handle)).faults['429']).toBe((before.faults['429'] ?? 0) + 1);
  });

  it('asks 100 per page by default: the seeded set in one request', async () => {
    const before = await counts(sandbox.handle);
    const all = await collect(
      createOrangeOrderingTracker({ ...options(), pageSize: undefined }).list(),
    );
    expect(all).toHaveLength(SEED_ORDERS);
    expect(await requestsSince(sandbox.handle, before, REQUESTS)).toBe(1);
  });

  it('without count headers, pages follow one another until an empty one', async () => {
    const withoutCounts: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const headers = new Headers(response.headers);
      headers.delete('X-Total-Count');
      headers.delete('X-Result-Count');
      return new Response(response.body, { status: response.status, headers });
    };
    const before = await counts(sandbox.handle);
    const all = await collect(
      ordering({ fetch: withoutCounts, pageSize: 20 }).list({ sort: 'id' }),
    );
    expect(ids(all)).toEqual([...ids(all)].sort());
    expect(all).toHaveLength(SEED_ORDERS);
    expect(await requestsSince(sandbox.handle, before, REQUESTS)).toBe(
      Math.ceil(SEED_ORDERS / 20) + 1,
    );
  });
});

describe('an Orange server with a small page cap and the count headers of the doc example', () => {
  const small = useTrackingSandbox({
    tracking: { orangeMaxLimit: 8, orangeCountHeaders: 'example' },
  });

  it('the page size is what the server answered, and the total the larger header', async () => {
    const before = await counts(small.handle);
    const tracker = createOrangeTrackingTracker({
      baseUrl: small.handle.url,
      clientId: 'orange-client',
      clientSecret: 'orange-secret',
      apiKey: 'orange-api-key',
      pageSize: 50,
    });
    const orders = await collect(tracker.list({ sort: 'createdAt' }));
    expect(orders).toHaveLength(SEED_ORDERS);
    expect(new Set(ids(orders)).size).toBe(SEED_ORDERS);
    expect(isSorted(orders, (a, b) => compareText(a.createdAt, b.createdAt))).toBe(true);
    expect(await requestsSince(small.handle, before, ORDERS)).toBe(Math.ceil(SEED_ORDERS / 8));
  });

  it('follows a current order until it is closed', async () => {
    const tracker = createOrangeTrackingTracker({
      baseUrl: small.handle.url,
      clientId: 'orange-client',
      clientSecret: 'orange-secret',
      apiKey: 'orange-api-key',
      clock: small.clock,
      follow: { intervalMs: 1, maxIntervalMs: 2 },
    });
    const current = await collect(tracker.list({ status: 'Current' }));
    const live = current.find((order) => !isFinalStatus(order.status)) as NormalizedOrder;
    const seen: string[] = [];
    for await (const order of tracker.follow(live.id)) {
      seen.push(order.providerStatus ?? '');
      small.clock.advance(STEP_MS);
    }
    expect(seen).toEqual(['Current', 'Closed']);
  });
});
