import { describe, expect, it } from 'vitest';
import {
  createObapiTracker,
  type ObapiTrackerOptions,
} from '../../src/tracking/providers/obapi/tracker.js';
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
  STEP_MS,
  useTrackingSandbox,
} from './helpers.js';

const sandbox = useTrackingSandbox({ tracking: { obapiKeys: ['acme-obapi-key'] } });
const LIST = 'GET /obapi/v1/orders';

function obapi(overrides: Partial<ObapiTrackerOptions> = {}) {
  return createObapiTracker({
    baseUrl: sandbox.handle.url,
    apiKey: 'acme-obapi-key',
    pageSize: 10,
    sleep: noSleep,
    ...overrides,
  });
}

/** Decimal strings to integer cents, for exact sums in the test. */
function cents(value: string | undefined): number {
  const [whole = '0', fraction = ''] = (value ?? '0').split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2));
}

const byDate = (a: NormalizedOrder, b: NormalizedOrder) =>
  compareText(
    (a.raw as { date_order: string }).date_order,
    (b.raw as { date_order: string }).date_order,
  ) || compareText(a.reference, b.reference);

describe('obapi orders (GET /obapi/v1/orders)', () => {
  it('listing everything returns every seeded order once, pages 2.. fetched together', async () => {
    const before = await counts(sandbox.handle);
    const orders = await collect(obapi({ concurrency: 5 }).list());
    expect(orders).toHaveLength(SEED_ORDERS);
    expect(new Set(ids(orders)).size).toBe(SEED_ORDERS);
    expect(await requestsSince(sandbox.handle, before, LIST)).toBe(Math.ceil(SEED_ORDERS / 10));
    // The API's default sort is date_desc.
    expect(isSorted(orders, (a, b) => byDate(b, a))).toBe(true);
  });

  it('keeps each documented sort across pages', async () => {
    const dateAsc = await collect(obapi().list({ sort: 'date_asc' }));
    expect(isSorted(dateAsc, byDate)).toBe(true);
    const dateDesc = await collect(obapi().list({ sort: 'date_desc' }));
    expect(ids(dateDesc)).toEqual([...ids(dateAsc)].reverse());
    const refAsc = await collect(obapi().list({ sort: 'ref_asc' }));
    expect(isSorted(refAsc, (a, b) => compareText(a.reference, b.reference))).toBe(true);
    const refDesc = await collect(obapi().list({ sort: 'ref_desc' }));
    expect(ids(refDesc)).toEqual([...ids(refAsc)].reverse());
    expect(refAsc).toHaveLength(SEED_ORDERS);
  });

  it('filters by status and by date range (inclusive)', async () => {
    const all = await collect(obapi().list({ sort: 'date_asc' }));
    const delivered = await collect(obapi().list({ status: 'delivered', sort: 'date_asc' }));
    expect(ids(delivered)).toEqual(
      ids(all.filter((order) => order.providerStatus === 'delivered')),
    );
    expect(delivered.every((order) => order.status === 'completed')).toBe(true);
    const days = all.map((order) => (order.raw as { date_order: string }).date_order);
    const from = days[10] as string;
    const to = days[20] as string;
    const range = await collect(obapi().list({ dateStart: from, dateEnd: to, sort: 'date_asc' }));
    expect(ids(range)).toEqual(
      ids(
        all.filter((_, index) => (days[index] as string) >= from && (days[index] as string) <= to),
      ),
    );
  });

  it('keeps money as the exact decimal strings, and the totals add up', async () => {
    const [first] = await collect(obapi().list());
    const order = await obapi().get((first as NormalizedOrder).id);
    expect(order.amounts).toEqual({
      totalExclTax: order.raw.total_excl_tax,
      totalVat: order.raw.total_vat,
      totalInclTax: order.raw.total_incl_tax,
    });
    for (const value of Object.values(order.amounts ?? {})) expect(value).toMatch(/^\d+\.\d{2}$/);
    const lines = order.raw.lines ?? [];
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.reduce((sum, line) => sum + cents(line.total_excl_tax), 0)).toBe(
      cents(order.amounts?.totalExclTax),
    );
    expect(cents(order.amounts?.totalExclTax) + cents(order.amounts?.totalVat)).toBe(
      cents(order.amounts?.totalInclTax),
    );
    expect(order.updatedAt).toMatch(/Z$/);
  });

  it('downloads the order PDF as a stream', async () => {
    const [first] = await collect(obapi().list());
    const stream = await obapi().downloadPdf((first as NormalizedOrder).id);
    expect(stream).toBeInstanceOf(ReadableStream);
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    const text = new TextDecoder().decode(bytes);
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text).toContain((first as NormalizedOrder).reference);
    await expect(obapi().downloadPdf('999999')).rejects.toMatchObject({ status: 404 });
  });

  it('a wrong API key fails with a 401 auth error that does not show the key', async () => {
    const error = await collect(obapi({ apiKey: 'leaked-key' }).list()).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ kind: 'auth', status: 401 });
    expect(`${String(error)} ${JSON.stringify(error)}`).not.toContain('leaked-key');
  });

  it('waits out a 429 and retries', async () => {
    const before = await counts(sandbox.handle);
    const orders = await collect(obapi({ fetch: faultFirst(1, '429;retry-after=2') }).list());
    expect(orders).toHaveLength(SEED_ORDERS);
    expect((await counts(sandbox.handle)).faults['429']).toBe((before.faults['429'] ?? 0) + 1);
  });

  it('per_page is capped at 200 by the API, and by the tracker before asking', async () => {
    const response = await fetch(`${sandbox.handle.url}/obapi/v1/orders?per_page=500`, {
      headers: { Authorization: 'Bearer acme-obapi-key' },
    });
    const body = (await response.json()) as { pagination: { per_page: number } };
    expect(body.pagination.per_page).toBe(200);
    const asked: string[] = [];
    const spy: typeof fetch = async (input, init) => {
      asked.push(new Request(input, init).url);
      return fetch(input, init);
    };
    await collect(obapi({ pageSize: 1000, fetch: spy }).list());
    expect(asked.every((url) => url.includes('per_page=200'))).toBe(true);
  });
});

describe('following an obapi order', () => {
  const fresh = useTrackingSandbox();

  it('yields each status until the order is delivered or cancelled', async () => {
    const tracker = createObapiTracker({
      baseUrl: fresh.handle.url,
      apiKey: 'obapi-key',
      follow: { intervalMs: 1, maxIntervalMs: 2 },
    });
    const live = (await collect(tracker.list())).find((order) => !isFinalStatus(order.status));
    expect(live).toBeDefined();
    const seen: string[] = [];
    for await (const order of tracker.follow((live as NormalizedOrder).id)) {
      seen.push(order.providerStatus ?? '');
      fresh.clock.advance(STEP_MS);
    }
    expect(seen[0]).toBe(live?.providerStatus);
    expect(['delivered', 'cancelled']).toContain(seen.at(-1));
  });
});
