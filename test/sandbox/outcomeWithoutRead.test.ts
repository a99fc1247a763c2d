/**
 * The outcome through the documented paths only (issue 15): with the session read turned off,
 * lines that became orders show on the Covage order-tracking routes with their `external_id`
 * and API item id, and the CSV export lists every line of every session with its state and
 * termination errors, read by column name.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { bareLine, ManualClock, readyLine, sessionWith, useSandbox } from './helpers.js';

const clock = new ManualClock();
const sandbox = useSandbox({
  clock,
  tokens: ['alice-token', 'bob-token'],
  readSessionEndpoint: false,
  outcomeDelayMs: 1000,
  exportIntervalMs: 1000,
  exportDurationMs: 500,
  seedOrders: 5,
});
const alice = 'alice-token';

interface Order {
  order_reference: string;
  external_id: string;
  product_order_id: string;
  product_order_item_id: string;
  state: string;
  state_change: { state: string }[];
}

async function orders(query: string, token = alice): Promise<Order[]> {
  const answer = await sandbox.call('GET', `/api/v1/order/?limit=100&${query}`, { token });
  expect(answer.status).toBe(200);
  return answer.body.results as Order[];
}

async function exportCsv(token = alice): Promise<Record<string, string>[]> {
  const started = await sandbox.call('POST', '/api/v1/product_order/export/csv/', { token });
  expect(started.status).toBe(200);
  clock.advance(500);
  const status = await sandbox.call(
    'GET',
    `/api/v1/product_order/export/${started.body.task_id}/status/`,
    { token },
  );
  expect(status.body.success).toBe(true);
  const file = await sandbox.call(
    'GET',
    `/api/v1/product_order/export/${started.body.task_id}/download/`,
    { token },
  );
  expect(file.status).toBe(200);
  return parse(file.text, { columns: true });
}

describe('with the session read off', () => {
  it('GET /api/v1/product_order/{id}/ is a 404, as on an API without it', async () => {
    const { id } = await sessionWith(sandbox.call, [], alice);
    expect(
      (await sandbox.call('GET', `/api/v1/product_order/${id}/`, { token: alice })).status,
    ).toBe(404);
  });

  it('lines that became orders appear in order tracking with their external_id and item id', async () => {
    const { id, items } = await sessionWith(
      sandbox.call,
      [
        readyLine({ external_id: 'W-1', note: '[sandbox:acknowledged]' }),
        readyLine({ external_id: 'W-2', note: '[sandbox:held_adv_validation]' }),
        bareLine({ external_id: 'W-3' }),
        readyLine({ external_id: 'W-4', note: '[sandbox:technical_error]' }),
      ],
      alice,
    );
    await sandbox.call('PATCH', `/api/v1/product_order/${id}/confirm/`, { token: alice });
    // Before the outcome: nothing in tracking yet.
    expect(await orders('external_id=W-1&external_id=W-2')).toEqual([]);

    clock.advance(1000);
    const found = await orders('external_id=W-1&external_id=W-2&external_id=W-3&external_id=W-4');
    expect(found.map((order) => order.external_id).sort()).toEqual(['W-1', 'W-2']);
    for (const order of found) {
      const item = items.find((line) => line.external_id === order.external_id);
      expect(order).toMatchObject({
        product_order_id: id,
        product_order_item_id: item.id,
        state: 'confirmed',
        order_reference: expect.stringMatching(/^ORD_/),
      });
    }
    // By the API item id alone, and by session.
    const byItem = await orders(`product_order_item_id=${items[1].id}`);
    expect(byItem.map((order) => order.external_id)).toEqual(['W-2']);
    expect((await orders(`product_order_id=${id}`)).length).toBe(2);
    // Another user does not see them.
    expect(await orders('external_id=W-1', 'bob-token')).toEqual([]);
  });

  it("the CSV export lists each session's lines with state and termination errors, by column name", async () => {
    const empty = await sessionWith(sandbox.call, [], alice);
    const rows = await exportCsv();
    const byExternalId = new Map(rows.map((row) => [row.external_id, row]));
    expect(byExternalId.get('W-1')).toMatchObject({
      state: 'acknowledged',
      termination_error: '[]',
    });
    expect(byExternalId.get('W-2')).toMatchObject({ state: 'held_adv_validation' });
    const rejected = byExternalId.get('W-3');
    expect(rejected?.state).toBe('rejected_creation');
    expect(rejected?.order_reference).toBe('');
    const errors = JSON.parse(rejected?.termination_error ?? '');
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: expect.any(String), property_path: 'enni', value: '' }),
      ]),
    );
    for (const error of errors)
      expect(Object.keys(error).sort()).toEqual(['code', 'property_path', 'value']);
    expect(byExternalId.get('W-4')).toMatchObject({ state: 'technical_error' });
    expect(JSON.parse(byExternalId.get('W-4')?.termination_error ?? '')[0].code).toBe(
      'technical_error',
    );
    // Every line row carries its session: id, state, dates.
    expect(byExternalId.get('W-1')).toMatchObject({
      product_order_state: 'partial',
      product_order_order_date: expect.stringMatching(/^\d{4}-/),
      product_order_completion_date: expect.stringMatching(/^\d{4}-/),
      id: expect.stringMatching(/[0-9a-f-]{36}/),
    });
    // A session without lines is listed once, its line columns empty (a lost creation answer
    // can be found by its external_id).
    const lineless = rows.filter((row) => row.product_order_id === empty.id);
    expect(lineless).toEqual([
      expect.objectContaining({ id: '', state: '', termination_error: '' }),
    ]);
  });

  it('exports start again after exportIntervalMs (1 s here), with a Retry-After in between', async () => {
    const started = await sandbox.call('POST', '/api/v1/product_order/export/csv/', {
      token: alice,
    });
    expect(started.status).toBe(429);
    expect(started.headers.get('retry-after')).toBe('1');
    clock.advance(1000);
    expect((await exportCsv()).length).toBeGreaterThan(0);
  });
});
