/**
 * The documented API only (issue 15): with the session read off, or `auto` against an API that
 * answers it 404, the outcome comes from Covage order tracking and the CSV export — against the
 * real sandbox over HTTP, its exports a second apart.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionProgressEvent } from '../../src/events/index.js';
import { createOrderSession } from '../../src/runtime/index.js';
import { completeLine } from '../helpers/lines.js';
import { ROUTES, startTestSandbox, type TestSandbox, testClient } from '../helpers/sandbox.js';

const fast = { poll: { initialDelayMs: 20, maxDelayMs: 200 }, syncDelayMs: 5 };
const EXPORT_START = 'POST /api/v1/product_order/export/csv/';
/** With the read off, the sandbox has no such route: its reads are counted as no route's. */
const NO_ROUTE = 'GET (no route)';

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

function collect(session: ReturnType<typeof createOrderSession>): SessionProgressEvent[] {
  const events: SessionProgressEvent[] = [];
  session.on('*', (event) => events.push(event));
  return events;
}

function run(
  lines: ReturnType<typeof completeLine>[],
  sessionRead: 'auto' | 'off',
  options: { outcomeDeadlineMs?: number } = {},
  api = testClient(sandbox, { sessionRead, exportIntervalMs: 1000 }),
) {
  const session = createOrderSession({ api, options: { ...fast, ...options } });
  const events = collect(session);
  for (const line of lines) session.addLine(line);
  session.confirm();
  return { session, events, api };
}

describe('the outcome without the session read', () => {
  it('completed: every line found on order tracking, the read never sent', async () => {
    const { session, events } = run(
      [completeLine({ outcome: 'acknowledged' }), completeLine({ outcome: 'in_progress' })],
      'off',
    );
    const result = await session.settled();
    expect(result.state).toBe('completed');
    for (const line of result.lines) {
      expect(line.machineState).toMatch(/^order_created\./);
      expect(line.orderReference).toMatch(/^ORD_/);
    }
    // Each line is reported an order once (a read of the export before the outcome was due may
    // have reported it pending first).
    const orders = events.filter(
      (event) => event.type === 'line.outcome' && event.outcome === 'order_created',
    );
    expect(orders).toHaveLength(2);
    expect(await sandbox.count(ROUTES.getSession)).toBe(0);
    expect(await sandbox.count(NO_ROUTE)).toBe(0);
    expect(await sandbox.count('GET /api/v1/order/')).toBeGreaterThan(0);
  });

  it('partial: the rejected line and its termination_error come from the CSV export', async () => {
    const { session } = run(
      [
        completeLine({ outcome: 'held_adv_validation' }),
        completeLine({ outcome: 'rejected_creation' }),
      ],
      'off',
    );
    const result = await session.settled();
    expect(result.state).toBe('partial');
    const [ordered, rejected] = result.lines;
    expect(ordered?.machineState).toMatch(/^order_created\./);
    expect(rejected?.machineState).toBe('no_order.rejected_creation');
    expect(rejected?.terminationErrors).toEqual([
      expect.objectContaining({ code: 'sandbox_forced_rejection', property_path: 'note' }),
    ]);
    expect(await sandbox.count(EXPORT_START)).toBeGreaterThan(0);
  });

  it('rejected: no line became an order', async () => {
    const { session } = run(
      [
        completeLine({ outcome: 'rejected_creation' }),
        completeLine({ outcome: 'technical_error' }),
      ],
      'off',
    );
    const result = await session.settled();
    expect(result.state).toBe('rejected');
    expect(result.lines.map((line) => line.machineState).sort()).toEqual([
      'no_order.rejected_creation',
      'no_order.technical_error',
    ]);
  });

  it('outcome_unknown: a line still unknown at the deadline is not guessed', async () => {
    await sandbox.close();
    sandbox = await startTestSandbox({
      readSessionEndpoint: false,
      exportIntervalMs: 1000,
      exportDurationMs: 50,
      outcomeDelayMs: 600_000,
    });
    const { session, events } = run([completeLine(), completeLine()], 'off', {
      outcomeDeadlineMs: 1500,
    });
    const result = await session.settled();
    expect(result.state).toBe('outcome_unknown');
    expect(result.lines.map((line) => line.machineState)).toEqual([
      'outcome_unknown',
      'outcome_unknown',
    ]);
    expect(result.lines.every((line) => line.orderReference === null)).toBe(true);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'session.outcome', state: 'outcome_unknown' }),
    );
    expect(
      events.filter(
        (event) => event.type === 'line.outcome' && event.outcome === 'outcome_unknown',
      ),
    ).toHaveLength(2);
  });

  it('auto: the first read answered 404 switches the client, said once, for every later session', async () => {
    const api = testClient(sandbox, { exportIntervalMs: 1000 });
    const first = run([completeLine({ outcome: 'acknowledged' })], 'auto', {}, api);
    expect((await first.session.settled()).state).toBe('completed');
    const notes = first.events.filter((event) => event.type === 'session.read_unavailable');
    expect(notes).toEqual([expect.objectContaining({ status: 404 })]);
    expect(api.sessionRead.usable).toBe(false);
    const reads = await sandbox.count(NO_ROUTE);
    expect(reads).toBe(1);

    const second = run([completeLine({ outcome: 'acknowledged' })], 'auto', {}, api);
    expect((await second.session.settled()).state).toBe('completed');
    expect(second.events.some((event) => event.type === 'session.read_unavailable')).toBe(false);
    expect(await sandbox.count(NO_ROUTE)).toBe(reads);
  });

  it('one export budget per client: 12 sessions at once start one export per interval, never a 429', async () => {
    const api = testClient(sandbox, { sessionRead: 'off', exportIntervalMs: 1000 });
    const started = Date.now();
    const runs = Array.from({ length: 12 }, () =>
      run([completeLine({ outcome: 'rejected_creation' }), completeLine()], 'off', {}, api),
    );
    const results = await Promise.all(runs.map((one) => one.session.settled()));
    const elapsed = Date.now() - started;
    for (const result of results) expect(['partial', 'rejected']).toContain(result.state);
    const starts = await sandbox.count(EXPORT_START);
    // Every start was accepted (a 429 would be a request the reader did not count).
    expect(starts).toBe(api.exports.starts);
    expect(starts).toBeLessThanOrEqual(Math.floor(elapsed / 1000) + 1);
    expect(starts).toBeLessThan(12);
  });
});
