import { describe, expect, it } from 'vitest';
import type { AuthProvider } from '../../src/http/auth/types.js';
import {
  type AdobeTrackerOptions,
  createAdobeTracker,
} from '../../src/tracking/providers/adobe/tracker.js';
import { isFinalStatus, type NormalizedOrder } from '../../src/tracking/types.js';
import {
  collect,
  compareText,
  counts,
  faultFirst,
  ids,
  isSorted,
  noSleep,
  requestsSince,
  SEED_ORDERS,
  START_MS,
  STEP_MS,
  trackingState,
  useTrackingSandbox,
} from './helpers.js';

const CUSTOMER = '9876543210';
const TERM_DAYS = 20;
const sandbox = useTrackingSandbox({
  tracking: {
    adobe: {
      tokens: ['acme-adobe-token', { token: 'short-lived-token', expiresAt: START_MS + 60_000 }],
      apiKeys: ['acme-adobe-key'],
      customerIds: [CUSTOMER, '1111111111'],
      termStartDaysAgo: TERM_DAYS,
    },
  },
});
const LIST = 'GET /v3/customers/{customerId}/orders';
const EVERYTHING = { startDate: '2000-01-01' };

function adobe(overrides: Partial<AdobeTrackerOptions> = {}) {
  return createAdobeTracker({
    baseUrl: sandbox.handle.url,
    customerId: CUSTOMER,
    token: 'acme-adobe-token',
    apiKey: 'acme-adobe-key',
    pageSize: 10,
    sleep: noSleep,
    ...overrides,
  });
}

const newestFirst = (a: NormalizedOrder, b: NormalizedOrder) =>
  compareText(b.createdAt, a.createdAt) || compareText(b.id, a.id);

interface Call {
  path: string;
  requestId: string | null;
  correlationId: string | null;
  status: number;
}
async function calls(): Promise<Call[]> {
  return (await trackingState(sandbox.handle)).adobe.calls;
}

