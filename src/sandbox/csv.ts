import { stringify } from 'csv-stringify';
import type { StoredSession } from './store.js';

/** The export's columns, one row per order line. Field names follow the doc's tables. */
export const EXPORT_COLUMNS = [
  'product_order_id',
  'product_order_external_id',
  'product_order_project_id',
  'product_order_state',
  'product_order_creation_date',
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
  'termination_error',
] as const;

export type ExportRow = Record<(typeof EXPORT_COLUMNS)[number], string>;

/** The rows of an export: every line of the given sessions, in order. */
export function exportRows(sessions: readonly StoredSession[]): ExportRow[] {
  return sessions.flatMap((session) =>
    session.lines.map((line) => ({
      product_order_id: session.id,
      product_order_external_id: session.externalId,
      product_order_project_id: session.projectId,
      product_order_state: session.state,
      product_order_creation_date: session.creationDate,
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
      termination_error: line.terminationError
        .map((error) => `${error.code}:${error.property_path}`)
        .join('|'),
    })),
  );
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
