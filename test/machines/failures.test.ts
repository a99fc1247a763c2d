import { afterEach, describe, expect, it } from 'vitest';
import { createOrderSession } from '../../src/runtime/index.js';
import { completeLine } from '../helpers/lines.js';
import { ROUTES, startTestSandbox, type TestSandbox, testClient } from '../helpers/sandbox.js';

let sandbox: TestSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
});

const options = { poll: { initialDelayMs: 5, maxDelayMs: 20 }, syncDelayMs: 5 };

/** A fetch that forces one fault on the requests `match` selects, `times` times. */
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

const isLineCreation = (request: Request) =>
  request.method === 'POST' && request.url.includes('product_order_item');
const isConfirmation = (request: Request) => request.url.endsWith('/confirm/');

describe('failures keep the work and can be retried', () => {
  it('a line refused by rate limiting leaves the session in sync_failed; RETRY creates it and confirms', async () => {
    sandbox = await startTestSandbox();
    const api = testClient(sandbox, {
      fetch: faulty(isLineCreation, '429;retry-after=0', 1),
      retry: false,
    });
    const session = createOrderSession({ api, options });
    const failures: string[] = [];
    session.on('line.failed', (event) => failures.push(`${event.phase}:${event.error.kind}`));
    session.addLine(completeLine({ outcome: 'acknowledged' }));
    session.addLine(completeLine({ outcome: 'acknowledged' }));
    session.confirm();
    const failed = await session.settled();
    expect(failed).toMatchObject({ state: 'failed', phase: 'sync' });
    expect(failures).toEqual(['create:rate_limit']);
    expect(await sandbox.count(ROUTES.confirm)).toBe(0);

    session.retry();
    const result = await session.settled();
    expect(result.state).toBe('completed');
    expect((await sandbox.state()).sessions[0]?.product_order_item).toHaveLength(2);
  });

  it('a confirmation whose answer is lost is reconciled by reading the session back, never sent twice', async () => {
    sandbox = await startTestSandbox();
    const api = testClient(sandbox, { fetch: faulty(isConfirmation, 'reset-after', 1) });
    const session = createOrderSession({ api, options });
    const confirmed: boolean[] = [];
    session.on('session.confirmed', (event) => confirmed.push(event.reconciled));
    session.addLine(completeLine({ outcome: 'acknowledged' }));
    session.confirm();
    const result = await session.settled();
    expect(result.state).toBe('completed');
    expect(confirmed).toEqual([true]);
    expect(await sandbox.count(ROUTES.confirm)).toBe(1);
  });

  it('a confirmation refused before processing is sent again after reading the session back', async () => {
    sandbox = await startTestSandbox();
    const api = testClient(sandbox, { fetch: faulty(isConfirmation, 'reset-before', 1) });
    const session = createOrderSession({ api, options });
    session.addLine(completeLine({ outcome: 'acknowledged' }));
    session.confirm();
    const result = await session.settled();
    expect(result.state).toBe('completed');
    expect(await sandbox.count(ROUTES.confirm)).toBe(2);
    expect((await sandbox.state()).sessions[0]?.state).toBe('completed');
  });

  it('a session whose creation failed keeps its lines; RETRY goes on', async () => {
    sandbox = await startTestSandbox();
    const isSessionCreation = (request: Request) =>
      request.method === 'POST' && request.url.endsWith('/product_order');
    const api = testClient(sandbox, {
      fetch: faulty(isSessionCreation, '429;retry-after=0', 1),
      retry: false,
    });
    const session = createOrderSession({ api, options });
    session.addLine(completeLine({ outcome: 'acknowledged' }));
    session.confirm();
    expect(await session.settled()).toMatchObject({ state: 'failed', phase: 'create_session' });
    session.retry();
    expect((await session.settled()).state).toBe('completed');
    expect((await sandbox.state()).sessions).toHaveLength(1);
  });
});

describe('edits', () => {
  it('an edit made while the lines are being sent is applied and validated again before confirming', async () => {
    sandbox = await startTestSandbox({ latencyMs: 10 });
    const session = createOrderSession({ api: testClient(sandbox), options });
    const key = session.addLine(completeLine({ outcome: 'acknowledged' }));
    session.confirm();
    // The session is creating the line; this edit breaks a rule: nothing may be confirmed.
    session.updateLine(key, { enni: undefined });
    const invalid = await session.settled();
    expect(invalid.state).toBe('invalid');
    expect(invalid.issues.map((issue) => issue.path)).toContain('lines[0].enni');
    expect(await sandbox.count(ROUTES.confirm)).toBe(0);

    session.updateLine(key, { enni: 'AZ004321' });
    session.confirm();
    const result = await session.settled();
    expect(result.state).toBe('completed');
    expect((await sandbox.state()).sessions[0]?.product_order_item[0]?.enni).toBe('AZ004321');
  });

  it('refuses edits once the session is confirmed, saying why', async () => {
    sandbox = await startTestSandbox();
    const session = createOrderSession({ api: testClient(sandbox), options });
    const key = session.addLine(completeLine({ outcome: 'acknowledged' }));
    session.confirm();
    await session.settled();
    expect(() => session.updateLine(key, { note: 'too late' })).toThrow(
      /cannot update a line while it is completed/,
    );
    expect(() => session.addLine(completeLine())).toThrow(/cannot add a line/);
  });

  it('refuses a line the API could not even accept, with the paths', () => {
    const session = createOrderSession({ api: {} as never, options });
    expect(() =>
      session.addLine({ product_offering_id: 12, enni2: 'x', enni_2: 'y' } as never),
    ).toThrow(/enni_2/);
  });
});
