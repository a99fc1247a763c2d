/**
 * What the user sees while a session runs and when it ends: the live view's frame, the plain
 * progress lines, the final table, the countdown, and when each display is used.
 */
import { stripVTControlCharacters as plain } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { sampleLine } from '../../scripts/shared/sampleLine.js';
import { clockText } from '../../src/cli/progress/countdown.js';
import { heartbeatText, progressMode, startProgress } from '../../src/cli/progress/index.js';
import { lineStatus } from '../../src/cli/progress/lineStatus.js';
import { renderFrame } from '../../src/cli/progress/live.js';
import { ProgressModel } from '../../src/cli/progress/model.js';
import { describeEvent } from '../../src/cli/progress/plain.js';
import { renderOutcome, renderResultTable, wrapText } from '../../src/cli/resultTable.js';
import type { CovageApi } from '../../src/client/api.js';
import type { SessionProgressEvent } from '../../src/events/sessionEvents.js';
import { createOrderSession, type LineResult } from '../../src/runtime/orderSession.js';

function line(index: number, changes: Partial<LineResult> = {}): LineResult {
  return {
    key: `L${index + 1}`,
    index,
    machineState: 'draft',
    lineId: null,
    externalId: `ACME-${index + 1}`,
    apiState: null,
    orderReference: null,
    temporaryReference: null,
    terminationErrors: [],
    error: null,
    ...changes,
  };
}

const acknowledged = (index: number) =>
  line(index, {
    machineState: 'order_created.acknowledged',
    lineId: `id-${index}`,
    apiState: 'acknowledged',
    orderReference: `ORD_${index}`,
    temporaryReference: `PO_${index}`,
  });
const rejected = (index: number) =>
  line(index, {
    machineState: 'no_order.rejected_creation',
    lineId: `id-${index}`,
    apiState: 'rejected_creation',
    terminationErrors: [{ code: 'enni_required', property_path: 'enni', value: '' }],
  });

/** A model fed as a session would feed it: `count` lines added, then events. */
function modelOf(lines: readonly LineResult[], events: SessionProgressEvent[] = []): ProgressModel {
  const model = new ProgressModel(lines, '42');
  for (const event of events) model.apply(event);
  return model;
}

describe('the live view', () => {
  it('shows one row per line: number, external_id, status, API state, order or reason', () => {
    const frame = plain(
      renderFrame({
        spinner: '⠋',
        title: '⠋ session 42 · confirmed: waiting for the outcome · 1.2s',
        model: modelOf([
          acknowledged(0),
          rejected(1),
          line(2, { machineState: 'awaiting_outcome', apiState: 'in_progress' }),
        ]),
        width: 120,
        height: 24,
      }),
    );
    const rows = frame.split('\n');
    expect(rows[0]).toBe('⠋ session 42 · confirmed: waiting for the outcome · 1.2s');
    expect(rows[1]).toMatch(/^ {2}✔ {2}1 ACME-1 +order created +acknowledged +order ORD_0$/);
    expect(rows[2]).toMatch(
      /^ {2}✘ {2}2 ACME-2 +no order +rejected_creation +enni_required @ enni$/,
    );
    expect(rows[3]).toMatch(/^ {2}⠋ {2}3 ACME-3 +confirmed +in_progress$/);
  });

  it('fits the terminal: lines under way first, the rest counted on the last row', () => {
    const lines = Array.from({ length: 40 }, (_, index) =>
      index < 30 ? acknowledged(index) : line(index, { machineState: 'creating' }),
    );
    const rows = plain(
      renderFrame({
        spinner: '⠋',
        title: 'x'.repeat(200),
        model: modelOf(lines),
        width: 60,
        height: 12,
      }),
    ).split('\n');
    expect(rows.length).toBeLessThanOrEqual(12);
    for (const row of rows) expect(row.length).toBeLessThanOrEqual(60);
    // Two thirds of the rows for the lines under way, the rest for the last that settled.
    expect(rows.filter((row) => row.includes('creating'))).toHaveLength(6);
    expect(rows.filter((row) => row.includes('order created'))).toHaveLength(3);
    expect(rows.at(-1)).toMatch(/^ {2}… 31 more · 40 lines: 30 ✔, 0 ✘, 10 under way$/);
  });

  it('a 10,000-line session: the lines being created are drawn, from the counters; only the rows drawn are read', () => {
    const lines = Array.from({ length: 10_000 }, (_, index) => line(index));
    const events: SessionProgressEvent[] = [];
    for (let index = 0; index < 2_000; index++)
      events.push({
        type: 'line.created',
        key: `L${index + 1}`,
        index,
        lineId: `id-${index}`,
        reconciled: false,
      });
    events.push({
      type: 'line.failed',
      key: 'L2001',
      index: 2000,
      phase: 'create',
      error: { kind: 'http', message: 'answered 422', retriable: false, ambiguous: false },
    });
    const model = modelOf(lines, events);
    const creating = new Set(['L2002', 'L2003', 'L2004']);
    const peeked: string[] = [];
    const frame = plain(
      renderFrame({
        spinner: '⠋',
        title: 'session 42',
        model,
        width: 100,
        height: 20,
        peek: (key) => {
          peeked.push(key);
          return creating.has(key) ? 'creating' : undefined;
        },
      }),
    ).split('\n');
    expect(frame).toHaveLength(1 + 17 + 1);
    expect(peeked.length).toBeLessThanOrEqual(18);
    // The line that failed, then those under way: 2002-2004 being created, the next ones waiting.
    expect(frame[1]).toMatch(/^ {2}✘ 2001 ACME-2001 +not created +answered 422$/);
    expect(frame[2]).toMatch(/^ {2}⠋ 2002 ACME-2002 +creating$/);
    expect(frame[5]).toMatch(/^ {2}· 2005 ACME-2005 +waiting$/);
    expect(frame.at(-1)).toContain('10000 lines: 0 ✔, 1 ✘, 2000 created, 7999 to create');
    expect(model.count('held')).toBe(2000);
  });

  it('after confirmation, every created line is under way; outcomes settle them one by one', () => {
    const lines = Array.from({ length: 300 }, (_, index) =>
      line(index, { machineState: 'created.in_sync', lineId: `id-${index}` }),
    );
    const model = modelOf(lines, [
      { type: 'session.confirmed', sessionId: '42', reconciled: false },
      {
        type: 'line.outcome',
        key: 'L7',
        index: 6,
        lineId: 'id-6',
        state: 'acknowledged',
        outcome: 'order_created',
        orderReference: 'ORD_7',
        terminationErrors: [],
      },
    ]);
    expect(model.count('busy')).toBe(299);
    expect(model.count('good')).toBe(1);
    expect(model.recent(5).map((view) => view.number)).toEqual([7]);
    expect(model.open(3).map((view) => view.number)).toEqual([1, 2, 3]);
  });

  it('names every line machine state in words', () => {
    expect(lineStatus({ machineState: 'draft' })).toEqual({ label: 'waiting', tone: 'waiting' });
    expect(lineStatus({ machineState: 'creating.reconciling' })).toEqual({
      label: 'checking',
      tone: 'busy',
    });
    expect(lineStatus({ machineState: 'created.in_sync' })).toEqual({
      label: 'created',
      tone: 'held',
    });
    expect(lineStatus({ machineState: 'creating.failed' }).tone).toBe('bad');
    expect(lineStatus({ machineState: 'order_created.in_progress' }).tone).toBe('good');
    expect(lineStatus({ machineState: 'some_new_state' }).label).toBe('some new state');
  });
});

