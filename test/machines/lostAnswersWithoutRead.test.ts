/**
 * Lost answers with the session read off (issue 15): a write whose answer was lost is "maybe
 * sent" and is looked for in the next CSV export before anything else — the session by its
 * external_id, a line by external_id and eligibility item, the confirmation by the session's
 * state — so the sandbox ends with each line exactly once, and the session is never confirmed
 * while a line is maybe sent.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionProgressEvent } from '../../src/events/index.js';
import { createOrderSession } from '../../src/runtime/index.js';
import { describeWaiting } from '../../src/runtime/waiting.js';
import { completeLine } from '../helpers/lines.js';
import {
  linesByExternalId,
  ROUTES,
  startTestSandbox,
  type TestSandbox,
  testClient,
} from '../helpers/sandbox.js';

const fast = { poll: { initialDelayMs: 20, maxDelayMs: 200 }, syncDelayMs: 5 };

let sandbox: TestSandbox;
beforeEach(async () => {
  sandbox = await startTestSandbox({
    readSessionEndpoint: false,
    exportIntervalMs: 1000,
    exportDurationMs: 50,
    outcomeDelayMs: 50,
  });
});
afterEach(async () => {
  await sandbox.close();
});

/** A fetch that forces a fault on the requests `match` selects, `times` times. */
function faulty(match: (request: Request) => boolean, fault: string, times: number): typeof fetch {
  let left = times;
  return async (input, init) => {
    const request = new Request(input, init);
    if (left > 0 && match(request)) {
      left--;
      request.headers.set('X-Sandbox-Fault', fault);
    }
    return fetch(request);
  };
}

const WRITES = {
  'session creation': (request: Request) =>
    request.method === 'POST' && new URL(request.url).pathname === '/api/v1/product_order',
  'line creation': (request: Request) =>
    request.method === 'POST' && request.url.includes('product_order_item'),
  confirmation: (request: Request) => request.url.endsWith('/confirm/'),
};

describe('with the read off, a lost answer is looked for in the export, never sent again blindly', () => {
  for (const [write, match] of Object.entries(WRITES)) {
    it(`the ${write}: each line exactly once, the session once, confirmed once`, async () => {
      const api = testClient(sandbox, {
        sessionRead: 'off',
        exportIntervalMs: 1000,
        fetch: faulty(match, 'reset-after', write === 'line creation' ? 2 : 1),
      });
      const session = createOrderSession({
        api,
        request: { external_id: `LOST-${write}` },
        options: fast,
      });
      const events: SessionProgressEvent[] = [];
      session.on('*', (event) => events.push(event));
      const lines = [
        completeLine({ external_id: 'A', outcome: 'acknowledged' }),
        completeLine({ external_id: 'B', outcome: 'rejected_creation' }),
        completeLine({ external_id: 'C', outcome: 'held_adv_validation' }),
      ];
      for (const line of lines) session.addLine(line);
      session.confirm();
      const result = await session.settled();
      expect(result.state).toBe('partial');

      const state = await sandbox.state();
      const held = state.sessions.filter((one) => one.external_id === `LOST-${write}`);
      expect(held).toHaveLength(1);
      const byExternalId = linesByExternalId(held[0]);
      for (const id of ['A', 'B', 'C']) expect(byExternalId.get(id)).toHaveLength(1);
      expect(await sandbox.count(ROUTES.confirm)).toBe(1);
      expect(result.sessionId).toBe(held[0]?.id);

      // The session said what it waited for, in words.
      const waits = events.filter((event) => event.type === 'session.waiting');
      const reason =
        write === 'session creation'
          ? 'the session whose creation answer was lost'
          : write === 'line creation'
            ? 'whose answer was lost'
            : 'the confirmation whose answer was lost';
      expect(
        waits.some((event) =>
          event.type === 'session.waiting'
            ? describeWaiting(event, Date.now()).includes(reason)
            : false,
        ),
      ).toBe(true);
    });
  }

  it('under auto, a lost confirmation found by a read that answers 404 is looked for in the export', async () => {
    const api = testClient(sandbox, {
      exportIntervalMs: 1000,
      fetch: faulty(WRITES.confirmation, 'reset-after', 1),
    });
    const session = createOrderSession({ api, options: fast });
    const events: SessionProgressEvent[] = [];
    session.on('*', (event) => events.push(event));
    session.addLine(completeLine({ outcome: 'acknowledged' }));
    session.confirm();
    expect((await session.settled()).state).toBe('completed');
    expect(await sandbox.count(ROUTES.confirm)).toBe(1);
    expect(api.sessionRead.usable).toBe(false);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'session.confirmed', reconciled: true }),
    );
    // The switch is said once, by the session whose read found out (here, while reconciling).
    expect(events.filter((event) => event.type === 'session.read_unavailable')).toEqual([
      expect.objectContaining({ status: 404 }),
    ]);
  });

  for (const readEndpoint of [true, false]) {
    it(`under auto, before any read answered (the API ${readEndpoint ? 'has' : 'lacks'} the read), a lost session creation is found in the export: no second session`, async () => {
      await sandbox.close();
      sandbox = await startTestSandbox({
        readSessionEndpoint: readEndpoint,
        exportIntervalMs: 1000,
        exportDurationMs: 50,
        outcomeDelayMs: 50,
      });
      const api = testClient(sandbox, {
        exportIntervalMs: 1000,
        fetch: faulty(WRITES['session creation'], 'reset-after', 1),
      });
      expect(api.sessionRead.availability).toBe('unknown');
      const external = `LOST-AUTO-${readEndpoint}`;
      const session = createOrderSession({
        api,
        request: { external_id: external },
        options: fast,
      });
      const events: SessionProgressEvent[] = [];
      session.on('*', (event) => events.push(event));
      session.addLine(completeLine({ external_id: 'A', outcome: 'acknowledged' }));
      session.addLine(completeLine({ external_id: 'B', outcome: 'held_adv_validation' }));
      session.confirm();
      const result = await session.settled();
      expect(result.state).toBe('completed');

      const state = await sandbox.state();
      expect(state.sessions.filter((one) => one.external_id === external)).toHaveLength(1);
      expect(state.sessions).toHaveLength(1);
      expect(await sandbox.count(ROUTES.createSession)).toBe(1);
      expect(result.sessionId).toBe(state.sessions[0]?.id);
      const byExternalId = linesByExternalId(state.sessions[0]);
      for (const id of ['A', 'B']) expect(byExternalId.get(id)).toHaveLength(1);
      expect(events).toContainEqual(
        expect.objectContaining({ type: 'session.waiting', lostSession: true }),
      );
    });
  }

  it('a line maybe sent holds the confirmation until the export has told', async () => {
    const api = testClient(sandbox, {
      sessionRead: 'off',
      exportIntervalMs: 1000,
      fetch: faulty(WRITES['line creation'], 'reset-after', 1),
    });
    const session = createOrderSession({ api, options: fast });
    const order: string[] = [];
    session.on('*', (event) => {
      if (event.type === 'line.created' && event.reconciled) order.push('found in the export');
      if (event.type === 'confirmation.started') order.push('confirmation');
    });
    session.addLine(completeLine({ outcome: 'acknowledged' }));
    session.addLine(completeLine({ outcome: 'acknowledged' }));
    session.confirm();
    expect((await session.settled()).state).toBe('completed');
    expect(order).toEqual(['found in the export', 'confirmation']);
  });
});
