/** The table a session run ends with, and the sentence under it. */
import Table from 'cli-table3';
import type { LineResult, SessionResult } from '../runtime/orderSession.js';
import { lineStatus, terminationTexts } from './progress/lineStatus.js';
import { plural, style } from './style.js';

function stateCell(line: LineResult): string {
  const status = lineStatus(line);
  const text = line.apiState ?? status.label;
  if (status.tone === 'good') return style.green(text);
  if (status.tone === 'bad') return style.red(text);
  return text;
}

function detailCell(line: LineResult): string {
  if (line.orderReference) return line.orderReference;
  if (line.terminationErrors.length > 0)
    return style.red(terminationTexts(line.terminationErrors).join('\n'));
  if (line.error) return style.red(`error: ${line.error.message}`);
  return '';
}

/** One row per line: #, external_id, state, order_reference or termination errors, temporary_reference. */
export function renderResultTable(lines: readonly LineResult[]): string {
  const table = new Table({
    head: [
      '#',
      'external_id',
      'state',
      'order_reference /\ntermination errors',
      'temporary_reference',
    ].map((title) => style.bold(title)),
    style: { head: [], border: [], compact: true },
  });
  for (const line of lines) {
    table.push([
      String(line.index + 1),
      line.externalId ?? '',
      stateCell(line),
      detailCell(line),
      line.temporaryReference ?? '',
    ]);
  }
  return table.toString();
}

/** Lines that became orders. */
export function ordersCreated(result: SessionResult): number {
  return result.lines.filter((line) => lineStatus(line).tone === 'good').length;
}

/** The sentence under the table for a session that reached its outcome. */
export function outcomeSentence(result: SessionResult): string {
  const session = `session ${result.sessionId ?? '(none)'}`;
  const orders = ordersCreated(result);
  const total = result.lines.length;
  switch (result.state) {
    case 'completed':
      return style.green(
        `${session} completed: ${orders} of ${plural(total, 'line')} became orders`,
      );
    case 'partial':
      return style.yellow(
        `${session} partial: ${orders} of ${plural(total, 'line')} became orders`,
      );
    case 'rejected':
      return style.red(`${session} rejected: none of its ${plural(total, 'line')} became an order`);
    default:
      return `${session} ${result.state}`;
  }
}
