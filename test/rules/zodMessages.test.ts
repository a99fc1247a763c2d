/**
 * The messages a user reads for a body the schemas refuse. The schemas are zod/mini, which loads
 * no locale: the words come from src/rules/zodIssues.ts. This file imports no classic `zod`, so
 * no locale is configured while it runs (checked below): a message that needed one would read
 * "Invalid input".
 */
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { checkConfirmation, issuesFromZod, zodIssueMessage } from '../../src/rules/index.js';
import {
  exportStatusSchema,
  lineCreateObject,
  lineObject,
  sessionSchema,
} from '../../src/schemas/index.js';
import { completeLine } from './lines.js';

const issueAt = (line: unknown, path: string) =>
  checkConfirmation(line).issues.find((issue) => issue.path === path);

describe('messages with no zod locale loaded', () => {
  it('runs with no zod locale configured', () => {
    expect(z.config().localeError).toBeUndefined();
  });

  it.each([
    [
      'a negative option id (neither a string nor a non-negative integer)',
      { option_ids: ['2210', -1] },
      'option_ids[1]',
      'invalid_type',
      'unexpected a number',
    ],
    [
      'a vlan_reference past the safe integers',
      { vlan_reference: 2 ** 60 },
      'vlan_reference',
      'invalid_value',
      'Too big: expected int to be <=9007199254740991',
    ],
    [
      'a negative vlan_reference',
      { vlan_reference: -3 },
      'vlan_reference',
      'invalid_value',
      'Too small: expected number to be >=0',
    ],
    [
      'a vlan_reference that is not digits',
      { vlan_reference: '12a' },
      'vlan_reference',
      'invalid_format',
      'expected a number or a string of digits',
    ],
    [
      'a delivery date that is not a calendar day',
      { scheduled_delivery_date: '2025-02-30' },
      'scheduled_delivery_date',
      'invalid_format',
      'Invalid ISO date',
    ],
    [
      'an option id of a wrong type',
      { option_ids: [true] },
      'option_ids[0]',
      'invalid_type',
      'unexpected a boolean',
    ],
    [
      'a blank option id',
      { option_ids: ['  '] },
      'option_ids[0]',
      'invalid_value',
      'must not be empty',
    ],
    [
      'a blank product_offering_id',
      { product_offering_id: ' ' },
      'product_offering_id',
      'required_at_creation',
      'product_offering_id is required to create a line and must not be empty',
    ],
    [
      'a number for a text field',
      { enni: 12 },
      'enni',
      'invalid_type',
      'expected string, got a number',
    ],
    ['an unknown field', { fax: '01' }, 'fax', 'unknown_field', 'unknown field "fax"'],
  ])('%s', (_case, changes, path, code, message) => {
    expect(issueAt(completeLine(changes), path)).toMatchObject({ code, message });
  });

  it('a product_offering_id that is an array is a wrong type, then "must not be empty" as zod reports it', () => {
    const issues = checkConfirmation(completeLine({ product_offering_id: [] })).issues.filter(
      (issue) => issue.path === 'product_offering_id',
    );
    expect(issues.map(({ code, message }) => ({ code, message }))).toEqual([
      { code: 'invalid_type', message: 'expected string, got an array' },
      { code: 'invalid_value', message: 'product_offering_id must not be empty' },
    ]);
  });

  it('issuesFromZod words an issue parsed without the error map', () => {
    const input = completeLine({ vlan_reference: -1, scheduled_delivery_date: '2025-13-01' });
    const parsed = lineCreateObject.safeParse(input);
    if (parsed.success) throw new Error('expected a failure');
    expect(parsed.error.issues.map((issue) => issue.message)).toEqual([
      'Invalid input',
      'Invalid input',
    ]);
    expect(issuesFromZod(parsed.error, input).map((issue) => issue.message)).toEqual([
      'Too small: expected number to be >=0',
      'Invalid ISO date',
    ]);
  });
});

describe('zodIssueMessage as an error map, for the answers the client reads', () => {
  const messages = (schema: z.ZodMiniType, value: unknown) => {
    const parsed = schema.safeParse(value, { error: zodIssueMessage });
    return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
  };

  it.each([
    [
      'a missing field',
      sessionSchema,
      { id: 's1', creation_date: 'x', order_date: null },
      'Invalid option: expected one of "created"|"in_progress"|"completed"|"partial"|"rejected"',
    ],
    [
      'an empty id',
      sessionSchema,
      { id: '', creation_date: 'x', order_date: null, state: 'created' },
      'Too small: expected string to have >=1 characters',
    ],
    [
      'a wrong type, with what was received',
      exportStatusSchema,
      { task_id: 't', success: 'yes' },
      'Invalid input: expected boolean, received string',
    ],
    [
      'NaN where a number is expected',
      lineObject,
      {
        product_offering_id: 'p',
        product_offering_qualification_item_id: 'q',
        id: 'l',
        state: 'created',
        vlan_reference: Number.NaN,
      },
      'Invalid input',
    ],
    [
      'an unknown state',
      lineObject,
      {
        product_offering_id: 'p',
        product_offering_qualification_item_id: 'q',
        id: 'l',
        state: 'done',
      },
      'Invalid option: expected one of "created"|"in_progress"|"acknowledged"|"held_adv_validation"|"rejected_creation"|"technical_error"',
    ],
  ])('%s', (_case, schema, value, message) => {
    expect(messages(schema, value)).toEqual([message]);
  });

  it("words every kind of issue this package's schemas raise as zod's English locale does", () => {
    // The locale is called directly here, never configured: the messages above stay ours.
    const english = z.locales.en().localeError;
    const cases: [z.ZodMiniType, unknown][] = [
      [z.number(), Number.NaN],
      [z.number(), Number.POSITIVE_INFINITY],
      [z.string(), null],
      [z.string(), []],
      [z.string(), new Date(0)],
      [z.string(), Object.create(null)],
      [z.string(), {}],
      [z.string(), new (class Order {})()],
      [z.boolean(), 'yes'],
      [z.number().check(z.int()), 1.5],
      [z.literal('a'), 'b'],
      [z.literal(3), 4],
      [z.enum(['a', 'b']), 'c'],
      [z.number().check(z.gt(0)), 0],
      [z.number().check(z.nonnegative()), -1],
      [z.number().check(z.lt(0)), 0],
      [z.number().check(z.lte(1)), 2],
      [z.number().check(z.int()), 2 ** 60],
      [z.string().check(z.length(2)), 'abc'],
      [z.string().check(z.minLength(1)), ''],
      [z.array(z.string()).check(z.minLength(2)), ['a']],
      [z.array(z.string()).check(z.maxLength(1)), ['a', 'b']],
      [z.string().check(z.regex(/^a$/)), 'b'],
      [z.iso.date(), '2025-02-30'],
      [z.strictObject({}), { a: 1 }],
      [z.strictObject({}), { a: 1, b: 2 }],
      [z.union([z.string(), z.number()]), true],
    ];
    for (const [schema, value] of cases) {
      const ours = schema.safeParse(value, { error: zodIssueMessage });
      const theirs = schema.safeParse(value, { error: (issue) => english?.(issue) });
      expect(ours.success).toBe(false);
      expect(ours.error?.issues.map((issue) => issue.message)).toEqual(
        theirs.error?.issues.map((issue) => issue.message),
      );
    }
  });

  it('an issue none of these schemas raise keeps zod\'s fallback, "Invalid input"', () => {
    expect(messages(z.number().check(z.multipleOf(2)), 3)).toEqual(['Invalid input']);
  });
});
