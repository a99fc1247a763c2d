/**
 * A line's stored record (format 3): the line machine's persisted snapshot, written without
 * repeating itself. The draft is stored once: the body the API holds (`synced`) and the body of the
 * call under way (`pending`) are written as `0` when they are the draft; the API's answer
 * (`remote`) keeps only what the draft does not say (fields equal to the draft's are left out,
 * and so are the empty fields the API fills in, named by their place in `BLANKS`); the line id and
 * session id are not repeated; context fields at their usual value are left out. Decoding gives
 * back the same values (key order inside `remote` aside).
 *
 * The tables below are part of the format: a field may be appended to them, never removed or
 * moved (a stored record names blanks by their place).
 */

type Json = Record<string, unknown>;

/** Fields the API answers empty, and their empty value: a record names them by index. */
const BLANKS: readonly (readonly [string, unknown])[] = [
  ['end_customer_name', ''],
  ['note', ''],
  ['technical_note', ''],
  ['project_id', ''],
  ['quote_item_id', ''],
  ['delivery_mode', ''],
  ['customer_order_name', ''],
  ['business_code', ''],
  ['billing_site_ref', ''],
  ['additional_vlan_reference', ''],
  ['offer_family', ''],
  ['offer_technology', ''],
  ['specific_request', ''],
  ['access_instructions', ''],
  ['scheduled_delivery_date', null],
  ['cancellation_date', null],
  ['cancellation_reason', ''],
  ['completion_date', null],
  ['termination_error', []],
  ['building_ref', ''],
  ['contact2_email_address', ''],
  ['contact2_firstname', ''],
  ['contact2_lastname', ''],
  ['contact2_phone_number', ''],
  ['street_number_extension', ''],
  ['building_name', ''],
  ['level_number', ''],
  ['change_reason', ''],
  ['enni_2', ''],
  ['cpe_networking_number', ''],
  ['cpe_serial_number', ''],
  ['siret', ''],
  ['contact1_email_address', ''],
  ['contact1_firstname', ''],
  ['contact1_lastname', ''],
  ['contact1_phone_number', ''],
  ['vlan_reference', null],
  ['option_ids', []],
];
const BLANK_INDEX = new Map(BLANKS.map(([name], index) => [name, index]));

/** A line context's usual values: a field holding its usual value is not written. */
const USUAL: Json = {
  sessionId: null,
  synced: null,
  remote: null,
  lineId: null,
  diaOfferingIds: [],
  syncDelayMs: 250,
  reconciled: false,
  pending: null,
  lastUpdatedFields: [],
  removeRequested: false,
  error: null,
  warnings: [],
  reportedOutcome: null,
  // Issue 15: the order found on Covage order tracking (without the session read).
  tracked: null,
};

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Deep equality of JSON values. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (!Object.hasOwn(b, key) || !sameJson((a as Json)[key], (b as Json)[key])) return false;
  }
  return true;
}

/** An object written against a base: `k` what differs, `b` blanks, `a` arrays, `x` keys absent. */
interface Delta {
  k?: Json;
  b?: number[];
  a?: Record<string, Delta[]>;
  x?: string[];
}

function deltaFrom(value: Json, base: Json | undefined): Delta {
  const kept: Json = {};
  const blanks: number[] = [];
  const arrays: Record<string, Delta[]> = {};
  let hasKept = false;
  let hasArrays = false;
  for (const key of Object.keys(value)) {
    const item = value[key];
    const from = base?.[key];
    if (base && Object.hasOwn(base, key) && sameJson(item, from)) continue;
    const blank = BLANK_INDEX.get(key);
    if (blank !== undefined && sameJson(item, (BLANKS[blank] as readonly [string, unknown])[1])) {
      blanks.push(blank);
      continue;
    }
    if (
      Array.isArray(item) &&
      Array.isArray(from) &&
      item.length === from.length &&
      item.length > 0 &&
      item.every(isObject) &&
      from.every(isObject)
    ) {
      arrays[key] = item.map((entry, index) => deltaFrom(entry as Json, from[index] as Json));
      hasArrays = true;
      continue;
    }
    kept[key] = item;
    hasKept = true;
  }
  const delta: Delta = {};
  if (hasKept) delta.k = kept;
  if (blanks.length > 0) delta.b = blanks;
  if (hasArrays) delta.a = arrays;
  if (base) {
    const absent = Object.keys(base).filter((key) => !Object.hasOwn(value, key));
    if (absent.length > 0) delta.x = absent;
  }
  return delta;
}

