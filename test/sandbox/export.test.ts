import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { exportStatusSchema, exportTaskSchema } from '../../src/schemas/export.js';
import { bareLine, ManualClock, readyLine, sessionWith, useSandbox } from './helpers.js';

const clock = new ManualClock();
const alice = 'sandbox-token';
const bob = 'bob-token';
const sandbox = useSandbox({
  clock,
  tokens: [alice, bob],
  exportDurationMs: 1000,
  exportIntervalMs: 300_000,
  outcomeDelayMs: 0,
});

const START = '/api/v1/product_order/export/csv/';
const status = (id: string, token = alice) =>
  sandbox.call('GET', `/api/v1/product_order/export/${id}/status/`, { token });
const download = (id: string, token = alice) =>
  sandbox.call('GET', `/api/v1/product_order/export/${id}/download/`, { token });

describe('the CSV export, in three steps', () => {
  it('start → status null while running → true → download one row per line of the user', async () => {
    const first = await sessionWith(sandbox.call, [
      readyLine({ external_id: '=HYPERLINK("http://evil")', note: '[sandbox:acknowledged]' }),
      bareLine({ external_id: '+33 6 12', customer_order_name: '@SUM(A1)', note: '-2+3' }),
    ]);
    await sandbox.call('PATCH', `/api/v1/product_order/${first.id}/confirm/`);
    await sessionWith(sandbox.call, [bareLine({ external_id: 'second session' })]);
    await sessionWith(sandbox.call, [bareLine({ external_id: 'bob line' })], bob);

    const started = await sandbox.call('POST', START);
    expect(started.status).toBe(200);
    const { task_id } = exportTaskSchema.parse(started.body);

    const running = exportStatusSchema.parse((await status(task_id)).body);
    expect(running).toMatchObject({ task_id, success: null, stopped: null });
    expect(running.started).toBe(new Date(clock.ms).toISOString());
    expect((await download(task_id)).status).toBe(404);

    clock.advance(1000);
    const done = exportStatusSchema.parse((await status(task_id)).body);
    expect(done.success).toBe(true);
    expect(done.stopped).toBe(new Date(clock.ms).toISOString());

    const file = await download(task_id);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows: Record<string, string>[] = parse(file.text, { columns: true });
    expect(rows.map((row) => row.external_id)).toEqual([
      `'=HYPERLINK("http://evil")`,
      `'+33 6 12`,
      'second session',
    ]);
    expect(rows[1]?.customer_order_name).toBe(`'@SUM(A1)`);
    expect(rows[1]?.note).toBe(`'-2+3`);
    expect(rows[0]).toMatchObject({ product_order_id: first.id, state: 'acknowledged' });
    expect(rows[1]?.state).toBe('rejected_creation');
  });

  it('one start per user per 5 minutes: 429 with Retry-After, other users unaffected', async () => {
    const again = await sandbox.call('POST', START);
    expect(again.status).toBe(429);
    const retryAfter = Number(again.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(300);

    expect((await sandbox.call('POST', START, { token: bob })).status).toBe(200);

    clock.advance(retryAfter * 1000);
    expect((await sandbox.call('POST', START)).status).toBe(200);
  });

  it("a task is its user's: another user gets 404; an unknown task is 404", async () => {
    clock.advance(300_000);
    const started = await sandbox.call('POST', START);
    expect((await status(started.body.task_id, bob)).status).toBe(404);
    expect((await download(started.body.task_id, bob)).status).toBe(404);
    expect((await status('nope')).status).toBe(404);
  });

  it('X-Sandbox-Export: fail makes the task end with success false and no file', async () => {
    clock.advance(300_000);
    const started = await sandbox.call('POST', START, { headers: { 'X-Sandbox-Export': 'fail' } });
    clock.advance(1000);
    expect((await status(started.body.task_id)).body.success).toBe(false);
    expect((await download(started.body.task_id)).status).toBe(404);
  });

  it('the tasks show in /__sandbox/state', async () => {
    const state = await sandbox.admin();
    expect(state.exports.length).toBeGreaterThanOrEqual(4);
    expect(state.exports[0]).toMatchObject({ user: 'token-1', rows: 3, success: true });
  });
});
