import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createActor, waitFor } from 'xstate';
import {
  createOrderSessionMachine,
  describeWaiting,
  readiness,
  type SessionWaiting,
} from '../../src/index.js';
import { createMemoryStore } from '../../src/store/memory.js';
import { completeLine, lineWithoutEnni } from '../helpers/lines.js';
import { startTestSandbox, type TestSandbox, testClient } from '../helpers/sandbox.js';

const options = { poll: { initialDelayMs: 5, maxDelayMs: 20 }, syncDelayMs: 5 };

let sandbox: TestSandbox;
beforeEach(async () => {
  sandbox = await startTestSandbox();
});
afterEach(async () => {
  await sandbox.close();
});

describe('createOrderSessionMachine: the session machine ready for createActor / useMachine', () => {
  it('runs a session to its outcome against the sandbox (one line acknowledged, one rejected: partial)', async () => {
    const machine = createOrderSessionMachine({ api: testClient(sandbox) });
    const actor = createActor(machine, { input: { instanceKey: 'app-1', options } }).start();
    actor.send({ type: 'ADD_LINE', line: completeLine({ outcome: 'acknowledged' }) });
    actor.send({ type: 'ADD_LINE', line: completeLine({ outcome: 'rejected_creation' }) });
    actor.send({ type: 'CONFIRM' });
    const done = await waitFor(actor, (s) => s.status === 'done', { timeout: 20_000 });
    expect(done.value).toBe('partial');
    const session = await sandbox.session(done.context.sessionId ?? '');
    expect(session?.product_order_item.map((line) => line.state).sort()).toEqual([
      'acknowledged',
      'rejected_creation',
    ]);
  });

  it('with a store, each session is saved under its own key and holds its final state', async () => {
    const store = createMemoryStore();
    const machine = createOrderSessionMachine({ api: testClient(sandbox), store });
    const actor = createActor(machine, { input: { instanceKey: 'app-2', options } }).start();
    actor.send({ type: 'ADD_LINE', line: completeLine({ outcome: 'acknowledged' }) });
    actor.send({ type: 'CONFIRM' });
    await waitFor(actor, (s) => s.status === 'done', { timeout: 20_000 });
    await vi.waitFor(async () => expect((await store.load('app-2'))?.state).toBe('completed'), {
      timeout: 5_000,
    });
    // One store, two sessions: each is saved under its own key.
    const other = createActor(machine, { input: { instanceKey: 'app-3', options } }).start();
    other.send({ type: 'ADD_LINE', line: completeLine({ outcome: 'acknowledged' }) });
    other.send({ type: 'CONFIRM' });
    await waitFor(other, (s) => s.status === 'done', { timeout: 20_000 });
    await vi.waitFor(async () => expect((await store.load('app-3'))?.state).toBe('completed'));
  });

  it('without the session read, it emits session.waiting as createOrderSession does: what it waits for on the export', async () => {
    await sandbox.close();
    sandbox = await startTestSandbox({
      readSessionEndpoint: false,
      exportIntervalMs: 1000,
      exportDurationMs: 50,
      outcomeDelayMs: 50,
    });
    const api = testClient(sandbox, { sessionRead: 'off', exportIntervalMs: 1000 });
    const machine = createOrderSessionMachine({ api });
    const actor = createActor(machine, { input: { instanceKey: 'app-6', options } }).start();
    const waits: SessionWaiting[] = [];
    actor.on('session.waiting', (event) => waits.push(event));
    actor.send({ type: 'ADD_LINE', line: completeLine({ outcome: 'acknowledged' }) });
    actor.send({ type: 'ADD_LINE', line: completeLine({ outcome: 'rejected_creation' }) });
    actor.send({ type: 'CONFIRM' });
    const done = await waitFor(actor, (s) => s.status === 'done', { timeout: 20_000 });
    expect(done.value).toBe('partial');
    // The rejected line is told only by the CSV export: the session waited for it, and said so.
    expect(waits.length).toBeGreaterThan(0);
    const sessionId = done.context.sessionId;
    for (const wait of waits)
      expect(wait).toMatchObject({ sessionId, outcome: true, lostLines: 0 });
    expect(describeWaiting(waits[0] as SessionWaiting, Date.now())).toMatch(
      /^the lines' outcome: checking in the/,
    );
  });

  it('an ADD_LINE whose draft cannot be sent adds no line, and the issues say where', () => {
    const machine = createOrderSessionMachine({ api: testClient(sandbox) });
    const actor = createActor(machine, { input: { instanceKey: 'app-4' } }).start();
    actor.send({ type: 'ADD_LINE', line: completeLine() });
    actor.send({ type: 'ADD_LINE', line: { product_offering_id: '2173' } as never });
    const snapshot = actor.getSnapshot();
    expect(snapshot.context.lines.getSnapshot().lines.size).toBe(1);
    expect(snapshot.context.issues.map((issue) => issue.path)).toEqual([
      'lines[1].product_offering_qualification_item_id',
    ]);
    actor.stop();
  });

  it('its events are the user’s: the lines’ notices are not part of them', () => {
    const machine = createOrderSessionMachine({ api: testClient(sandbox) });
    const actor = createActor(machine, { input: { instanceKey: 'app-5' } });
    // @ts-expect-error LINE.* notices are internal
    const notice: Parameters<typeof actor.send>[0] = { type: 'LINE.DECLINED', key: 'L1' };
    expect(notice.type).toBe('LINE.DECLINED');
  });
});