function fromDelta(delta: Delta, base: Json | undefined): Json {
  const value: Json = {};
  if (base) {
    const absent = delta.x;
    for (const key of Object.keys(base)) if (!absent?.includes(key)) value[key] = base[key];
  }
  for (const index of delta.b ?? []) {
    const blank = BLANKS[index];
    if (!blank) throw new Error(`a line record names an unknown blank field (${index})`);
    const [name, empty] = blank;
    value[name] = Array.isArray(empty) ? [] : empty;
  }
  for (const [key, entries] of Object.entries(delta.a ?? {})) {
    const from = base?.[key];
    value[key] = entries.map((entry, index) =>
      fromDelta(entry, Array.isArray(from) && isObject(from[index]) ? from[index] : undefined),
    );
  }
  if (delta.k) Object.assign(value, delta.k);
  return value;
}

/** What a line record is written against: its key and the session's id in the same save. */
export interface LineRecordBase {
  key: string;
  sessionId: string | null;
}

/** The stored form of a line's persisted snapshot. */
export function encodeLine(snapshot: unknown, base: LineRecordBase): Json {
  const { context, status, historyValue, children, ...rest } = snapshot as Json;
  const out: Json = { ...rest };
  if (status !== 'active') out.status = status;
  if (isObject(historyValue) && Object.keys(historyValue).length > 0)
    out.historyValue = historyValue;
  if (isObject(children) && Object.keys(children).length > 0) out.children = children;
  if (!isObject(context)) {
    out.context = context;
    return out;
  }
  const draft = isObject(context.draft) ? context.draft : undefined;
  const c: Json = {};
  for (const key of Object.keys(context)) {
    const item = context[key];
    if (key === 'key' && item === base.key) continue;
    if (key === 'sessionId' && item === base.sessionId && item !== null) {
      c.sessionId = 0;
      continue;
    }
    if (key === 'sessionId' || key === 'draft' || key === 'index' || key === 'standing') {
      c[key] = item;
      continue;
    }
    if (
      (key === 'synced' || key === 'pending') &&
      draft &&
      item !== null &&
      sameJson(item, draft)
    ) {
      c[key] = 0;
      continue;
    }
    if (key === 'remote' && isObject(item)) {
      const delta = deltaFrom(item, draft) as Delta & { i?: 1; o?: 1 };
      if (delta.k && delta.k.id === context.lineId && context.lineId != null) {
        delete delta.k.id;
        delta.i = 1;
      }
      if (delta.k && delta.k.product_order_id === context.sessionId && context.sessionId != null) {
        delete delta.k.product_order_id;
        delta.o = 1;
      }
      if (delta.k && Object.keys(delta.k).length === 0) delete delta.k;
      c.remote = { $: delta };
      continue;
    }
    if (Object.hasOwn(USUAL, key) && sameJson(item, USUAL[key])) continue;
    c[key] = item;
  }
  out.c = c;
  return out;
}

/** A line's persisted snapshot from its stored form (throws on a record that does not fit). */
export function decodeLine(record: unknown, base: LineRecordBase): Json {
  if (!isObject(record)) throw new Error(`line ${base.key}: its record is not an object`);
  const { c, status, historyValue, children, ...rest } = record;
  if (!isObject(c))
    return {
      status: status ?? 'active',
      historyValue: historyValue ?? {},
      children: children ?? {},
      ...rest,
    };
  const context: Json = { key: base.key };
  for (const [key, usual] of Object.entries(USUAL))
    context[key] = Array.isArray(usual) ? [] : usual;
  for (const key of Object.keys(c)) context[key] = c[key];
  if (c.sessionId === 0) context.sessionId = base.sessionId;
  const draft = isObject(context.draft) ? context.draft : undefined;
  if (c.synced === 0) context.synced = draft;
  if (c.pending === 0) context.pending = draft;
  const remote = c.remote;
  if (isObject(remote) && isObject(remote.$)) {
    const delta = remote.$ as Delta & { i?: 1; o?: 1 };
    const line = fromDelta(delta, draft);
    if (delta.i === 1) line.id = context.lineId;
    if (delta.o === 1) line.product_order_id = context.sessionId;
    context.remote = line;
  }
  return {
    status: status ?? 'active',
    ...rest,
    historyValue: historyValue ?? {},
    context,
    children: children ?? {},
  };
}
