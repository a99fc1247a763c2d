/**
 * issuesFromZod: each kind of zod issue becomes one of this package's issues, with a stable code,
 * the property path, and the message a user reads (the sandbox's 400 details, the CLI).
 */
import { describe, expect, it } from 'vitest';
import type * as z from 'zod/mini';
import { issuesFromZod, zodIssueMessage } from '../../src/rules/index.js';

type ZodIssue = z.core.$ZodIssue;
/** One issue as zod finalizes it (loosely typed here: the table writes each kind by hand). */
const one = (issue: Record<string, unknown>, input: unknown, prefix?: PropertyKey[]) =>
  issuesFromZod(
    { issues: [{ path: [], message: 'Invalid input', ...issue } as unknown as ZodIssue] },
    input,
    prefix,
  );

describe('issuesFromZod, issue by issue', () => {
  it.each([
    [
      'a missing field',
      { code: 'invalid_type', expected: 'string', path: ['enni'] },
      {},
      { path: 'enni', code: 'required_at_creation', message: 'enni is required to create a line' },
    ],
    [
      'a missing field deep inside',
      {
        code: 'invalid_type',
        expected: 'string',
        path: ['related_contact_information', 0, 'city'],
      },
      { related_contact_information: [{}] },
      {
        path: 'related_contact_information[0].city',
        code: 'required_at_creation',
        message: 'city is required to create a line',
      },
    ],
    [
      'a field only inherited (toString) counts as missing',
      { code: 'invalid_type', expected: 'string', path: ['toString'] },
      {},
      {
        path: 'toString',
        code: 'required_at_creation',
        message: 'toString is required to create a line',
      },
    ],
    [
      'a number where a string is expected',
      { code: 'invalid_type', expected: 'string', path: ['enni'] },
      { enni: 12 },
      { path: 'enni', code: 'invalid_type', message: 'expected string, got a number' },
    ],
    [
      'null where a string is expected',
      { code: 'invalid_type', expected: 'string', path: ['enni'] },
      { enni: null },
      { path: 'enni', code: 'invalid_type', message: 'expected string, got null' },
    ],
    [
      'an array where a string is expected',
      { code: 'invalid_type', expected: 'string', path: ['enni'] },
      { enni: [] },
      { path: 'enni', code: 'invalid_type', message: 'expected string, got an array' },
    ],
    [
      'an object where an array is expected',
      { code: 'invalid_type', expected: 'array', path: ['option_ids'] },
      { option_ids: {} },
      { path: 'option_ids', code: 'invalid_type', message: 'expected array, got an object' },
    ],
    [
      'under a value that is not an object, the field counts as missing',
      { code: 'invalid_type', expected: 'string', path: ['a', 'b'] },
      { a: 'text' },
      { path: 'a.b', code: 'required_at_creation', message: 'b is required to create a line' },
    ],
    [
      'under null, the field counts as missing',
      { code: 'invalid_type', expected: 'string', path: ['a', 'b'] },
      { a: null },
      { path: 'a.b', code: 'required_at_creation', message: 'b is required to create a line' },
    ],
    [
      'no line at all',
      { code: 'invalid_type', expected: 'object', path: [] },
      undefined,
      { path: '', code: 'not_an_object', message: 'expected object, got nothing' },
    ],
    [
      'the whole line not an object',
      { code: 'invalid_type', expected: 'object', path: [] },
      'a line',
      { path: '', code: 'not_an_object', message: 'expected object, got a string' },
    ],
    [
      'a blank value at a field',
      {
        code: 'too_small',
        origin: 'string',
        minimum: 1,
        path: ['product_offering_id'],
        message: 'product_offering_id must not be empty',
      },
      { product_offering_id: '  ' },
      {
        path: 'product_offering_id',
        code: 'required_at_creation',
        message: 'product_offering_id is required to create a line and must not be empty',
      },
    ],
    [
      'a blank value in a list',
      { code: 'too_small', origin: 'string', minimum: 1, path: ['option_ids', 1] },
      { option_ids: ['7021', ' '] },
      { path: 'option_ids[1]', code: 'invalid_value', message: 'must not be empty' },
    ],
    [
      'a short value that is not blank keeps its message',
      { code: 'too_small', origin: 'string', minimum: 3, path: ['enni'], message: 'at least 3' },
      { enni: 'ab' },
      { path: 'enni', code: 'invalid_value', message: 'at least 3' },
    ],
    [
      'a number too small, with no message: worded here',
      {
        code: 'too_small',
        origin: 'number',
        minimum: 0,
        inclusive: true,
        path: ['vlan_reference'],
      },
      { vlan_reference: -1 },
      {
        path: 'vlan_reference',
        code: 'invalid_value',
        message: 'Too small: expected number to be >=0',
      },
    ],
    [
      "a bad format keeps the schema's message",
      {
        code: 'invalid_format',
        format: 'regex',
        path: ['vlan_reference'],
        message: 'expected a number or a string of digits',
      },
      { vlan_reference: 'x' },
      {
        path: 'vlan_reference',
        code: 'invalid_format',
        message: 'expected a number or a string of digits',
      },
    ],
    [
      'a bad date, with no message: worded here',
      { code: 'invalid_format', format: 'date', path: ['scheduled_delivery_date'] },
      { scheduled_delivery_date: '2025-02-30' },
      { path: 'scheduled_delivery_date', code: 'invalid_format', message: 'Invalid ISO date' },
    ],
    [
      'a bad format on a blank value stays a format issue',
      { code: 'invalid_format', format: 'date', path: ['scheduled_delivery_date'] },
      { scheduled_delivery_date: ' ' },
      { path: 'scheduled_delivery_date', code: 'invalid_format', message: 'Invalid ISO date' },
    ],
    [
      'a bad format on a blank value in a list stays a format issue',
      { code: 'invalid_format', format: 'date', path: ['dates', 0] },
      { dates: [' '] },
      { path: 'dates[0]', code: 'invalid_format', message: 'Invalid ISO date' },
    ],
    [
      'no option of a union matches',
      { code: 'invalid_union', errors: [], path: ['option_ids', 0] },
      { option_ids: [true] },
      { path: 'option_ids[0]', code: 'invalid_type', message: 'unexpected a boolean' },
    ],
    [
      'a custom check with its own code',
      {
        code: 'custom',
        params: { code: 'conflicting_alias' },
        path: ['enni_2'],
        message: 'two values',
      },
      {},
      { path: 'enni_2', code: 'conflicting_alias', message: 'two values' },
    ],
    [
      'a custom check without a code',
      { code: 'custom', path: ['lines', 0], message: 'a line is a JSON object' },
      {},
      { path: 'lines[0]', code: 'invalid_value', message: 'a line is a JSON object' },
    ],
    [
      'a custom check whose code is not a string',
      { code: 'custom', params: { code: 7 }, path: ['x'], message: 'odd' },
      {},
      { path: 'x', code: 'invalid_value', message: 'odd' },
    ],
  ])('%s', (_case, issue, input, expected) => {
    expect(one(issue, input)).toEqual([{ severity: 'error', ...expected }]);
  });

  it('unknown keys: one issue per key, each at its own path', () => {
    expect(
      one(
        {
          code: 'unrecognized_keys',
          keys: ['fax', 'colour'],
          path: ['related_contact_information', 0],
        },
        {},
      ),
    ).toEqual([
      {
        path: 'related_contact_information[0].fax',
        code: 'unknown_field',
        severity: 'error',
        message: 'unknown field "fax"',
      },
      {
        path: 'related_contact_information[0].colour',
        code: 'unknown_field',
        severity: 'error',
        message: 'unknown field "colour"',
      },
    ]);
  });

  it('a prefix goes before every path; values are still found in the input without it', () => {
    expect(
      one({ code: 'invalid_type', expected: 'string', path: ['enni'] }, { enni: 3 }, ['lines', 2]),
    ).toEqual([
      {
        path: 'lines[2].enni',
        code: 'invalid_type',
        severity: 'error',
        message: 'expected string, got a number',
      },
    ]);
    expect(
      one({ code: 'unrecognized_keys', keys: ['fax'], path: [] }, {}, ['lines', 2]),
    ).toMatchObject([{ path: 'lines[2].fax' }]);
  });

  it('every issue of an error is kept, in order', () => {
    const issues = issuesFromZod(
      {
        issues: [
          { code: 'invalid_type', expected: 'string', path: ['a'], message: '' } as ZodIssue,
          { code: 'invalid_type', expected: 'string', path: ['b'], message: '' } as ZodIssue,
        ],
      },
      {},
    );
    expect(issues.map((issue) => issue.path)).toEqual(['a', 'b']);
  });
});

describe('zodIssueMessage on an issue already parsed (its input dropped)', () => {
  it('a wrong type says what was expected', () => {
    expect(
      zodIssueMessage({
        code: 'invalid_type',
        expected: 'string',
        path: [],
        message: '',
      } as ZodIssue),
    ).toBe('Invalid input: expected string');
  });
});
