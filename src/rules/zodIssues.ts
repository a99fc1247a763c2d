import type * as z from 'zod/mini';
import type { Issue, RuleCode } from './issue.js';
import { formatPath } from './path.js';

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = root;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    if (!Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (value === undefined) return 'nothing';
  return `a ${typeof value}`;
}

/** What zod calls a value's type in its messages (`array`, `null`, `NaN`, a class name, …). */
function typeName(value: unknown): string {
  if (typeof value === 'number') return Number.isFinite(value) ? 'number' : String(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') {
    const ctor = (value as { constructor?: { name: string } }).constructor;
    if (Object.getPrototypeOf(value) !== Object.prototype && ctor) return ctor.name;
  }
  return typeof value;
}

const UNITS: Readonly<Record<string, string>> = { string: 'characters', array: 'items' };
/** The formats this package's schemas use (`z.iso.date()`), as zod words them. */
const FORMATS: Readonly<Record<string, string>> = { date: 'ISO date' };

const show = (value: unknown) => (typeof value === 'string' ? `"${value}"` : String(value));

/** `>=1`, `<9007199254740991`, `exactly 3`, then the unit (`characters`) where there is one. */
function bound(
  issue: { origin?: string; inclusive?: boolean; exact?: boolean },
  limit: unknown,
  inclusive: string,
  exclusive: string,
): string {
  const adjective = issue.exact ? 'exactly ' : issue.inclusive ? inclusive : exclusive;
  const what = issue.origin;
  const unit = UNITS[String(what)];
  return unit
    ? `${what} to have ${adjective}${limit} ${unit}`
    : `${what} to be ${adjective}${limit}`;
}

/**
 * An English message for a zod issue, written here so that no zod locale is bundled (the
 * messages read as zod's English locale words them). Usable as a zod error map
 * (`schema.safeParse(value, { error: zodIssueMessage })`), where the issue still holds its
 * input, and on a parsed error's issues. A message a schema gives itself takes precedence in
 * an error map; `undefined` for an issue this package's schemas never raise.
 */
export function zodIssueMessage(issue: z.core.$ZodIssue | z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return 'input' in issue
        ? `Invalid input: expected ${issue.expected}, received ${typeName(issue.input)}`
        : `Invalid input: expected ${issue.expected}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `Invalid input: expected ${show(issue.values[0])}`
        : `Invalid option: expected one of ${issue.values.map(show).join('|')}`;
    case 'too_small':
      return `Too small: expected ${bound(issue, issue.minimum, '>=', '>')}`;
    case 'too_big':
      return `Too big: expected ${bound(issue, issue.maximum, '<=', '<')}`;
    case 'invalid_format':
      return issue.format === 'regex'
        ? `Invalid string: must match pattern ${issue.pattern}`
        : `Invalid ${FORMATS[issue.format] ?? issue.format}`;
    case 'unrecognized_keys':
      return `Unrecognized key${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.map(show).join(', ')}`;
  }
  // Anything else (a union none of whose options matched, among others): zod's "Invalid input".
  return undefined;
}

/**
 * Turns zod issues into this package's issues: one per problem, with a stable code, the property
 * path, and a message that says what was expected. `input` is the value that was parsed (after
 * alias normalization), used to tell a missing field from a wrongly typed one. Where zod's own
 * message is kept, it is the one the parse produced: parse with `{ error: zodIssueMessage }`
 * for English messages whatever zod locale is (or is not) loaded.
 */
export function issuesFromZod(
  error: { readonly issues: readonly z.core.$ZodIssue[] },
  input: unknown,
  prefix: PropertyKey[] = [],
): Issue[] {
  const out: Issue[] = [];
  for (const issue of error.issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({
          path: formatPath([...path, key]),
          code: 'unknown_field',
          severity: 'error',
          message: `unknown field "${key}"`,
        });
      }
      continue;
    }
    const value = valueAt(input, issue.path);
    let code: RuleCode;
    // "Invalid input" is zod's word when no error map gave a message (no locale loaded).
    let message =
      issue.message === 'Invalid input' ? (zodIssueMessage(issue) ?? issue.message) : issue.message;
    if (issue.code === 'custom' && typeof issue.params?.code === 'string') {
      code = issue.params.code as RuleCode;
    } else if (issue.code === 'invalid_type') {
      if (value === undefined && issue.path.length > 0) {
        code = 'required_at_creation';
        message = `${String(issue.path.at(-1))} is required to create a line`;
      } else if (issue.path.length === 0) {
        code = 'not_an_object';
        message = `expected ${issue.expected}, got ${describe(value)}`;
      } else {
        code = 'invalid_type';
        message = `expected ${issue.expected}, got ${describe(value)}`;
      }
    } else if (
      issue.code === 'too_small' &&
      typeof value === 'string' &&
      value.trim() === '' &&
      typeof issue.path.at(-1) === 'string'
    ) {
      code = 'required_at_creation';
      message = `${String(issue.path.at(-1))} is required to create a line and must not be empty`;
    } else if (issue.code === 'too_small' && typeof value === 'string' && value.trim() === '') {
      code = 'invalid_value';
      message = 'must not be empty';
    } else if (issue.code === 'invalid_format') {
      code = 'invalid_format';
    } else if (issue.code === 'invalid_union') {
      code = 'invalid_type';
      message = `unexpected ${describe(value)}`;
    } else {
      code = 'invalid_value';
    }
    out.push({ path: formatPath(path), code, severity: 'error', message });
  }
  return out;
}
