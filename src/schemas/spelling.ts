/**
 * The ONE place that knows the order-taking doc's spelling inconsistencies.
 *
 * - `enni_2` (tables) vs `enni2` (examples)
 * - `cpe_networking_number` (tables) vs `cpe_network_number` (examples)
 * - `vlan_reference`: a number in the tables, a string (`"1257"`) in some examples
 *
 * What is read accepts both spellings and is normalized to the tables' spelling (the canonical
 * form used everywhere inside this package). What is sent uses one spelling, chosen by a
 * {@link FieldSpelling} option.
 */
import * as z from 'zod/mini';

/** Canonical name → the other spelling found in the doc. */
export const FIELD_ALIASES = {
  enni_2: 'enni2',
  cpe_networking_number: 'cpe_network_number',
} as const;

export type AliasedField = keyof typeof FIELD_ALIASES;

export interface FieldSpelling {
  /** Key used to send the secondary ENNI. Default `enni_2` (the doc's tables). */
  enni2: 'enni_2' | 'enni2';
  /** Key used to send the CPE networking number. Default `cpe_networking_number` (tables). */
  cpeNetworkingNumber: 'cpe_networking_number' | 'cpe_network_number';
  /** Type used to send `vlan_reference`. Default `number` (tables). */
  vlanReference: 'number' | 'string';
}

/** The doc's tables: the default. */
export const TABLE_SPELLING: FieldSpelling = {
  enni2: 'enni_2',
  cpeNetworkingNumber: 'cpe_networking_number',
  vlanReference: 'number',
};

/** The doc's JSON examples. */
export const EXAMPLE_SPELLING: FieldSpelling = {
  enni2: 'enni2',
  cpeNetworkingNumber: 'cpe_network_number',
  vlanReference: 'string',
};

export type FieldSpellingOption = 'tables' | 'examples' | Partial<FieldSpelling>;

export function resolveSpelling(option: FieldSpellingOption | undefined): FieldSpelling {
  if (option === undefined || option === 'tables') return TABLE_SPELLING;
  if (option === 'examples') return EXAMPLE_SPELLING;
  return { ...TABLE_SPELLING, ...option };
}

/**
 * `vlan_reference` as read: a non-negative integer, or a string of digits; an empty string (as
 * the doc's responses use for "not set") reads as absent. Always a number once read.
 */
export const vlanReferenceSchema = z.pipe(
  z.union([
    z.number().check(z.int(), z.nonnegative()),
    z.string().check(z.regex(/^\s*\d{1,9}\s*$/, 'expected a number or a string of digits')),
    z.literal(''),
  ]),
  z.transform((value) => (value === '' ? undefined : Number(value))),
);

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface AliasConflict {
  field: AliasedField;
  alias: string;
}

const ALIAS_KEYS = Object.values(FIELD_ALIASES);

/**
 * Reads both spellings into the canonical key. Never mutates the input: returns it as it is when
 * it holds no alias, else a new object. A value under both spellings that differs is reported as
 * a conflict, and only the canonical key is kept (the conflict is an error: such a line is never
 * sent). Non-objects are returned unchanged, for the schema to reject.
 */
export function readAliases(value: unknown): { value: unknown; conflicts: AliasConflict[] } {
  if (!isPlainRecord(value)) return { value, conflicts: [] };
  if (!ALIAS_KEYS.some((alias) => Object.hasOwn(value, alias))) return { value, conflicts: [] };
  const conflicts: AliasConflict[] = [];
  const entries: [string, unknown][] = [];
  const skip = new Set<string>();
  for (const [canonical, alias] of Object.entries(FIELD_ALIASES) as [AliasedField, string][]) {
    const hasCanonical = Object.hasOwn(value, canonical);
    const hasAlias = Object.hasOwn(value, alias);
    if (hasCanonical && hasAlias) {
      if (!Object.is(value[canonical], value[alias])) conflicts.push({ field: canonical, alias });
      skip.add(alias);
    } else if (hasAlias) {
      skip.add(alias);
      entries.push([canonical, value[alias]]);
    }
  }
  for (const [key, item] of Object.entries(value)) {
    if (!skip.has(key)) entries.push([key, item]);
  }
  // Object.fromEntries defines own properties, so a `__proto__` key stays a plain key.
  return { value: Object.fromEntries(entries), conflicts };
}

/**
 * A zod transform step, put before an object schema in a pipe: reads aliases and reports
 * conflicting values with their path (a conflict stops the pipe: the object is not parsed).
 */
export function aliasPreprocess(value: unknown, payload: z.core.ParsePayload): unknown {
  const result = readAliases(value);
  for (const conflict of result.conflicts) {
    payload.issues.push({
      code: 'custom',
      path: [conflict.field],
      message: `"${conflict.field}" and "${conflict.alias}" are the same field and have different values`,
      params: { code: 'conflicting_alias' },
      input: value,
    });
  }
  return result.value;
}

/**
 * Converts a canonical line body (tables' spelling) to the spelling chosen for sending.
 * Returns a new object; keys absent from the input stay absent.
 */
export function toWireSpelling<T extends Record<string, unknown>>(
  line: T,
  spelling: FieldSpelling = TABLE_SPELLING,
): Record<string, unknown> {
  const entries: [string, unknown][] = [];
  for (const [key, value] of Object.entries(line)) {
    if (key === 'enni_2') entries.push([spelling.enni2, value]);
    else if (key === 'cpe_networking_number') entries.push([spelling.cpeNetworkingNumber, value]);
    else if (key === 'vlan_reference' && typeof value === 'number')
      entries.push([key, spelling.vlanReference === 'string' ? String(value) : value]);
    else entries.push([key, value]);
  }
  return Object.fromEntries(entries);
}
