import { describe, expect, it } from 'vitest';
import { readyLine, sessionWith, useSandbox } from './helpers.js';

const sandbox = useSandbox({ outcomeDelayMs: 0 });

describe('GET /__sandbox/state', () => {
  it('holds every session with its full lines, so a test can check each intended line exactly once', async () => {
    const intended = ['L-1', 'L-2', 'L-3'];
    const { id } = await sessionWith(
      sandbox.call,
      intended.map((externalId) => readyLine({ external_id: externalId })),
    );
    const state = await sandbox.admin();
    const session = state.sessions.find((item) => item.id === id);
    expect(session).toMatchObject({ id, user: 'token-1', state: 'created' });
    const externalIds = session.product_order_item.map(
      (line: { external_id: string }) => line.external_id,
    );
    expect(externalIds.sort()).toEqual(intended);
    expect(session.product_order_item[0]).toMatchObject({
      product_order_id: id,
      state: 'created',
      temporary_reference: expect.stringMatching(/^PO_/),
      related_contact_information: [expect.objectContaining({ insee_code: '76451' })],
    });
  });

  it('counts requests by route template, and leaves its own requests out', async () => {
    const before = await sandbox.admin();
    const { id, items } = await sessionWith(sandbox.call, [readyLine(), readyLine()]);
    await sandbox.call('PATCH', `/api/v1/product_order/${id}/product_order_item/${items[0].id}`, {
      body: { note: 'n' },
    });
    await sandbox.call('GET', '/nowhere');
    const after = await sandbox.admin();
    const delta = (key: string) =>
      (after.requests.byRoute[key] ?? 0) - (before.requests.byRoute[key] ?? 0);
    expect(delta('POST /api/v1/product_order')).toBe(1);
    expect(delta('POST /api/v1/product_order/{id}/product_order_item')).toBe(2);
    expect(delta('PATCH /api/v1/product_order/{id}/product_order_item/{item_id}')).toBe(1);
    expect(delta('GET (no route)')).toBe(1);
    expect(after.requests.total - before.requests.total).toBe(5);
    expect(Object.keys(after.requests.byRoute).some((key) => key.includes('__sandbox'))).toBe(
      false,
    );
  });

  it('refuses a wrong admin token, and API tokens', async () => {
    const response = await fetch(`${sandbox.handle.url}/__sandbox/state`, {
      headers: { Authorization: 'Bearer sandbox-token' },
    });
    expect(response.status).toBe(401);
  });
});
