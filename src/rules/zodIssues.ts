import type { z } from 'zod';
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
  return `a ${typeof value}`;
}

/**
 * Turns zod issues into this package's issues: one per problem, with a stable code, the property
 * path, and a message that says what was expected. `input` is the value that was parsed (after
 * alias normalization), used to tell a missing field from a wrongly typed one.
 */
export function issuesFromZod(
  error: z.ZodError,
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
    let message = issue.message;
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
