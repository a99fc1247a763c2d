import { describe, expect, it } from 'vitest';
import { sandboxErrorBodySchema } from '../../src/schemas/errors.js';
import { bareLine, readyLine, sessionWith, useSandbox } from './helpers.js';

const sandbox = useSandbox({ maxBodyBytes: 4096, outcomeDelayMs: 0 });

const linesOf = (id: string) => `/api/v1/product_order/${id}/product_order_item`;

describe('400: invalid bodies list the field paths', () => {
  it('a line without its creation identifiers', async () => {
    const { id } = await sessionWith(sandbox.call, []);
    const answer = await sandbox.call('POST', linesOf(id), { body: { note: 'x' } });
    expect(answer.status).toBe(400);
    const body = sandboxErrorBodySchema.parse(answer.body);
    expect(body.error.code).toBe('invalid_body');
    expect(body.error.details?.map((detail) => detail.path).sort()).toEqual([
      'product_offering_id',
      'product_offering_qualification_item_id',
    ]);
  });

  it('wrong types and unknown fields, deep in a contact', async () => {
    const { id } = await sessionWith(sandbox.call, []);
    const answer = await sandbox.call('POST', linesOf(id), {
      body: bareLine({
        vlan_reference: 'twelve',
        related_contact_information: [{ latitude: 'north', shoe_size: 42 }],
      }),
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'vlan_reference' }),
        expect.objectContaining({
          path: 'related_contact_information[0].latitude',
          code: 'invalid_type',
        }),
        expect.objectContaining({
          path: 'related_contact_information[0].shoe_size',
          code: 'unknown_field',
        }),
      ]),
    );
  });

  it('the two spellings of one field with different values', async () => {
    const { id } = await sessionWith(sandbox.call, []);
    const answer = await sandbox.call('POST', linesOf(id), {
      body: bareLine({ enni_2: 'A', enni2: 'B' }),
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'enni_2', code: 'conflicting_alias' }),
      ]),
    );
  });

  it('a session body with a wrongly typed field', async () => {
    const answer = await sandbox.call('POST', '/api/v1/product_order', {
      body: { external_id: 12 },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.details[0].path).toBe('external_id');
  });

  it('malformed JSON', async () => {
    const answer = await sandbox.call('POST', '/api/v1/product_order', {
      raw: '{"external_id": ',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('invalid_json');
  });

  it('a body that is not an object', async () => {
    const { id } = await sessionWith(sandbox.call, []);
    const answer = await sandbox.call('POST', linesOf(id), { body: [1, 2] });
    expect(answer.status).toBe(400);
    expect(answer.body.error.details[0].code).toBe('not_an_object');
  });

  it('confirming a session with no line', async () => {
    const { id } = await sessionWith(sandbox.call, []);
    const answer = await sandbox.call('PATCH', `/api/v1/product_order/${id}/confirm/`);
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('session_has_no_line');
  });

  it('a malformed fault header', async () => {
    const answer = await sandbox.call('POST', '/api/v1/product_order', {
      body: {},
      headers: { 'X-Sandbox-Fault': 'explode' },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('invalid_fault_header');
  });
});

describe('401: no or unknown credentials', () => {
  it.each([
    ['no Authorization header', null, 'unauthorized'],
    ['an unknown token', 'nope', 'invalid_token'],
  ])('%s', async (_label, token, code) => {
    const answer = await sandbox.call('POST', '/api/v1/product_order', { body: {}, token });
    expect(answer.status).toBe(401);
    expect(answer.body.error.code).toBe(code);
    expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('a malformed Authorization header', async () => {
    const answer = await sandbox.call('GET', '/api/v1/product_order/x/', {
      headers: { Authorization: 'Basic Zm9vOmJhcg==' },
    });
    expect(answer.status).toBe(401);
  });

  it('the inspection route without the admin token', async () => {
    const answer = await sandbox.call('GET', '/__sandbox/state');
    expect(answer.status).toBe(401);
  });
});

describe('404: unknown ids and paths', () => {
  it('an unknown session', async () => {
    for (const [method, path] of [
      ['GET', '/api/v1/product_order/00000000-0000-0000-0000-000000000000/'],
      ['PATCH', '/api/v1/product_order/nope/confirm/'],
      ['POST', linesOf('nope')],
    ] as const) {
      const answer = await sandbox.call(method, path, method === 'GET' ? {} : { body: bareLine() });
      expect(answer.status, `${method} ${path}`).toBe(404);
      expect(answer.body.error.code).toBe('not_found');
    }
  });

  it('an unknown line, for update and delete', async () => {
    const { id } = await sessionWith(sandbox.call, [bareLine()]);
    const update = await sandbox.call('PATCH', `${linesOf(id)}/nope`, { body: { note: 'x' } });
    expect(update.status).toBe(404);
    const remove = await sandbox.call(
      'DELETE',
      `/api/product_order/${id}/product_order_item/nope/`,
    );
    expect(remove.status).toBe(404);
  });

  it('paths are exact: the delete path has no /v1 and a trailing slash', async () => {
    const { id, items } = await sessionWith(sandbox.call, [bareLine()]);
    const lineId = items[0].id;
    const withV1 = await sandbox.call(
      'DELETE',
      `/api/v1/product_order/${id}/product_order_item/${lineId}/`,
    );
    expect(withV1.status).toBe(404);
    const noSlash = await sandbox.call(
      'DELETE',
      `/api/product_order/${id}/product_order_item/${lineId}`,
    );
    expect(noSlash.status).toBe(404);
    const confirmNoSlash = await sandbox.call('PATCH', `/api/v1/product_order/${id}/confirm`);
    expect(confirmNoSlash.status).toBe(404);
    const exact = await sandbox.call(
      'DELETE',
      `/api/product_order/${id}/product_order_item/${lineId}/`,
    );
    expect(exact.status).toBe(200);
    expect(exact.body).toMatchObject({ id, product_order_item: [] });
  });
});

describe('409: lines change only while the session is created', () => {
  it('create, update, delete and confirm again after confirmation', async () => {
    const { id, items } = await sessionWith(sandbox.call, [readyLine()]);
    const lineId = items[0].id;
    expect((await sandbox.call('PATCH', `/api/v1/product_order/${id}/confirm/`)).status).toBe(200);
    const attempts = [
      await sandbox.call('POST', linesOf(id), { body: bareLine() }),
      await sandbox.call('PATCH', `${linesOf(id)}/${lineId}`, { body: { note: 'late' } }),
      await sandbox.call('DELETE', `/api/product_order/${id}/product_order_item/${lineId}/`),
      await sandbox.call('PATCH', `/api/v1/product_order/${id}/confirm/`),
    ];
    for (const answer of attempts) {
      expect(answer.status).toBe(409);
      expect(answer.body.error.code).toBe('session_not_editable');
    }
  });

  it('a 409 wins over an invalid body (the session is checked first)', async () => {
    const { id } = await sessionWith(sandbox.call, [readyLine()]);
    await sandbox.call('PATCH', `/api/v1/product_order/${id}/confirm/`);
    const answer = await sandbox.call('POST', linesOf(id), { body: { nonsense: true } });
    expect(answer.status).toBe(409);
  });
});

describe('413 and 415: bodies the sandbox will not read', () => {
  it('a body over the size limit, declared by Content-Length', async () => {
    const { id } = await sessionWith(sandbox.call, []);
    const answer = await sandbox.call('POST', linesOf(id), {
      body: bareLine({ note: 'x'.repeat(5000) }),
    });
    expect(answer.status).toBe(413);
    expect(answer.body.error.code).toBe('payload_too_large');
  });

  it('a body over the size limit, streamed without a length', async () => {
    const { id } = await sessionWith(sandbox.call, []);
    const chunk = new TextEncoder().encode('x'.repeat(1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 8) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await fetch(`${sandbox.handle.url}${linesOf(id)}`, {
      method: 'POST',
      headers: { Authorization: 'Bearer sandbox-token', 'Content-Type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
  });

  it('a body that is not declared JSON', async () => {
    const answer = await sandbox.call('POST', '/api/v1/product_order', {
      raw: '{"external_id":"1"}',
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(answer.status).toBe(415);
    expect(answer.body.error.code).toBe('unsupported_media_type');
  });
});

describe('user isolation', () => {
  const alice = 'sandbox-token';
  const bob = 'bob-token';
  const both = useSandbox({ tokens: [alice, bob], outcomeDelayMs: 0 });

  it('a session belongs to its user: any other user gets 404 for it and its lines', async () => {
    const { id, items } = await sessionWith(both.call, [bareLine()], alice);
    const lineId = items[0].id;
    const asBob = [
      await both.call('GET', `/api/v1/product_order/${id}/`, { token: bob }),
      await both.call('POST', linesOf(id), { body: bareLine(), token: bob }),
      await both.call('PATCH', `${linesOf(id)}/${lineId}`, { body: { note: 'x' }, token: bob }),
      await both.call('DELETE', `/api/product_order/${id}/product_order_item/${lineId}/`, {
        token: bob,
      }),
      await both.call('PATCH', `/api/v1/product_order/${id}/confirm/`, { token: bob }),
    ];
    for (const answer of asBob) expect(answer.status).toBe(404);
    const asAlice = await both.call('GET', `/api/v1/product_order/${id}/`, { token: alice });
    expect(asAlice.status).toBe(200);
    expect(asAlice.body.product_order_item).toHaveLength(1);
    expect(asAlice.body.state).toBe('created');
    const state = await both.admin();
    expect(state.sessions.find((session) => session.id === id)?.user).toBe('token-1');
  });
});
