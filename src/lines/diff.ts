import type { LineCreate, LineUpdate } from '../schemas/line.js';

type Body = Record<string, unknown>;

/** The value that clears a field in a PATCH, by the field's type in the doc. */
function clearedValue(field: string, previous: unknown): unknown {
  if (Array.isArray(previous)) return [];
  if (typeof previous === 'boolean') return false;
  if (field === 'vlan_reference') return '';
  return '';
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The fields of `next` that differ from `previous`: what a PATCH must send so the API holds
 * `next`. A field present before and absent now is sent cleared (`""`, `[]` or `false`).
 * Arrays (options, contacts) are sent whole when anything in them changed.
 */
export function changedFields(previous: LineCreate | Body, next: LineCreate | Body): LineUpdate {
  const out: Body = {};
  const before = previous as Body;
  const after = next as Body;
  for (const [field, value] of Object.entries(after)) {
    if (value === undefined) continue;
    if (!sameValue(before[field], value)) out[field] = value;
  }
  for (const [field, value] of Object.entries(before)) {
    if (value !== undefined && after[field] === undefined) out[field] = clearedValue(field, value);
  }
  return out as LineUpdate;
}

/** True when the two bodies hold the same content (field order ignored). */
export function sameContent(a: LineCreate | Body, b: LineCreate | Body): boolean {
  return Object.keys(changedFields(a, b)).length === 0;
}

/**
 * Applies an update to a line body. A field set to `undefined` or `null` is removed. Returns a
 * new object.
 */
export function applyChanges(line: LineCreate, changes: Record<string, unknown>): LineCreate {
  const out: Body = { ...line };
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined || value === null) delete out[field];
    else out[field] = value;
  }
  return out as LineCreate;
}
