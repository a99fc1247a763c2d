/**
 * Reading the CSV export by column name. The doc lists no column: the names assumed here are the
 * sandbox's (docs/sandbox.md, "CSV export"), taken from the doc's own fields — the session's
 * prefixed `product_order_`, the line's as the line answer names them. Columns may come in any
 * order and extra ones are ignored; a missing required column is a `CovageResponseError` naming
 * it. Only the rows of the sessions asked for are kept, so memory follows what is watched, not
 * the size of the file.
 */
import { CovageResponseError } from '../http/errors.js';
import type { Line, TerminationError } from '../schemas/line.js';
import type { SessionWithItems } from '../schemas/session.js';
import {
  LINE_STATES,
  type LineState,
  SESSION_STATES,
  type SessionState,
} from '../schemas/states.js';
import { CsvRecords } from './csvRecords.js';

/** Columns without which a row cannot be read. */
export const REQUIRED_EXPORT_COLUMNS = [
  'product_order_id',
  'id',
  'external_id',
  'state',
  'product_offering_qualification_item_id',
] as const;

/** Columns read when present. */
export const OPTIONAL_EXPORT_COLUMNS = [
  'product_order_external_id',
  'product_order_state',
  'product_order_project_id',
  'product_order_creation_date',
  'product_order_order_date',
  'product_order_completion_date',
  'product_offering_id',
  'temporary_reference',
  'order_reference',
  'order_date',
  'completion_date',
  'termination_error',
] as const;

type Column = (typeof REQUIRED_EXPORT_COLUMNS)[number] | (typeof OPTIONAL_EXPORT_COLUMNS)[number];

/** Which sessions to keep: by the API's id, or by the `external_id` they were created with. */
export interface ExportWant {
  sessionIds?: Iterable<string>;
  sessionExternalIds?: Iterable<string>;
}

/** The sessions an export listed, as the session read would give them (lines from the rows). */
export interface ExportedSessions {
  byId: Map<string, SessionWithItems>;
  /** Session ids by the session's `external_id` (several when it was created more than once). */
  idsByExternalId: Map<string, string[]>;
}

/** A spreadsheet-safe cell (`'=…`) back to its value. */
function cell(value: string | undefined): string {
  if (value === undefined) return '';
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

const SESSION_STATE_SET = new Set<string>(SESSION_STATES);
const LINE_STATE_SET = new Set<string>(LINE_STATES);

export async function readExportFile(
  stream: ReadableStream<Uint8Array>,
  want: ExportWant,
  where: { method: string; path: string },
): Promise<ExportedSessions> {
  const ids = new Set(want.sessionIds ?? []);
  const externalIds = new Set(want.sessionExternalIds ?? []);
  const result: ExportedSessions = { byId: new Map(), idsByExternalId: new Map() };
  const records = new CsvRecords(where);
  let columns: Map<string, number> | null = null;
  let rowNumber = 0;
  const fail = (path: string, message: string): never => {
    throw new CovageResponseError(where.method, where.path, [{ path, message }], null);
  };

  const onRecord = (record: string[]) => {
    if (columns === null) {
      columns = new Map(record.map((name, index) => [name.replace(/^\uFEFF/, '').trim(), index]));
      const missing = REQUIRED_EXPORT_COLUMNS.filter((name) => !columns?.has(name));
      if (missing.length > 0) fail('(header)', `the export has no column ${missing.join(', ')}`);
      return;
    }
    rowNumber += 1;
    const index = columns;
    const get = (name: Column) => {
      const at = index.get(name);
      return at === undefined ? '' : cell(record[at]).trim();
    };
    const sessionId = get('product_order_id');
    const sessionExternalId = get('product_order_external_id');
    if (!ids.has(sessionId) && !(sessionExternalId && externalIds.has(sessionExternalId))) return;
    let session = result.byId.get(sessionId);
    if (!session) {
      session = sessionFromRow(get, rowNumber, fail);
      result.byId.set(sessionId, session);
      if (sessionExternalId) {
        const known = result.idsByExternalId.get(sessionExternalId) ?? [];
        result.idsByExternalId.set(sessionExternalId, [...known, sessionId]);
      }
    }
    if (get('id') !== '') session.product_order_item.push(lineFromRow(get, rowNumber, fail));
  };

  const decoder = new TextDecoder();
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      records.push(decoder.decode(value, { stream: true }), onRecord);
    }
    records.push(decoder.decode(), onRecord);
    records.end(onRecord);
  } finally {
    reader.releaseLock();
  }
  if (columns === null) fail('(header)', 'the export is empty: no header row');
  return result;
}

type Get = (name: Column) => string;
type Fail = (path: string, message: string) => never;

function sessionFromRow(get: Get, row: number, fail: Fail): SessionWithItems {
  const state = get('product_order_state');
  if (state !== '' && !SESSION_STATE_SET.has(state))
    fail(`row ${row}.product_order_state`, `unknown session state "${state}"`);
  return {
    id: get('product_order_id'),
    external_id: get('product_order_external_id'),
    project_id: get('product_order_project_id'),
    creation_date: get('product_order_creation_date') || null,
    order_date: get('product_order_order_date') || null,
    completion_date: get('product_order_completion_date') || null,
    ...(state === '' ? {} : { state: state as SessionState }),
    product_order_item: [],
  };
}

function lineFromRow(get: Get, row: number, fail: Fail): Line {
  const state = get('state');
  if (!LINE_STATE_SET.has(state)) fail(`row ${row}.state`, `unknown line state "${state}"`);
  return {
    id: get('id'),
    product_order_id: get('product_order_id'),
    external_id: get('external_id'),
    product_offering_id: get('product_offering_id'),
    product_offering_qualification_item_id: get('product_offering_qualification_item_id'),
    state: state as LineState,
    temporary_reference: get('temporary_reference'),
    order_reference: get('order_reference'),
    order_date: get('order_date') || null,
    completion_date: get('completion_date') || null,
    termination_error: terminationErrors(get('termination_error'), row, fail),
  };
}

/** The `termination_error` cell: JSON `[{code, property_path, value}]`; empty is none. */
function terminationErrors(text: string, row: number, fail: Fail): TerminationError[] {
  if (text === '') return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail(`row ${row}.termination_error`, 'not JSON');
  }
  if (!Array.isArray(value)) return fail(`row ${row}.termination_error`, 'not a JSON list');
  return value.map((entry, index) => {
    const item = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<
      string,
      unknown
    >;
    if (typeof item.code !== 'string')
      fail(`row ${row}.termination_error[${index}].code`, 'missing');
    return {
      code: item.code as string,
      property_path: typeof item.property_path === 'string' ? item.property_path : '',
      value: item.value === null || item.value === undefined ? '' : String(item.value),
    };
  });
}