describe('readiness: the confirmation rules one by one, for a form', () => {
  const start = () =>
    createActor(createOrderSessionMachine({ api: testClient(sandbox) }), {
      input: { instanceKey: 'form' },
    }).start();

  it('an empty session fails sessionHasLines only', () => {
    const result = readiness(start().getSnapshot());
    expect(result.ready).toBe(false);
    expect(Object.entries(result.rules).filter(([, r]) => r === 'fail')).toEqual([
      ['sessionHasLines', 'fail'],
      ['noOtherBlockingIssue', 'fail'],
    ]);
  });

  it('a line with option 7021 and no CPE fields fails cpeFieldsGivenWithOption7021', () => {
    const actor = start();
    actor.send({ type: 'ADD_LINE', line: completeLine({ option_ids: ['7021'] }) });
    const result = readiness(actor.getSnapshot());
    expect(result.rules.cpeFieldsGivenWithOption7021).toBe('fail');
    expect(result.rules.requiredAtConfirmationFilled).toBe('pass');
    expect(result.issues.map((issue) => issue.path)).toEqual([
      'lines[0].cpe_networking_number',
      'lines[0].cpe_serial_number',
    ]);
    actor.send({
      type: 'UPDATE_LINE',
      key: 'L1',
      changes: { cpe_networking_number: 'N-1', cpe_serial_number: 'S-1' },
    });
    expect(readiness(actor.getSnapshot())).toMatchObject({ ready: true, issues: [] });
  });

  it('a missing enni fails requiredAtConfirmationFilled; a DIA enni is a warning, not a failure', () => {
    const actor = start();
    actor.send({ type: 'ADD_LINE', line: lineWithoutEnni() });
    expect(readiness(actor.getSnapshot()).rules.requiredAtConfirmationFilled).toBe('fail');
    actor.send({ type: 'UPDATE_LINE', key: 'L1', changes: { offer_family: 'DIA', enni: 'AZ9' } });
    const result = readiness(actor.getSnapshot());
    expect(result.ready).toBe(true);
    expect(result.issues).toEqual([
      expect.objectContaining({
        path: 'lines[0].enni',
        code: 'enni_overridden_for_dia',
        severity: 'warning',
      }),
    ]);
  });

  it('agrees with the machine: CONFIRM goes ahead exactly when readiness says ready', () => {
    for (const line of [completeLine(), lineWithoutEnni()]) {
      const actor = start();
      actor.send({ type: 'ADD_LINE', line });
      const { ready } = readiness(actor.getSnapshot());
      actor.send({ type: 'CONFIRM' });
      expect(actor.getSnapshot().value !== 'draft').toBe(ready);
      actor.stop();
    }
  });
});
