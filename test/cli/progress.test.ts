/**
 * What the user sees while a session runs and when it ends: the live view's frame, the plain
 * progress lines, the final table, the countdown, and when each display is used.
 */
import { stripVTControlCharacters as plain } from 'node:util';
import { describe, expect, it } from 'vitest';
import { clockText } from '../../src/cli/progress/countdown.js';
import { progressMode } from '../../src/cli/progress/index.js';
import { lineStatus } from '../../src/cli/progress/lineStatus.js';
import { renderFrame } from '../../src/cli/progress/live.js';
import { describeEvent } from '../../src/cli/progress/plain.js';
import { renderResultTable } from '../../src/cli/resultTable.js';
import type { LineResult } from '../../src/runtime/orderSession.js';

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

describe('the live view', () => {
  it('shows one row per line: key, external_id, status, API state, order or reason', () => {
    const frame = plain(
      renderFrame({
        spinner: '⠋',
        title: '⠋ session 42 · confirmed: waiting for the outcome · 1.2s',
        lines: [
          acknowledged(0),
          rejected(1),
          line(2, { machineState: 'awaiting_outcome', apiState: 'in_progress' }),
        ],
        width: 120,
        height: 24,
      }),
    );
    const rows = frame.split('\n');
    expect(rows[0]).toBe('⠋ session 42 · confirmed: waiting for the outcome · 1.2s');
    expect(rows[1]).toMatch(/^ {2}✔ L1 ACME-1 +order created +acknowledged +order ORD_0$/);
    expect(rows[2]).toMatch(/^ {2}✘ L2 ACME-2 +no order +rejected_creation +enni_required @ enni$/);
    expect(rows[3]).toMatch(/^ {2}⠋ L3 ACME-3 +confirmed +in_progress$/);
  });

  it('fits the terminal: rows are cut to its width, and lines beyond its height are counted', () => {
    const lines = Array.from({ length: 40 }, (_, index) =>
      index < 30 ? acknowledged(index) : line(index, { machineState: 'creating' }),
    );
    const rows = plain(
      renderFrame({ spinner: '⠋', title: 'x'.repeat(200), lines, width: 60, height: 12 }),
    ).split('\n');
    expect(rows.length).toBeLessThanOrEqual(12);
    for (const row of rows) expect(row.length).toBeLessThanOrEqual(60);
    // Lines still under way are shown first; the rest are counted.
    expect(rows.filter((row) => row.includes('creating'))).toHaveLength(rows.length - 2);
    expect(rows.at(-1)).toMatch(/^ {2}… \d+ more \(in all: 30 ✔, 0 ✘, 10 under way\)$/);
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

  it('one line per step, naming the line by key and external_id', () => {
    expect(
      describeEvent(
        { type: 'line.created', key: 'L1', index: 0, lineId: '77', reconciled: false },
        ids,
      ),
    ).toBe('line L1 ACME-1 created (id 77)');
    expect(
      describeEvent(
        { type: 'line.created', key: 'L1', index: 0, lineId: '77', reconciled: true },
        ids,
      ),
    ).toBe('line L1 ACME-1 created (id 77), found on the API after a lost answer');
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
    ).toBe('line L1 ACME-1 rejected_creation: siret_invalid @ siret');
    expect(describeEvent({ type: 'session.outcome', sessionId: '9', state: 'partial' }, ids)).toBe(
      'session 9 partial',
    );
    expect(describeEvent({ type: 'line.added', key: 'L1', index: 0 }, ids)).toBeUndefined();
  });
});

describe('the final table', () => {
  it('has the columns #, external_id, state, order_reference / termination errors, temporary_reference', () => {
    const table = plain(
      renderResultTable([
        acknowledged(0),
        rejected(1),
        line(2, {
          machineState: 'creating.failed',
          error: { kind: 'network', message: 'no answer', retriable: true, ambiguous: true },
        }),
      ]),
    );
    const rows = table.split('\n').filter((row) => row.startsWith('│'));
    const cells = rows.map((row) =>
      row
        .split('│')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
    // The header takes two rows: its cells are read top to bottom.
    const header = cells[0]?.map((cell, column) => `${cell} ${cells[1]?.[column] ?? ''}`.trim());
    expect(header).toEqual([
      '#',
      'external_id',
      'state',
      'order_reference / termination errors',
      'temporary_reference',
    ]);
    expect(cells[2]).toEqual(['1', 'ACME-1', 'acknowledged', 'ORD_0', 'PO_0']);
    expect(cells[3]).toEqual(['2', 'ACME-2', 'rejected_creation', 'enni_required @ enni', '']);
    expect(cells[4]).toEqual(['3', 'ACME-3', 'not created', 'error: no answer', '']);
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