describe('plain progress lines', () => {
  const ids = (key: string) => ({ L1: 'ACME-1' })[key];

  it('one line per step, naming the line by its number (from 1) and external_id', () => {
    expect(
      describeEvent(
        { type: 'line.created', key: 'L1', index: 0, lineId: '77', reconciled: false },
        ids,
      ),
    ).toBe('line 1 ACME-1 created (id 77)');
    expect(
      describeEvent(
        { type: 'line.created', key: 'L1', index: 0, lineId: '77', reconciled: true },
        ids,
      ),
    ).toBe('line 1 ACME-1 created (id 77), found on the API after a lost answer');
    expect(
      describeEvent(
        {
          type: 'line.outcome',
          key: 'L1',
          index: 0,
          lineId: '77',
          state: 'rejected_creation',
          outcome: 'no_order',
          orderReference: null,
          terminationErrors: [{ code: 'siret_invalid', property_path: 'siret', value: '1' }],
        },
        ids,
      ),
    ).toBe('line 1 ACME-1 rejected_creation: siret_invalid @ siret');
    expect(describeEvent({ type: 'session.outcome', sessionId: '9', state: 'partial' }, ids)).toBe(
      'session 9 partial',
    );
    expect(describeEvent({ type: 'line.added', key: 'L1', index: 0 }, ids)).toBeUndefined();
  });
});