describe('Adobe VIP Marketplace orders (GET /v3/customers/{id}/orders)', () => {
  it('listing everything returns every seeded order once, newest first, pages prefetched by offset', async () => {
    const before = await counts(sandbox.handle);
    const orders = await collect(adobe({ concurrency: 4 }).list(EVERYTHING));
    expect(orders).toHaveLength(SEED_ORDERS);
    expect(new Set(ids(orders)).size).toBe(SEED_ORDERS);
    expect(isSorted(orders, newestFirst)).toBe(true);
    expect(await requestsSince(sandbox.handle, before, LIST)).toBe(Math.ceil(SEED_ORDERS / 10));
    expect(orders[0]).toMatchObject({ provider: 'adobe', amounts: { currency: 'USD' } });
    expect(orders[0]?.amounts).not.toHaveProperty('totalInclTax');
  });

  it("without a start date, the API's default is the customer's current term", async () => {
    const all = await collect(adobe().list(EVERYTHING));
    const termStart = START_MS - TERM_DAYS * 86_400_000;
    const current = await collect(adobe().list());
    expect(ids(current)).toEqual(
      ids(all.filter((order) => Date.parse(order.createdAt as string) >= termStart)),
    );
    expect(current.length).toBeLessThan(all.length);
  });

  it('ORs several values of status, order-type and offer-id', async () => {
    const all = await collect(adobe().list(EVERYTHING));
    const done = await collect(adobe().list({ ...EVERYTHING, status: ['1000', '1004'] }));
    expect(ids(done)).toEqual(
      ids(all.filter((o) => ['1000', '1004'].includes(o.providerStatus ?? ''))),
    );
    const renewOrTransfer = await collect(
      adobe().list({ ...EVERYTHING, orderType: ['RENEWAL', 'TRANSFER'] }),
    );
    expect(ids(renewOrTransfer)).toEqual(
      ids(all.filter((o) => ['RENEWAL', 'TRANSFER'].includes(o.raw.orderType ?? ''))),
    );
    const offers = ['80004567CA01A12', '65304521CA01A12'];
    const withOffers = await collect(adobe().list({ ...EVERYTHING, offerId: offers }));
    expect(ids(withOffers)).toEqual(
      ids(all.filter((o) => o.raw.lineItems?.some((item) => offers.includes(item.offerId ?? '')))),
    );
    const both = await collect(adobe().list({ ...EVERYTHING, status: '1000', orderType: 'NEW' }));
    expect(both.every((o) => o.providerStatus === '1000' && o.raw.orderType === 'NEW')).toBe(true);
  });

  it('filters by a date range', async () => {
    const all = await collect(adobe().list(EVERYTHING));
    const from = all[30]?.createdAt as string;
    const to = all[10]?.createdAt as string;
    const range = await collect(adobe().list({ startDate: from, endDate: to }));
    expect(ids(range)).toEqual(ids(all.slice(10, 31)));
  });

  it('gets one order; another customer has none of them', async () => {
    const [first] = await collect(adobe().list());
    expect(await adobe().get((first as NormalizedOrder).id)).toEqual(first);
    await expect(
      adobe({ customerId: '1111111111' }).get((first as NormalizedOrder).id),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('sends a new X-Request-Id on every request, and one X-Correlation-Id per call', async () => {
    await collect(adobe().list(EVERYTHING));
    const recent = (await calls()).slice(-Math.ceil(SEED_ORDERS / 10));
    const requestIds = recent.map((call) => call.requestId);
    const correlationIds = recent.map((call) => call.correlationId);
    expect(new Set(requestIds).size).toBe(recent.length);
    expect(new Set(correlationIds).size).toBe(recent.length);
    expect(recent.every((call) => call.status === 200)).toBe(true);
  });

  it('keeps the X-Correlation-Id across the retries of one call, with a new X-Request-Id each', async () => {
    const [first] = await collect(adobe().list());
    const seen = (await calls()).length;
    const retried = adobe({ fetch: faultFirst(2, '503;retry-after=0') });
    await retried.get((first as NormalizedOrder).id);
    const attempts = (await calls()).slice(seen);
    expect(attempts.map((call) => call.status)).toEqual([503, 503, 200]);
    expect(new Set(attempts.map((call) => call.correlationId)).size).toBe(1);
    expect(new Set(attempts.map((call) => call.requestId)).size).toBe(3);
  });

  it('never asks for an offset past the total, which the API refuses', async () => {
    const direct = await fetch(
      `${sandbox.handle.url}/v3/customers/${CUSTOMER}/orders?offset=9999`,
      {
        headers: {
          Authorization: 'Bearer acme-adobe-token',
          'X-Api-Key': 'acme-adobe-key',
          'X-Correlation-Id': 'c-offset',
          'X-Request-Id': 'r-offset',
        },
      },
    );
    expect(direct.status).toBe(400);
    const seen = (await calls()).length;
    for (const pageSize of [1, 7, 10, 47, 100]) await collect(adobe({ pageSize }).list(EVERYTHING));
    expect((await calls()).slice(seen).every((call) => call.status === 200)).toBe(true);
  });

  it('asks at most 100 per page, the API largest', async () => {
    const before = await counts(sandbox.handle);
    const orders = await collect(adobe({ pageSize: 500 }).list(EVERYTHING));
    expect(orders).toHaveLength(SEED_ORDERS);
    expect(await requestsSince(sandbox.handle, before, LIST)).toBe(1);
  });

  it('an invalid token is a 401, an invalid API key a 403; neither shows the secret', async () => {
    const badToken = await collect(adobe({ token: 'forged-token' }).list()).catch(
      (e: unknown) => e,
    );
    expect(badToken).toMatchObject({ kind: 'auth', status: 401 });
    const badKey = await collect(adobe({ apiKey: 'forged-key' }).list()).catch((e: unknown) => e);
    expect(badKey).toMatchObject({ kind: 'auth', status: 403 });
    for (const error of [badToken, badKey])
      expect(`${String(error)} ${JSON.stringify(error)}`).not.toMatch(/forged-|acme-adobe/);
  });

  it('an expired token fails with an auth error; a provider that can renew it recovers', async () => {
    sandbox.clock.advance(120_000); // past the short-lived token
    await expect(collect(adobe({ token: 'short-lived-token' }).list())).rejects.toMatchObject({
      kind: 'auth',
      status: 401,
      message: expect.stringContaining('Expired Authorization token'),
    });
    let current = 'short-lived-token';
    const renewing: AuthProvider = {
      async authorize() {
        return { Authorization: `Bearer ${current}` };
      },
      invalidate() {
        current = 'acme-adobe-token';
      },
    };
    expect(await collect(adobe({ auth: renewing }).list())).not.toHaveLength(0);
  });

  it('waits out a 429 and retries', async () => {
    const before = await counts(sandbox.handle);
    const orders = await collect(
      adobe({ fetch: faultFirst(1, '429;retry-after=1') }).list(EVERYTHING),
    );
    expect(orders).toHaveLength(SEED_ORDERS);
    expect((await counts(sandbox.handle)).faults['429']).toBe((before.faults['429'] ?? 0) + 1);
  });
});

describe('following an Adobe order', () => {
  const fresh = useTrackingSandbox();

  it('yields the open order, then its final status', async () => {
    const tracker = createAdobeTracker({
      baseUrl: fresh.handle.url,
      customerId: CUSTOMER,
      token: 'adobe-token',
      apiKey: 'adobe-api-key',
      follow: { intervalMs: 1, maxIntervalMs: 2 },
    });
    const open = (await collect(tracker.list({ status: '1002' }))).find(
      (order) => !isFinalStatus(order.status),
    ) as NormalizedOrder;
    expect(open).toBeDefined();
    const seen: string[] = [];
    for await (const order of tracker.follow(open.id)) {
      seen.push(order.providerStatus ?? '');
      fresh.clock.advance(STEP_MS);
    }
    expect(seen[0]).toBe('1002');
    expect(['1000', '1004', '1008']).toContain(seen[1]);
    expect(seen).toHaveLength(2);
  });
});
