/**
 * The table a session run ends with, and the sentence under it. It fits 80 columns (a wider
 * terminal shows `temporary_reference` too): long values wrap inside their cell, nothing is cut.
 * A session of more than {@link DETAIL_LIMIT} lines gets a summary instead (lines per state, and
 * the lines that did not become orders), unless every row is asked for (`--all-lines`).
 */
import Table from 'cli-table3';
import type { LineResult, SessionResult } from '../runtime/orderSession.js';
import { DETAIL_LIMIT } from './progress/index.js';
import { lineStatus, terminationTexts } from './progress/lineStatus.js';
import { plural, style } from './style.js';

/** Narrowest table width the output aims at. */
export const TABLE_WIDTH = 80;
/** Lines without an order listed under a summary. */
export const SUMMARY_PROBLEM_ROWS = 20;

function stateText(line: LineResult): string {
  // Found on order tracking only: the order's state there.
  if (line.machineState === 'order_created.tracked') return `order ${line.orderState ?? 'created'}`;
  return line.apiState ?? lineStatus(line).label;
}

function paintState(line: LineResult, text: string): string {
  const tone = lineStatus(line).tone;
  if (tone === 'good') return style.green(text);
  if (tone === 'bad') return style.red(text);
  return text;
}

function detailText(line: LineResult): string {
  if (line.orderReference) return line.orderReference;
  if (line.terminationErrors.length > 0) return terminationTexts(line.terminationErrors).join('\n');
  if (line.error) return `error: ${line.error.message}`;
  return '';
}

/** Wraps text to `width`: at spaces where it can, inside a word where it must; never cuts. */
export function wrapText(text: string, width: number): string {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let current = '';
    for (const word of paragraph.split(' ')) {
      let rest = word;
      if (current && current.length + 1 + rest.length <= width) {
        current = `${current} ${rest}`;
        continue;
      }
      if (current) out.push(current);
      while (rest.length > width) {
        out.push(rest.slice(0, width));
        rest = rest.slice(width);
      }
      current = rest;
    }
    out.push(current);
  }
  return out.join('\n');
}

interface Column {
  title: string;
  /** Never narrower than this (when it must shrink to fit). */
  min: number;
  cell(line: LineResult): string;
  paint?(line: LineResult, text: string): string;
  align?: 'right';
}

const COLUMNS: Record<'line' | 'externalId' | 'state' | 'detail' | 'temporary', Column> = {
  line: { title: 'line', min: 4, cell: (line) => String(line.index + 1), align: 'right' },
  externalId: { title: 'external_id', min: 11, cell: (line) => line.externalId ?? '' },
  state: { title: 'state', min: 12, cell: stateText, paint: paintState },
  detail: {
    title: 'order_reference /\ntermination errors',
    min: 18,
    cell: detailText,
    paint: (line, text) => (line.orderReference ? text : style.red(text)),
  },
  temporary: {
    title: 'temporary_reference',
    min: 19,
    cell: (line) => line.temporaryReference ?? '',
  },
};

const longest = (text: string) => Math.max(...text.split('\n').map((part) => part.length));

/** The columns and their content widths, to fit `width` (borders and padding included). */
function layout(lines: readonly LineResult[], width: number): [Column, number][] {
  const natural = (column: Column) =>
    Math.max(longest(column.title), ...lines.map((line) => longest(column.cell(line))));
  const chrome = (count: number) => count * 3 + 1; // a border and two spaces per column, one more border
  const { line, externalId, state, detail, temporary } = COLUMNS;
  const withTemporary: [Column, number][] = [line, externalId, state, detail, temporary].map(
    (column) => [column, natural(column)],
  );
  const fits = (columns: [Column, number][]) =>
    columns.reduce((sum, [, size]) => sum + size, 0) + chrome(columns.length) <= width;
  if (fits(withTemporary)) return withTemporary;
  const columns = withTemporary.slice(0, 4);
  // Narrow the detail first (termination errors wrap at their spaces; never below an order
  // reference: those are read whole), then external_id, then the state, until the table fits.
  const references = lines.map((entry) => (entry.orderReference ?? '').length);
  const floor = [0, externalId.min, state.min, Math.max(detail.min, ...references)];
  for (const index of [3, 1, 2]) {
    const entry = columns[index] as [Column, number];
    while (!fits(columns) && entry[1] > (floor[index] as number)) entry[1] -= 1;
  }
  return columns;
}