function cellsOf(table: string): string[][] {
  return plain(table)
    .split('\n')
    .filter((row) => row.startsWith('│'))
    .map((row) =>
      row
        .split('│')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}

describe('the final table', () => {
  const three = () => [
    acknowledged(0),
    rejected(1),
    line(2, {
      machineState: 'creating.failed',
      error: { kind: 'network', message: 'no answer', retriable: true, ambiguous: true },
    }),
  ];

  it('fits 80 columns: line, external_id, state, order_reference / termination errors', () => {
    const table = renderResultTable(
      three().map((entry) => ({
        ...entry,
        externalId: `ACME-2025-0042-${entry.index + 1}`,
        orderReference: entry.orderReference ? 'ORD_DU848_20261125_000001' : null,
        temporaryReference: entry.temporaryReference ? 'PO_DU848_20261125_000001' : null,
      })),
    );
    for (const row of plain(table).split('\n')) expect(row.length).toBeLessThanOrEqual(80);
    const cells = cellsOf(table);
    // The header takes two rows: its cells are read top to bottom.
    const header = cells[0]?.map((cell, column) => `${cell} ${cells[1]?.[column] ?? ''}`.trim());
    expect(header).toEqual([
      'line',
      'external_id',
      'state',
      'order_reference / termination errors',
    ]);
    expect(cells[2]).toEqual([
      '1',
      'ACME-2025-0042-1',
      'acknowledged',
      'ORD_DU848_20261125_000001',
    ]);
    expect(cells[3]).toEqual([
      '2',
      'ACME-2025-0042-2',
      'rejected_creation',
      'enni_required @ enni',
    ]);
    expect(cells[4]).toEqual(['3', 'ACME-2025-0042-3', 'not created', 'error: no answer']);
  });

  it('a wider terminal also shows temporary_reference', () => {
    const cells = cellsOf(renderResultTable(three(), 120));
    expect(cells[2]).toEqual(['1', 'ACME-1', 'acknowledged', 'ORD_0', 'PO_0']);
  });

  it('long values wrap inside their cell and are never cut', () => {
    const long = line(0, {
      externalId: 'X'.repeat(60),
      machineState: 'no_order.rejected_creation',
      apiState: 'rejected_creation',
      terminationErrors: [
        {
          code: 'a_very_long_termination_error_code_from_the_back_office',
          property_path: 'related_contact_information[0].contact1_email_address',
          value: '',
        },
      ],
    });
    const table = plain(renderResultTable([long]));
    for (const row of table.split('\n')) expect(row.length).toBeLessThanOrEqual(80);
    const rows = cellsOf(table).slice(2);
    const column = (index: number) => rows.map((row) => row[index] ?? '').join('');
    expect(column(1)).toBe('X'.repeat(60));
    expect(column(3).replace(/\s/g, '')).toBe(
      'a_very_long_termination_error_code_from_the_back_office@related_contact_information[0].contact1_email_address',
    );
    expect(wrapText('ab cd efghij', 4)).toBe('ab\ncd\nefgh\nij');
  });

  it('more than 50 lines: lines per state and the lines without an order, unless --all-lines', () => {
    const lines = Array.from({ length: 500 }, (_, index) =>
      index % 100 === 7 ? rejected(index) : acknowledged(index),
    );
    const summary = plain(renderOutcome(lines));
    expect(summary.split('\n').length).toBeLessThan(40);
    expect(summary).toContain('500 lines, by state:');
    expect(summary).toMatch(/│ acknowledged +│ +495 │/);
    expect(summary).toMatch(/│ rejected_creation +│ +5 │/);
    expect(summary).toContain('5 lines without an order:');
    expect(cellsOf(summary).filter((row) => row[0] === '8')[0]).toEqual([
      '8',
      'ACME-8',
      'rejected_creation',
      'enni_required @ enni',
    ]);
    expect(summary).toContain('every line: --all-lines');
    const all = plain(renderOutcome(lines, { allLines: true }));
    expect(cellsOf(all).length).toBe(2 + 500);
  });
});

describe('--quiet', () => {
  it('still shows a heartbeat on stderr while a long session runs', async () => {
    // An API whose first call never answers: the session stays where it is, as a long one would.
    const never = () => new Promise<never>(() => {});
    const api = new Proxy({}, { get: () => never }) as CovageApi;
    const session = createOrderSession({ api });
    session.addLine(sampleLine());
    const written: string[] = [];
    const stderr = {
      write: (text: string) => written.push(text),
    } as unknown as NodeJS.WritableStream;
    const progress = startProgress(session, 'none', {
      streams: { stdout: { write: () => true } as unknown as NodeJS.WritableStream, stderr },
      json: false,
      target: 'test',
      heartbeatMs: 10,
    });
    session.confirm();
    await vi.waitFor(() => expect(written.length).toBeGreaterThanOrEqual(2));
    progress.stop();
    await session.stop();
    expect(written[0]).toMatch(
      /^covage-orders: \d+s, creating the session; 1 line: 0 ✔, 0 ✘, 1 to create\n$/,
    );
  });

  it('says where a session stands in one line', () => {
    const model = modelOf(Array.from({ length: 3 }, (_, index) => acknowledged(index)));
    expect(heartbeatText(model, 'outcome known', 61_000)).toBe(
      'covage-orders: 61s, outcome known; 3 lines: 3 ✔, 0 ✘',
    );
  });
});

describe('which display', () => {
  it('live on a terminal; plain lines for pipes, CI, dumb terminals and --json; none with --quiet', () => {
    expect(progressMode({}, true, {})).toBe('live');
    expect(progressMode({}, false, {})).toBe('plain');
    expect(progressMode({}, true, { CI: 'true' })).toBe('plain');
    expect(progressMode({}, true, { TERM: 'dumb' })).toBe('plain');
    expect(progressMode({ json: true }, true, {})).toBe('plain');
    expect(progressMode({ quiet: true }, true, {})).toBe('none');
  });

  it('the rate-limit countdown reads minutes and seconds, rounded up', () => {
    expect(clockText(300_000)).toBe('5:00');
    expect(clockText(61_001)).toBe('1:02');
    expect(clockText(9_000)).toBe('0:09');
    expect(clockText(-5)).toBe('0:00');
  });
});
