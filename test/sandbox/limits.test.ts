/**
 * Bounded memory: each user holds at most so many sessions, lines and bytes (429
 * `quota_exceeded`), a text field has a length limit (422 `field_too_long`), and a session nobody
 * calls on is forgotten after `idleSessionMs`, which frees its quota.
 */
import { describe, expect, it } from 'vitest';
import { bareLine, ManualClock, readyLine, sessionWith, useSandbox } from './helpers.js';

const clock = new ManualClock();
const sandbox = useSandbox({
  clock,
  tokens: ['sandbox-token', 'other-token'],
  outcomeDelayMs: 0,
  limits: { sessionsPerUser: 3, linesPerUser: 5, bytesPerUser: 40_000, idleSessionMs: 60_000 },
});

interface Counts {
  sessions: number;
  lines: number;
  bytes: number;
  users: number;
}

async function counts(): Promise<Counts> {
  const response = await fetch(`${sandbox.handle.url}/__sandbox/counts`, {
    headers: { Authorization: `Bearer ${sandbox.handle.adminToken}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Counts;
}

const createSession = (token?: string) =>
  sandbox.call('POST', '/api/v1/product_order', { body: {}, token });
const addLine = (id: string, line: unknown, token?: string) =>
  sandbox.call('POST', `/api/v1/product_order/${id}/product_order_item`, { body: line, token });

describe('text field lengths', () => {
  it('a text field over 255 characters is a 422 field_too_long naming its path', async () => {
    const { id } = await sessionWith(sandbox.call, []);
    const answer = await addLine(
      id,
      readyLine({
        external_id: 'x'.repeat(256),
        related_contact_information: [
          { ...readyLine().related_contact_information[0], city: 'c'.repeat(300) },
        ],
      }),
    );
    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe('field_too_long');
    expect(answer.body.error.details).toEqual([
      expect.objectContaining({ path: 'external_id', code: 'too_long' }),
      expect.objectContaining({
        path: 'related_contact_information[0].city',
        message: 'related_contact_information[0].city has 300 characters; at most 255',
      }),
    ]);
    // A note is free text: 4000 characters pass, 4001 do not; 255 characters of a name pass.
    expect(
      (await addLine(id, bareLine({ note: 'n'.repeat(4000), external_id: 'e'.repeat(255) })))
        .status,
    ).toBe(201);
    expect((await addLine(id, bareLine({ note: 'n'.repeat(4001) }))).status).toBe(422);
    const created = await addLine(id, bareLine());
    const update = await sandbox.call(
      'PATCH',
      `/api/v1/product_order/${id}/product_order_item/${created.body.id}`,
      { body: { technical_note: 'n'.repeat(4001) } },
    );
    expect(update.status).toBe(422);
    expect(update.body.error.details[0].path).toBe('technical_note');
    const session = await sandbox.call('POST', '/api/v1/product_order', {
      body: { external_id: 'x'.repeat(1000) },
    });
    expect(session.status).toBe(422);
    expect(session.body.error.details[0].path).toBe('external_id');
  });
});

describe('per-user quotas', () => {
  it('a fourth session is a 429 quota_exceeded that says the limit; another user is not affected', async () => {
    clock.advance(120_000); // the sessions above are forgotten
    for (let n = 0; n < 3; n++) expect((await createSession()).status).toBe(201);
    const refused = await createSession();
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('quota_exceeded');
    expect(refused.body.error.message).toContain('the sandbox allows 3 per user');
    expect((await createSession('other-token')).status).toBe(201);
    expect(await counts()).toMatchObject({ sessions: 4, users: 2 });
  });

  it('lines: the sixth line of a user is refused, before its body is read', async () => {
    clock.advance(120_000);
    const { id } = await sessionWith(sandbox.call, [bareLine(), bareLine(), bareLine()]);
    const second = await sessionWith(sandbox.call, [bareLine(), bareLine()]);
    const refused = await addLine(second.id, bareLine());
    expect(refused.status).toBe(429);
    expect(refused.body.error.details).toEqual([
      expect.objectContaining({ code: 'lines_per_user', message: 'at most 5' }),
    ]);
    // Even a body that is not JSON: the quota is checked first.
    const raw = await sandbox.call('POST', `/api/v1/product_order/${id}/product_order_item`, {
      raw: 'not json',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(raw.status).toBe(429);
    // Deleting a line frees room for one.
    const session = await sandbox.admin();
    const held = session.sessions.find((item) => item.id === id);
    const deleted = await sandbox.call(
      'DELETE',
      `/api/product_order/${id}/product_order_item/${held.product_order_item[0].id}/`,
    );
    expect(deleted.status).toBe(200);
    expect((await addLine(second.id, bareLine())).status).toBe(201);
    expect(await counts()).toMatchObject({ lines: 5 });
  });

  it('bytes: lines that fit one by one stop fitting once the user holds 40 000 bytes', async () => {
    clock.advance(120_000);
    const { id } = await sessionWith(sandbox.call, []);
    const big = () => readyLine({ note: 'n'.repeat(4000), technical_note: 't'.repeat(4000) });
    const statuses: number[] = [];
    for (let n = 0; n < 5; n++) statuses.push((await addLine(id, big())).status);
    expect(statuses.slice(0, 3)).toEqual([201, 201, 201]);
    expect(statuses.at(-1)).toBe(429);
    const { bytes } = await counts();
    expect(bytes).toBeLessThanOrEqual(40_000);
    expect(bytes).toBeGreaterThan(25_000);
    // Growing a line by an update is held to the same quota.
    const state = await sandbox.admin();
    const line = state.sessions.find((item) => item.id === id).product_order_item[0];
    const grown = await sandbox.call(
      'PATCH',
      `/api/v1/product_order/${id}/product_order_item/${line.id}`,
      { body: { specific_request: 's'.repeat(4000), access_instructions: 'a'.repeat(4000) } },
    );
    expect([200, 429]).toContain(grown.status);
    expect((await counts()).bytes).toBeLessThanOrEqual(40_000);
  });
});

describe('idle sessions', () => {
  it('a session nobody calls on for idleSessionMs is forgotten (404) and frees its quota', async () => {
    clock.advance(120_000);
    expect(await counts()).toMatchObject({ sessions: 0, lines: 0, bytes: 0, users: 0 });
    const kept = await sessionWith(sandbox.call, [bareLine()]);
    const idle = await sessionWith(sandbox.call, [bareLine()]);
    clock.advance(40_000);
    // A call keeps a session alive (a read of the lines, a confirm, an update all count).
    expect((await sandbox.call('PATCH', `/api/v1/product_order/${kept.id}/confirm/`)).status).toBe(
      200,
    );
    clock.advance(30_000);
    expect(await counts()).toMatchObject({ sessions: 1, lines: 1 });
    expect((await sandbox.call('GET', `/api/v1/product_order/${idle.id}/`)).status).toBe(404);
    expect((await sandbox.call('GET', `/api/v1/product_order/${kept.id}/`)).status).toBe(200);
    // The dashboard and /__sandbox/state read without keeping anything alive.
    clock.advance(59_000);
    await sandbox.admin();
    clock.advance(1_000);
    expect((await sandbox.admin()).sessions).toEqual([]);
  });
});