/** One row per line: line number, external_id, state, order reference or termination errors. */
export function renderResultTable(lines: readonly LineResult[], width = TABLE_WIDTH): string {
  const columns = layout(lines, Math.max(TABLE_WIDTH, width));
  const table = new Table({
    head: columns.map(([column, size]) => style.bold(wrapText(column.title, size))),
    colWidths: columns.map(([, size]) => size + 2),
    colAligns: columns.map(([column]) => column.align ?? 'left'),
    style: { head: [], border: [], compact: true },
  });
  for (const line of lines) {
    table.push(
      columns.map(([column, size]) => {
        const text = wrapText(column.cell(line), size);
        return column.paint && text ? column.paint(line, text) : text;
      }),
    );
  }
  return table.toString();
}

/** Lines per state, for a session too large for a row per line. */
function stateCounts(lines: readonly LineResult[]): string {
  const counts = new Map<string, { line: LineResult; count: number }>();
  for (const line of lines) {
    const state = stateText(line);
    const entry = counts.get(state);
    if (entry) entry.count++;
    else counts.set(state, { line, count: 1 });
  }
  const table = new Table({
    head: ['state', 'lines'].map((title) => style.bold(title)),
    colAligns: ['left', 'right'],
    style: { head: [], border: [], compact: true },
  });
  for (const [state, { line, count }] of [...counts].sort((a, b) => b[1].count - a[1].count))
    table.push([paintState(line, state), String(count)]);
  return table.toString();
}

/**
 * What a run ends with: every line when there are few (or `allLines`), else the lines per state,
 * then the lines that did not become orders (the first {@link SUMMARY_PROBLEM_ROWS}).
 */
export function renderOutcome(
  lines: readonly LineResult[],
  options: { allLines?: boolean; width?: number } = {},
): string {
  if (options.allLines || lines.length <= DETAIL_LIMIT)
    return renderResultTable(lines, options.width);
  const problems = lines.filter((line) => lineStatus(line).tone === 'bad');
  const out = [`${plural(lines.length, 'line')}, by state:`, stateCounts(lines)];
  if (problems.length > 0) {
    const shown = problems.slice(0, SUMMARY_PROBLEM_ROWS);
    out.push(
      `${plural(problems.length, 'line')} without an order${problems.length > shown.length ? ` (the first ${shown.length})` : ''}:`,
      renderResultTable(shown, options.width),
    );
  }
  out.push(style.dim('every line: --all-lines (a row each) or --json'));
  return out.join('\n');
}

/** Lines that became orders. */
export function ordersCreated(result: SessionResult): number {
  return result.lines.filter((line) => lineStatus(line).tone === 'good').length;
}

/**
 * The two lines under the table for a session that reached its outcome: the session, then the
 * verdict (one line would pass 80 columns with a session id).
 */
export function outcomeSentence(result: SessionResult): string {
  const session = `session ${result.sessionId ?? '(none)'}`;
  const orders = ordersCreated(result);
  const total = result.lines.length;
  switch (result.state) {
    case 'completed':
      return `${session}\n${style.green(`completed: ${orders} of ${plural(total, 'line')} became orders`)}`;
    case 'partial':
      return `${session}\n${style.yellow(`partial: ${orders} of ${plural(total, 'line')} became orders`)}`;
    case 'rejected':
      return `${session}\n${style.red(`rejected: none of its ${plural(total, 'line')} became an order`)}`;
    case 'outcome_unknown': {
      const unknown = result.lines.filter((line) => line.machineState === 'outcome_unknown');
      return `${session}\n${style.yellow(`outcome unknown: ${orders} of ${plural(total, 'line')} became orders, ${unknown.length} not known`)}`;
    }
    default:
      return `${session} ${result.state}`;
  }
}
