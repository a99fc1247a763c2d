/**
 * Each tracking adapter reads its doc's own example, as the doc prints it (test/fixtures/reference,
 * copied unchanged), served by a real HTTP server. Where the printed example is not JSON (an
 * elision, a fragment, a placeholder, a trailing comma), the smallest repair is made here, each one
 * checked against the doc's text so that a changed doc fails the test (see test/fixtures/README.md).
 * And a status that is missing or unknown never breaks a listing: it reads as `unknown`, with the
 * raw value kept.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerToken } from '../../src/http/auth/index.js';
import {
  createAdobeTracker,
  createCovageTracker,
  createObapiTracker,
  createOrangeOrderingTracker,
  createOrangeTrackingTracker,
  type NormalizedOrder,
  type Tracker,
} from '../../src/tracking/index.js';

const REFERENCE = new URL('../fixtures/reference/', import.meta.url);
const doc = (name: string) => readFileSync(new URL(name, REFERENCE), 'utf8');

/** The text between two markers of a doc (both must be there). */
function between(text: string, start: string, end: string, from = 0): string {
  const at = text.indexOf(start, from);
  if (at < 0) throw new Error(`the doc no longer has ${JSON.stringify(start)}`);
  const stop = text.indexOf(end, at + start.length);
  if (stop < 0) throw new Error(`the doc no longer has ${JSON.stringify(end)} after the example`);
  return text.slice(at + start.length, stop);
}

/** Replaces `what` (which must be in `text`) by `by`. */
function repair(text: string, what: string | RegExp, by: string): string {
  const found = typeof what === 'string' ? text.includes(what) : what.test(text);
  if (!found) throw new Error(`the example no longer has ${String(what)}`);
  return text.replace(what, by);
}

/**
 * An example cut short with `...`: the objects still open there are closed where the elision is
 * (the brackets after it close the rest).
 */
function closeElision(text: string): string {
  const at = text.indexOf('...');
  if (at < 0) throw new Error('the example has no "..." any more');
  const before = text.slice(0, at).replace(/,\s*$/, '');
  const after = text.slice(at + 3);
  const depth = (part: string) => {
    const stack: string[] = [];
    let closedOutside = 0;
    for (const char of part.replace(/"(?:[^"\\]|\\.)*"/g, '""')) {
      if (char === '{' || char === '[') stack.push(char);
      else if (char === '}' || char === ']') {
        if (stack.length > 0) stack.pop();
        else closedOutside++;
      }
    }
    return { stack, closedOutside };
  };
  const open = depth(before).stack;
  const closedLater = depth(after).closedOutside;
  const closers = open
    .slice(closedLater)
    .reverse()
    .map((char) => (char === '{' ? '}' : ']'))
    .join('');
  return `${before}${closers}${after}`;
}

const EXAMPLES = (() => {
  const orangeTracking = doc('orange-order-tracking-v1.txt');
  const trackingList = closeElision(
    `[${between(orangeTracking, 'Content-Type: application/json; charset=UTF-8\n  [', '\n\nFilter the orders list')}`,
  );

  const orangeOrdering = doc('orange-ordering-v2.txt');
  let request = between(
    orangeOrdering,
    'Content-Type: application/json; charset=UTF-8\n',
    '\n\nFilter the orders list',
  );
  // A fragment of one record: its brackets, and the brace after `customer`, were lost.
  request = repair(request, '"name": "demo.gcompte"\n', '"name": "demo.gcompte"},\n');
  request = repair(request, /,\s*$/, '');
  const orderingList = `[{${request}}]`;

  const obapi = doc('obapi-orders-v1.txt');
  const obapiList = between(obapi, 'Response (list)\n', '\nResponse (single)');
  const obapiSingle = between(obapi, 'Response (single)\n', '\nDownload PDF');

  const adobe = doc('adobe-vip-marketplace-orders-v3.txt');
  const clip = 'Copied to your clipboard';
  const adobeOrder = between(adobe, clip, '\nHTTP status codes');
  const second = adobe.indexOf(clip, adobe.indexOf(clip) + 1);
  let adobePromo = between(adobe, clip, '\nHTTP status codes', adobe.indexOf(clip, second + 1));
  adobePromo = repair(adobePromo, /,\s*}/g, '}'); // trailing commas
  adobePromo = repair(adobePromo, '{ // As existing response fields }', '{}');
  const adobePage = repair(
    between(adobe, clip, '\nIf promotions', second),
    '[{ Order resource },{ Order resource }]',
    `[${adobeOrder},${adobePromo}]`,
  );

  // Covage publishes no tracking body: its order records reuse the order line's fields, so the
  // order-taking doc's line example is read as one (it has no order yet: an empty
  // `order_reference`, state `created`).
  const covageLine = readFileSync(
    new URL('../fixtures/doc/05-line-create.response.json', import.meta.url),
    'utf8',
  );

  return {
    trackingList: JSON.parse(trackingList) as Record<string, unknown>[],
    orderingList: JSON.parse(orderingList) as Record<string, unknown>[],
    obapiList: JSON.parse(obapiList) as { items: Record<string, unknown>[] },
    obapiSingle: JSON.parse(obapiSingle) as { order: Record<string, unknown> },
    adobeOrder: JSON.parse(adobeOrder) as Record<string, unknown>,
    adobePromo: JSON.parse(adobePromo) as Record<string, unknown>,
    adobePage: JSON.parse(adobePage) as { items: Record<string, unknown>[] },
    covageLine: JSON.parse(covageLine) as Record<string, unknown>,
  };
})();

