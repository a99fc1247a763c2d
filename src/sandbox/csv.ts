import { stringify } from 'csv-stringify';
import type { StoredLine, StoredSession } from './store.js';

/**
 * The export's columns, one row per order line (and one for a session without lines, its line
 * columns empty). The doc names no column: session columns are the session answer's fields
 * prefixed `product_order_` (the doc's name for a session, as in a line's `product_order_id`);
 * line columns are the line answer's field names. `termination_error` is the line's list as JSON
 * (`[{"code","property_path","value"}]`, `[]` when none). See docs/sandbox.md, "CSV export".
 */
export const EXPORT_COLUMNS = [
  'product_order_id',
  'product_order_external_id',
  'product_order_project_id',
  'product_order_state',
  'product_order_creation_date',
  'product_order_order_date',
  'product_order_completion_date',
  'id',
  'external_id',
  'temporary_reference',
  'order_reference',
  'state',
  'product_offering_id',
  'product_offering_qualification_item_id',
  'quote_item_id',
  'offer_family',
  'offer_technology',
  'end_customer_name',
  'customer_order_name',
  'enni',
  'enni_2',
  'vlan_reference',
  'option_ids',
  'note',
  'order_date',
  'completion_date',
  'termination_error',
] as const;

export type ExportRow = Record<(typeof EXPORT_COLUMNS)[number], string>;

type SessionColumns = Pick<ExportRow, (typeof EXPORT_COLUMNS)[number] & `product_order_${string}`>;

function sessionColumns(session: StoredSession): SessionColumns {
  return {
    product_order_id: session.id,
    product_order_external_id: session.externalId,
    product_order_project_id: session.projectId,
    product_order_state: session.state,
    product_order_creation_date: session.creationDate,
    product_order_order_date: session.orderDate ?? '',
    product_order_completion_date: session.completionDate ?? '',
  };
}

function lineColumns(line: StoredLine): Omit<ExportRow, keyof SessionColumns> {
  return {
    id: line.id,
    external_id: line.input.external_id ?? '',
    temporary_reference: line.temporaryReference,
    order_reference: line.orderReference,
    state: line.state,
    product_offering_id: line.input.product_offering_id,
    product_offering_qualification_item_id: line.input.product_offering_qualification_item_id,
    quote_item_id: line.input.quote_item_id ?? '',
    offer_family: line.input.offer_family ?? '',
    offer_technology: line.input.offer_technology ?? '',
    end_customer_name: line.input.end_customer_name ?? '',
    customer_order_name: line.input.customer_order_name ?? '',
    enni: line.computedEnni ?? line.input.enni ?? '',
    enni_2: line.input.enni_2 ?? '',
    vlan_reference:
      line.input.vlan_reference === undefined ? '' : String(line.input.vlan_reference),
    option_ids: (line.input.option_ids ?? []).join('|'),
    note: line.input.note ?? '',
    order_date: line.orderDate ?? '',
    completion_date: line.completionDate ?? '',
    termination_error: JSON.stringify(
      line.terminationError.map(({ code, property_path, value }) => ({
        code,
        property_path,
        value,
      })),
    ),
  };
}

const NO_LINE = Object.fromEntries(
  EXPORT_COLUMNS.filter((column) => !column.startsWith('product_order_')).map((column) => [
    column,
    '',
  ]),
) as Omit<ExportRow, keyof SessionColumns>;

/** The rows of an export: every line of the given sessions, in order; a session without lines once. */
export function exportRows(sessions: readonly StoredSession[]): ExportRow[] {
  return sessions.flatMap((session) => {
    const own = sessionColumns(session);
    if (session.lines.length === 0) return [{ ...own, ...NO_LINE }];
    return session.lines.map((line) => ({ ...own, ...lineColumns(line) }));
  });
}

/**
 * The CSV text of the rows, with a header line. Cells that begin with `=`, `+`, `-`, `@`, a tab
 * or a carriage return are prefixed with `'` so that a spreadsheet does not run them as formulas.
 */
export function toCsv(rows: readonly ExportRow[]): Promise<string> {
  return new Promise((resolve, reject) => {
    stringify(
      rows.map((row) => ({ ...row })),
      {
        header: true,
        columns: [...EXPORT_COLUMNS],
        escape_formulas: true,
        record_delimiter: '\r\n',
      },
      (error, output) => (error ? reject(error) : resolve(output)),
    );
  });
}
