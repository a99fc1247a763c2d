import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionProgressEvent } from '../../src/events/index.js';
import { createOrderSession } from '../../src/runtime/index.js';
import { completeLine, lineWithoutEnni } from '../helpers/lines.js';
import { ROUTES, startTestSandbox, type TestSandbox, testClient } from '../helpers/sandbox.js';

const fast = { poll: { initialDelayMs: 5, maxDelayMs: 20 }, syncDelayMs: 5 };

let sandbox: TestSandbox;
beforeEach(async () => {
  sandbox = await startTestSandbox();
});
afterEach(async () => {
  await sandbox.close();
});

function collect(session: ReturnType<typeof createOrderSession>): SessionProgressEvent[] {
  const events: SessionProgressEvent[] = [];
  session.on('*', (event) => events.push(event));
  return events;
}

describe('an order session', () => {
  it('reaches `completed` with N + 2 calls up to the confirmation: one POST per line, no PATCH', async () => {
    const session = createOrderSession({ api: testClient(sandbox), options: fast });
    const events = collect(session);
    for (let n = 0; n < 5; n++) session.addLine(completeLine({ outcome: 'acknowledged' }));
    session.confirm();
    const result = await session.settled();

    expect(result.state).toBe('completed');
    expect(await sandbox.count(ROUTES.createSession)).toBe(1);
    expect(await sandbox.count(ROUTES.createLine)).toBe(5);
    expect(await sandbox.count(ROUTES.updateLine)).toBe(0);
    expect(await sandbox.count(ROUTES.confirm)).toBe(1);
    expect(result.lines.map((line) => line.machineState)).toEqual(
      Array(5).fill('order_created.acknowledged'),
    );
    expect(result.lines.every((line) => line.orderReference)).toBe(true);
    const types = events.map((event) => event.type);
    expect(types).toContain('session.created');
    expect(types.filter((type) => type === 'line.created')).toHaveLength(5);
    expect(types).toContain('confirmation.started');
    expect(types).toContain('session.confirmed');
    expect(types.filter((type) => type === 'line.outcome')).toHaveLength(5);
    expect(events.at(-1)).toMatchObject({ type: 'session.outcome', state: 'completed' });
  });

  it('reports every issue with its path and sends nothing when a line breaks a rule', async () => {
    const session = createOrderSession({ api: testClient(sandbox), options: fast });
    session.addLine(completeLine());
    session.addLine(lineWithoutEnni());
    session.addLine(completeLine({ option_ids: ['7021'] }));
    session.confirm();
    const result = await session.settled();

    expect(result.state).toBe('invalid');
    const paths = result.issues
      .filter((issue) => issue.severity === 'error')
      .map((issue) => `${issue.path} ${issue.code}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        'lines[1].enni required_at_confirmation',
        'lines[2].cpe_networking_number cpe_required_with_7021',
        'lines[2].cpe_serial_number cpe_required_with_7021',
      ]),
    );
    expect((await sandbox.state()).requests.total).toBe(0);
    expect(session.actor.getSnapshot().value).toBe('draft');
  });

  it('ends `partial` when some lines are rejected, and keeps their termination errors', async () => {
    const session = createOrderSession({ api: testClient(sandbox), options: fast });
    session.addLine(completeLine({ outcome: 'held_adv_validation' }));
    session.addLine(completeLine({ outcome: 'rejected_creation' }));
    session.confirm();
    const result = await session.settled();

    expect(result.state).toBe('partial');
    expect(result.lines.map((line) => line.machineState)).toEqual([
      'order_created.held_adv_validation',
      'no_order.rejected_creation',
    ]);
    expect(result.lines[1]?.terminationErrors.length).toBeGreaterThan(0);
  });

  it('ends `rejected` when no line became an order', async () => {
    const session = createOrderSession({ api: testClient(sandbox), options: fast });
    session.addLine(completeLine({ outcome: 'rejected_creation' }));
    session.addLine(completeLine({ outcome: 'technical_error' }));
    session.confirm();
    const result = await session.settled();
    expect(result.state).toBe('rejected');
    expect(result.lines.map((line) => line.machineState)).toEqual([
      'no_order.rejected_creation',
      'no_order.technical_error',
    ]);
  });

  it('drops the enni of a DIA line before sending it, and says so', async () => {
    const session = createOrderSession({ api: testClient(sandbox), options: fast });
    const warnings: SessionProgressEvent[] = [];
    session.on('line.warning', (event) => warnings.push(event));
    session.addLine(completeLine({ offer_family: 'DIA', enni: 'AZ009999' }));
    session.start();
    await new Promise<void>((resolve) => session.on('line.created', () => resolve()));

    const stored = (await sandbox.state()).sessions[0]?.product_order_item[0];
    expect(stored?.enni ?? '').toBe('');
    expect(warnings).toEqual([
      expect.objectContaining({
        type: 'line.warning',
        issue: expect.objectContaining({ code: 'enni_overridden_for_dia', path: 'enni' }),
      }),
    ]);
  });

  it('sends one PATCH with only the changed fields when a created line is edited', async () => {
    const session = createOrderSession({
      api: testClient(sandbox),
      options: { ...fast, syncDelayMs: 10_000 },
    });
    const key = session.addLine(completeLine());
    session.start();
    await new Promise<void>((resolve) => session.on('line.created', () => resolve()));
    const updated = new Promise<SessionProgressEvent>((resolve) =>
      session.on('line.updated', resolve),
    );
    session.updateLine(key, { note: 'first edit' });
    session.updateLine(key, { note: 'second edit', customer_order_name: 'Martin - site 2' });
    session.confirm(); // flushes the pending edit before confirming
    expect(await updated).toMatchObject({ fields: ['note', 'customer_order_name'] });
    const result = await session.settled();

    expect(result.state).toBe('completed');
    expect(await sandbox.count(ROUTES.updateLine)).toBe(1);
    const stored = (await sandbox.state()).sessions[0]?.product_order_item[0];
    expect(stored).toMatchObject({ note: 'second edit', customer_order_name: 'Martin - site 2' });
  });

  it('deletes a removed line through the path without /v1', async () => {
    const session = createOrderSession({ api: testClient(sandbox), options: fast });
    const keep = session.addLine(completeLine());
    const drop = session.addLine(completeLine());
    session.start();
    let created = 0;
    await new Promise<void>((resolve) =>
      session.on('line.created', () => ++created === 2 && resolve()),
    );
    const removed = new Promise<void>((resolve) => session.on('line.removed', () => resolve()));
    session.removeLine(drop);
    await removed;
    session.confirm();
    const result = await session.settled();

    expect(result.state).toBe('completed');
    expect(result.lines.map((line) => line.key)).toEqual([keep]);
    expect(await sandbox.count(ROUTES.deleteLine)).toBe(1);
    expect((await sandbox.state()).sessions[0]?.product_order_item).toHaveLength(1);
  });

  it('creates lines with bounded concurrency', async () => {
    let inFlight = 0;
    let peak = 0;
    const watching: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      const isCreate = request.method === 'POST' && request.url.includes('product_order_item');
      if (isCreate) peak = Math.max(peak, ++inFlight);
      try {
        return await fetch(request);
      } finally {
        if (isCreate) inFlight--;
      }
    };
    await sandbox.close();
    sandbox = await startTestSandbox({ latencyMs: 15 });
    const session = createOrderSession({
      api: testClient(sandbox, { fetch: watching }),
      options: { ...fast, concurrency: 3 },
    });
    for (let n = 0; n < 10; n++) session.addLine(completeLine({ outcome: 'acknowledged' }));
    session.confirm();
    const result = await session.settled();
    expect(result.state).toBe('completed');
    expect(peak).toBe(3);
    expect(await sandbox.count(ROUTES.createLine)).toBe(10);
  });

  it('cancels when its AbortSignal aborts', async () => {
    const controller = new AbortController();
    const session = createOrderSession({
      api: testClient(sandbox),
      options: fast,
      signal: controller.signal,
    });
    session.addLine(completeLine());
    controller.abort();
    const result = await session.settled();
    expect(result.state).toBe('cancelled');
    expect((await sandbox.state()).requests.total).toBe(0);
  });
});

describe('inspection', () => {
  it('reports every actor of the session (session, lines, requests) to an inspector, as @statelyai/inspect expects', async () => {
    const seen = new Set<string>();
    const session = createOrderSession({
      api: testClient(sandbox),
      options: fast,
      inspect: (event) => {
        if (event.type === '@xstate.snapshot')
          seen.add((event.actorRef as unknown as { id: string }).id);
      },
    });
    session.addLine(completeLine({ outcome: 'acknowledged' }));
    session.confirm();
    await session.settled();
    expect([...seen]).toEqual(expect.arrayContaining(['L1']));
    expect(seen.size).toBeGreaterThan(3);
  });
});