/** What the server answers; each test sets the records it serves. */
const served = {
  orangeOrders: EXAMPLES.trackingList,
  orangeRequests: EXAMPLES.orderingList,
  obapiList: EXAMPLES.obapiList as unknown,
  obapiSingle: EXAMPLES.obapiSingle as unknown,
  adobePage: EXAMPLES.adobePage as unknown,
  adobeOrder: EXAMPLES.adobeOrder as unknown,
  covage: [EXAMPLES.covageLine] as unknown[],
};

let server: Server;
let baseUrl = '';

beforeAll(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    const json = (body: unknown) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    request.resume();
    const path = url.pathname;
    const offset = Number(url.searchParams.get('offset') ?? 0);
    if (path === '/oauth/v3/token')
      return json({ access_token: 'orange-access', token_type: 'Bearer', expires_in: 3600 });
    if (path === '/order-tracking/b2b/v1/orders')
      return json(offset > 0 ? [] : served.orangeOrders);
    if (path.startsWith('/order-tracking/b2b/v1/orders/')) return json(served.orangeOrders[0]);
    if (path === '/ordering/b2b/v2/requests') return json(offset > 0 ? [] : served.orangeRequests);
    if (path === '/obapi/v1/orders') return json(served.obapiList);
    if (path.startsWith('/obapi/v1/orders/')) return json(served.obapiSingle);
    if (path === '/v3/customers/9876543210/orders') return json(served.adobePage);
    if (path.startsWith('/v3/customers/9876543210/orders/')) return json(served.adobeOrder);
    if (path === '/api/v1/order/')
      return json({
        count: served.covage.length,
        next: null,
        previous: null,
        results: served.covage,
      });
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const orange = () => ({ baseUrl, clientId: 'c', clientSecret: 's', apiKey: 'k' });
const trackers = {
  'orange-tracking': () => createOrangeTrackingTracker(orange()),
  'orange-ordering': () => createOrangeOrderingTracker(orange()),
  obapi: () => createObapiTracker({ baseUrl, apiKey: 'k' }),
  adobe: () =>
    createAdobeTracker({ baseUrl, customerId: '9876543210', token: 't-1', apiKey: 'k-1' }),
  covage: () => createCovageTracker({ baseUrl, auth: bearerToken('covage-t') }),
};

// biome-ignore lint/suspicious/noExplicitAny: any provider's tracker, through the common interface
async function list(tracker: Tracker<any, unknown>): Promise<NormalizedOrder[]> {
  const out: NormalizedOrder[] = [];
  for await (const order of tracker.list()) out.push(order);
  return out;
}

describe("each adapter reads its doc's example as printed", () => {
  it('Orange Order Tracking v1: the record has no top-level status (only an empty request.status)', async () => {
    const [order, ...more] = await list(trackers['orange-tracking']());
    expect(more).toEqual([]);
    expect(order).toMatchObject({
      provider: 'orange-tracking',
      id: '123456',
      status: 'unknown',
      providerStatus: null,
      customerReference: null,
    });
    expect(order?.raw).toEqual(EXAMPLES.trackingList[0]);
    expect(await trackers['orange-tracking']().get('123456')).toEqual(order);
  });

  it('Orange Ordering v2: a step ("REQUEST") and no status', async () => {
    const [order, ...more] = await list(trackers['orange-ordering']());
    expect(more).toEqual([]);
    expect(order).toMatchObject({
      id: '3-00286023',
      status: 'unknown',
      providerStatus: 'REQUEST',
      customerReference: '#DEMO#',
    });
    expect(order?.raw).toEqual(EXAMPLES.orderingList[0]);
  });

  it('obapi: the list and the single order, money kept as the exact strings', async () => {
    const [order, ...more] = await list(trackers.obapi());
    expect(more).toEqual([]);
    expect(order).toMatchObject({
      id: '350',
      reference: 'CO2405-0018',
      customerReference: 'PO-2024-042',
      status: 'pending',
      providerStatus: 'validated',
      createdAt: '2024-05-15',
      amounts: { totalExclTax: '5000.00', totalVat: '1000.00', totalInclTax: '6000.00' },
    });
    const single = await trackers.obapi().get('350');
    expect(single).toMatchObject({ id: '350', createdAt: '2024-05-14T16:00:00.000Z' });
    expect(single.raw).toEqual(EXAMPLES.obapiSingle.order);
  });

  it('Adobe: the page of orders (its placeholders filled with the two printed orders), promotions included', async () => {
    const orders = await list(trackers.adobe());
    expect(orders.map((order) => [order.id, order.status, order.providerStatus])).toEqual([
      ['0123456789', 'completed', '1000'],
      ['5120008001', 'completed', '1000'],
    ]);
    expect(orders[1]?.raw).toEqual(EXAMPLES.adobePromo);
    expect((await trackers.adobe().get('0123456789')).raw).toEqual(EXAMPLES.adobeOrder);
  });

  it("Covage: the order-taking doc's line, read as an order record (no order yet)", async () => {
    const [order] = await list(trackers.covage());
    expect(order).toMatchObject({
      id: EXAMPLES.covageLine.id,
      status: 'pending',
      providerStatus: 'created',
    });
    expect(order?.raw).toEqual(EXAMPLES.covageLine);
  });
});

describe('a missing or unknown status never breaks a listing', () => {
  const variants: [string, (record: Record<string, unknown>) => Record<string, unknown>][] = [
    ['no status', ({ status: _s, state: _t, ...rest }) => rest],
    [
      'a status nobody documented',
      (record) => ({ ...record, status: 'on_the_moon', state: 'on_the_moon' }),
    ],
    ['a number', (record) => ({ ...record, status: 42, state: 42 })],
    ['null', (record) => ({ ...record, status: null, state: null })],
    ['an object', (record) => ({ ...record, status: { code: 'x' }, state: { code: 'x' } })],
  ];
  const raw = (value: unknown) =>
    typeof value === 'number' ? String(value) : typeof value === 'string' ? value : null;

  for (const [what, change] of variants) {
    it(`${what}: every adapter lists the order as unknown, the raw value kept`, async () => {
      const record = (base: Record<string, unknown>) => change(base);
      served.obapiList = {
        ...EXAMPLES.obapiList,
        items: [record(EXAMPLES.obapiList.items[0] as Record<string, unknown>)],
      };
      served.adobePage = { ...EXAMPLES.adobePage, items: [record(EXAMPLES.adobeOrder)] };
      served.covage = [record({ ...EXAMPLES.covageLine, order_reference: 'ORD_1' })];
      const before = { orangeOrders: served.orangeOrders, orangeRequests: served.orangeRequests };
      served.orangeOrders = [record({ ...(EXAMPLES.trackingList[0] as object), status: 'x' })];
      served.orangeRequests = [record({ ...(EXAMPLES.orderingList[0] as object), step: null })];
      try {
        for (const [name, make] of Object.entries(trackers)) {
          const orders = await list(make());
          expect(orders, name).toHaveLength(1);
          const order = orders[0] as NormalizedOrder;
          expect(order.status, name).toBe('unknown');
          const given = change({ status: 'x', state: 'x' });
          const value = 'status' in given ? given.status : undefined;
          expect(order.providerStatus, name).toBe(raw(value));
          expect(order.raw, name).toMatchObject(
            'status' in given ? { [name === 'covage' ? 'state' : 'status']: value } : {},
          );
        }
      } finally {
        Object.assign(served, before, {
          obapiList: EXAMPLES.obapiList,
          adobePage: EXAMPLES.adobePage,
          covage: [EXAMPLES.covageLine],
        });
      }
    });
  }

  it('extra fields pass through, untouched, in raw', async () => {
    served.obapiList = {
      ...EXAMPLES.obapiList,
      items: [
        {
          ...(EXAMPLES.obapiList.items[0] as object),
          carrier: { name: 'Colissimo' },
          tags: [1, 'a'],
        },
      ],
    };
    try {
      const [order] = await list(trackers.obapi());
      expect(order?.raw).toMatchObject({ carrier: { name: 'Colissimo' }, tags: [1, 'a'] });
    } finally {
      served.obapiList = EXAMPLES.obapiList;
    }
  });
});
