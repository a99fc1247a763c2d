import { describe, expect, it } from 'vitest';
import { bearerToken, passwordGrant } from '../../src/http/auth/index.js';
import { createCovageTracker } from '../../src/tracking/providers/covage/tracker.js';
import { isFinalStatus, type NormalizedOrder } from '../../src/tracking/types.js';
import { api, readyLine, sessionWith } from '../sandbox/helpers.js';
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
  STEP_MS,
  useTrackingSandbox,
} from './helpers.js';

const sandbox = useTrackingSandbox({
  tokens: ['alice-token', 'bob-token'],
  oauth: { users: [{ username: 'carol', password: 'carol-password' }], accessTokenTtlSeconds: 60 },
  outcomeDelayMs: 100,
});
const LIST_ROUTE = 'GET /api/v1/order/';

function tracker(overrides: Partial<Parameters<typeof createCovageTracker>[0]> = {}) {
  return createCovageTracker({
    baseUrl: sandbox.handle.url,
    auth: bearerToken('alice-token'),
    pageSize: 10,
    sleep: noSleep,
    ...overrides,
  });
}

describe('Covage orders after creation (GET /api/v1/order/)', () => {
  it('listing everything returns every seeded order once, in pages fetched together', async () => {
    const before = await counts(sandbox.handle);
    const orders = await collect(tracker({ concurrency: 3 }).list());
    expect(orders).toHaveLength(SEED_ORDERS);
    expect(new Set(ids(orders)).size).toBe(SEED_ORDERS);
    expect(await requestsSince(sandbox.handle, before, LIST_ROUTE)).toBe(
      Math.ceil(SEED_ORDERS / 10),
    );
    for (const order of orders) {
      expect(order.provider).toBe('covage');
      expect(order.reference).toBe(order.id);
      expect(order.customerReference).toMatch(/^EXT-\d{5}$/);
      expect(order.createdAt).toMatch(/Z$/);
    }
  });

  it('keeps the requested ordering across pages', async () => {
    const byDateDesc = await collect(tracker().list({ ordering: '-order_date' }));
    expect(byDateDesc).toHaveLength(SEED_ORDERS);
    expect(isSorted(byDateDesc, (a, b) => compareText(b.raw.order_date, a.raw.order_date))).toBe(
      true,
    );
    const byReference = await collect(tracker().list({ ordering: 'order_reference' }));
    expect(isSorted(byReference, (a, b) => compareText(a.id, b.id))).toBe(true);
    const byState = await collect(tracker().list({ ordering: ['state', '-order_reference'] }));
    expect(
      isSorted(
        byState,
        (a, b) => compareText(a.providerStatus, b.providerStatus) || compareText(b.id, a.id),
      ),
    ).toBe(true);
  });

  it('filters by state (several states are ORed) and by external id', async () => {
    const all = await collect(tracker().list());
    const active = await collect(tracker().list({ state: 'active' }));
    expect(ids(active)).toEqual(ids(all.filter((order) => order.providerStatus === 'active')));
    expect(active.every((order) => order.status === 'completed')).toBe(true);
    const ended = await collect(tracker().list({ state: ['rejected', 'cancelled'] }));
    expect(ended.map((order) => order.providerStatus).sort()).toEqual(
      all
        .filter((order) => ['rejected', 'cancelled'].includes(order.providerStatus ?? ''))
        .map((order) => order.providerStatus)
        .sort(),
    );
    const one = await collect(tracker().list({ externalId: 'EXT-00007' }));
    expect(one.map((order) => order.customerReference)).toEqual(['EXT-00007']);
    const session = (all[3]?.raw.product_order_id ?? '') as string;
    const bySession = await collect(tracker().list({ productOrderId: session }));
    expect(ids(bySession)).toEqual([all[3]?.id]);
  });

  it('stops with an abort error when the signal aborts mid-listing, and sends no more', async () => {
    const controller = new AbortController();
    const before = await counts(sandbox.handle);
    let seen = 0;
    const listing = (async () => {
      for await (const _ of tracker({ pageSize: 5, concurrency: 2 }).list({}, controller)) {
        seen++;
        if (seen === 5) controller.abort();
      }
    })();
    await expect(listing).rejects.toMatchObject({ kind: 'aborted' });
    const sent = await requestsSince(sandbox.handle, before, LIST_ROUTE);
    // 10 pages in all; at most the first and the window of 2 × concurrency were ever started.
    expect(sent).toBeLessThanOrEqual(1 + 2 * 2);
  });

  it('leaving the loop early sends no more page requests', async () => {
    const before = await counts(sandbox.handle);
    for await (const _ of tracker({ pageSize: 5, concurrency: 2 }).list()) break;
    const sent = await requestsSince(sandbox.handle, before, LIST_ROUTE);
    // The first page and the two already in flight; not the 7 others.
    expect(sent).toBeLessThanOrEqual(1 + 2);
  });

  it('gets one order by its reference, and its history', async () => {
    const [first] = await collect(tracker().list({ ordering: 'order_reference' }));
    const order = first as NormalizedOrder;
    const again = await tracker().get(order.id);
    expect(again).toEqual(order);
    const history = await tracker().history(order.id);
    expect(history[0]?.state).toBe('confirmed');
    expect(history.at(-1)?.state).toBe(order.providerStatus);
    await expect(tracker().get('ORD_NOPE')).rejects.toMatchObject({ kind: 'http', status: 404 });
  });

  it('an unknown token fails with an auth error that does not show the token', async () => {
    const error = await collect(tracker({ auth: bearerToken('stolen-token') }).list()).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ kind: 'auth', status: 401 });
    expect(JSON.stringify(error)).not.toContain('stolen-token');
    expect(String(error)).not.toContain('stolen-token');
  });

  it('an expired access token is renewed and the listing goes on', async () => {
    const auth = passwordGrant({
      tokenUrl: `${sandbox.handle.url}/auth/realms/covage/protocol/openid-connect/token`,
      username: 'carol',
      password: 'carol-password',
      clock: sandbox.clock,
    });
    const carol = tracker({ auth });
    expect(await collect(carol.list())).toHaveLength(SEED_ORDERS);
    sandbox.clock.advance(120_000); // past the 60 s access token
    expect(await collect(carol.list())).toHaveLength(SEED_ORDERS);
  });

  it('waits out a 429 and retries; without retries it raises a rate-limit error', async () => {
    const before = await counts(sandbox.handle);
    const orders = await collect(tracker({ fetch: faultFirst(1, '429;retry-after=1') }).list());
    expect(orders).toHaveLength(SEED_ORDERS);
    expect((await counts(sandbox.handle)).faults['429']).toBe((before.faults['429'] ?? 0) + 1);
    await expect(
      collect(tracker({ fetch: faultFirst(1, '429;retry-after=7'), retry: false }).list()),
    ).rejects.toMatchObject({ kind: 'rate_limit', status: 429, retryAfterMs: 7000 });
  });

  it("a user's confirmed lines appear as orders, to that user only", async () => {
    const call = api(sandbox.handle.url, 'alice-token');
    const session = await sessionWith(call, [readyLine({ external_id: 'ALICE-LINE-1' })]);
    await call('PATCH', `/api/v1/product_order/${session.id}/confirm/`);
    sandbox.clock.advance(200); // past the outcome delay
    const mine = await collect(tracker().list({ externalId: 'ALICE-LINE-1' }));
    expect(mine).toHaveLength(1);
    expect(mine[0]?.providerStatus).toBe('confirmed');
    expect(mine[0]?.id).toMatch(/^ORD_/);
    const bobs = await collect(
      tracker({ auth: bearerToken('bob-token') }).list({ externalId: 'ALICE-LINE-1' }),
    );
    expect(bobs).toHaveLength(0);
  });
});

describe('following a Covage order', () => {
  const fresh = useTrackingSandbox({ tokens: ['alice-token'] });

  it('yields the order now, then each change, and ends at its final state', async () => {
    const alice = createCovageTracker({
      baseUrl: fresh.handle.url,
      auth: bearerToken('alice-token'),
      follow: { intervalMs: 1, maxIntervalMs: 2 },
    });
    const all = await collect(alice.list());
    const live = all.find((order) => !isFinalStatus(order.status)) as NormalizedOrder;
    expect(live).toBeDefined();
    const history = await alice.history(live.id);
    const seen: string[] = [];
    for await (const order of alice.follow(live.id)) {
      seen.push(order.providerStatus ?? '');
      fresh.clock.advance(STEP_MS);
    }
    expect(seen[0]).toBe(live.providerStatus);
    expect(seen.length).toBeGreaterThan(1);
    expect(['active', 'rejected', 'cancelled', 'terminated']).toContain(seen.at(-1));
    const after = await alice.history(live.id);
    const start = history.length - 1;
    expect(after.slice(start, start + seen.length).map((step) => step.state)).toEqual(seen);
  });
});
