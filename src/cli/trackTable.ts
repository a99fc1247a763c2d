/**
 * `covage-orders track`'s plain output: a header row, then one row per order in aligned columns,
 * written as the orders arrive. The column widths are measured on the first rows (up to
 * {@link MEASURED_ROWS}, or all of them when the listing is shorter), capped per column; a later,
 * longer value is cut with "…", so a listing of 10,000 orders streams in constant memory.
 */
import { ADOBE_STATUS_LABEL } from '../tracking/providers/adobe/status.js';
import type { NormalizedOrder, OrderStatus, TrackingProvider } from '../tracking/types.js';
import { style } from './style.js';

/** Rows read before the widths are fixed. */
export const MEASURED_ROWS = 50;
const GAP = '  ';

interface Column {
  title: string;
  /** Widest the column gets; longer values are cut. */
  max: number;
  value(order: NormalizedOrder): string;
  align?: 'right';
  /** Styles the padded cell (the width is measured on plain text). */
  paint?(text: string, order: NormalizedOrder): string;
}

const STATUS_COLOR: Record<OrderStatus, (text: string) => string> = {
  pending: style.yellow,
  in_progress: style.cyan,
  completed: style.green,
  cancelled: style.dim,
  failed: style.red,
  rejected: style.red,
  unknown: style.magenta,
};

/** A provider status with its meaning where the code alone says nothing (Adobe's numbers). */
export function providerStatusText(order: NormalizedOrder): string {
  const raw = order.providerStatus;
  if (raw === null) return '(none)';
  if (order.provider === 'adobe') {
    const label = ADOBE_STATUS_LABEL[raw];
    return label ? `${raw} ${label}` : raw;
  }
  return raw;
}

/** `2024-05-14T16:00:00.000Z` → `2024-05-14 16:00`; a day stays a day. */
function shortDate(value: string | undefined): string {
  if (!value) return '';
  return value.length <= 10 ? value : `${value.slice(0, 10)} ${value.slice(11, 16)}`;
}

const id = (title: string, max: number): Column => ({ title, max, value: (order) => order.id });
const status: Column = {
  title: 'STATUS',
  max: 11,
  value: (order) => order.status,
  paint: (text, order) => STATUS_COLOR[order.status](text),
};
const providerStatus = (title: string, max: number): Column => ({
  title,
  max,
  value: providerStatusText,
});
const customerReference = (title: string, max: number): Column => ({
  title,
  max,
  value: (order) => order.customerReference ?? '',
});
const created: Column = { title: 'CREATED', max: 16, value: (order) => shortDate(order.createdAt) };

export const TRACK_COLUMNS: Record<TrackingProvider, readonly Column[]> = {
  covage: [
    id('ORDER REFERENCE', 26),
    status,
    providerStatus('COVAGE STATE', 21),
    customerReference('EXTERNAL ID', 20),
    created,
  ],
  'orange-ordering': [
    id('REQUEST', 14),
    status,
    providerStatus('ORANGE STATUS', 14),
    customerReference('CUSTOMER REF', 18),
    created,
  ],
  'orange-tracking': [
    id('ORDER', 14),
    status,
    providerStatus('ORANGE STATUS', 14),
    customerReference('CUSTOMER REF', 18),
    created,
  ],
  obapi: [
    id('ID', 8),
    { title: 'REF', max: 14, value: (order) => order.reference },
    status,
    providerStatus('OBAPI STATUS', 12),
    customerReference('CUSTOMER REF', 14),
    created,
    {
      title: 'TOTAL INCL. TAX',
      max: 16,
      align: 'right',
      value: (order) => order.amounts?.totalInclTax ?? '',
    },
  ],
  adobe: [
    id('ORDER', 12),
    status,
    providerStatus('ADOBE STATUS', 24),
    customerReference('EXTERNAL REF', 14),
    created,
    { title: 'CURRENCY', max: 8, value: (order) => order.amounts?.currency ?? '' },
  ],
};

function cut(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, Math.max(0, width - 1))}…` : text;
}

export interface OrderTable {
  /** Adds an order (printed at once, or once the widths are measured). */
  push(order: NormalizedOrder): void;
  /** Prints what is still held (a listing shorter than the measured rows). */
  end(): void;
}

/**
 * A table written line by line through `write` (each call one line, with its `\n`).
 * `fullWidth`: every column at its largest width from the start (for `--follow`, one order whose
 * values change).
 */
export function createOrderTable(
  provider: TrackingProvider,
  write: (line: string) => void,
  options: { measuredRows?: number; fullWidth?: boolean } = {},
): OrderTable {
  const columns = TRACK_COLUMNS[provider];
  const measured = options.measuredRows ?? MEASURED_ROWS;
  const held: NormalizedOrder[] = [];
  let widths: number[] | undefined;

  const row = (cells: string[], order?: NormalizedOrder): string =>
    columns
      .map((column, index) => {
        const width = (widths as number[])[index] as number;
        const text = cut(cells[index] ?? '', width);
        const padded = column.align === 'right' ? text.padStart(width) : text.padEnd(width);
        return order && column.paint ? column.paint(padded, order) : padded;
      })
      .join(GAP)
      .trimEnd();

  const print = (order: NormalizedOrder) =>
    write(
      `${row(
        columns.map((column) => column.value(order)),
        order,
      )}\n`,
    );

  const fix = () => {
    widths = columns.map((column) =>
      options.fullWidth
        ? Math.max(column.max, column.title.length)
        : Math.min(
            column.max,
            Math.max(column.title.length, ...held.map((order) => column.value(order).length)),
          ),
    );
    write(`${style.bold(row(columns.map((column) => column.title)))}\n`);
    for (const order of held.splice(0)) print(order);
  };

  return {
    push(order) {
      if (widths) return print(order);
      held.push(order);
      if (held.length >= measured || options.fullWidth) fix();
    },
    end() {
      if (!widths) fix();
    },
  };
}
