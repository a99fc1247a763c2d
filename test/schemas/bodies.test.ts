/**
 * The schemas, on the values at their edges: ids made of spaces, option ids as numbers, error
 * bodies in their three shapes, export answers, order files.
 */
import { describe, expect, it } from 'vitest';
import {
  apiErrorBodySchema,
  describeErrorBody,
  exportStatusSchema,
  exportTaskSchema,
  lineCreateSchema,
  lineSchema,
  lineUpdateSchema,
  optionIdsSchema,
  orderFileSchema,
  sandboxErrorBodySchema,
  sessionCreateSchema,
  sessionSchema,
  sessionWithItemsSchema,
  vlanReferenceSchema,
} from '../../src/schemas/index.js';

const ids = { product_offering_id: '2173', product_offering_qualification_item_id: 'q-1' };
const answered = { ...ids, id: 'l-1', state: 'created' };
const session = {
  id: 's-1',
  creation_date: '2025-04-10T12:11:57Z',
  order_date: null,
  state: 'created',
};

const paths = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.error?.issues.map((issue) => issue.path.join('.')) ?? [];

describe('creating a line: the two ids required at creation', () => {
  it.each([
    ['product_offering_id', ''],
    ['product_offering_id', '   '],
    ['product_offering_qualification_item_id', ' \t '],
  ])('%s made of spaces (%j) is refused', (field, value) => {
    const result = lineCreateSchema.safeParse({ ...ids, [field]: value });
    expect(paths(result)).toEqual([field]);
    expect(result.error?.issues[0]?.message).toBe(`${field} must not be empty`);
  });

  it('ids are read without the spaces around them', () => {
    expect(
      lineCreateSchema.parse({
        product_offering_id: ' 2173 ',
        product_offering_qualification_item_id: ' q-1',
      }),
    ).toEqual(ids);
  });

  it('an update may leave both ids out, but not blank them', () => {
    expect(lineUpdateSchema.parse({})).toEqual({});
    const blank = lineUpdateSchema.safeParse({
      product_offering_id: ' ',
      product_offering_qualification_item_id: '',
    });
    expect(blank.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['product_offering_id', 'product_offering_id must not be empty'],
      [
        'product_offering_qualification_item_id',
        'product_offering_qualification_item_id must not be empty',
      ],
    ]);
  });

  it('an error body is one of the three shapes', () => {
    for (const body of [{ error: { code: 'c', message: 'm' } }, { detail: 'd' }, { enni: ['e'] }])
      expect(apiErrorBodySchema.safeParse(body).success).toBe(true);
    expect(apiErrorBodySchema.safeParse({ enni: 3 }).success).toBe(false);
  });

  it('an error detail names its path, code and message', () => {
    expect(
      sandboxErrorBodySchema.safeParse({ error: { code: 'x', message: 'm', details: [{}] } })
        .success,
    ).toBe(false);
  });

  it('a line answered without its ids or its id is refused', () => {
    expect(paths(lineSchema.safeParse({ ...answered, id: '' }))).toEqual(['id']);
    expect(paths(lineSchema.safeParse({ id: 'l-1', state: 'created' })).sort()).toEqual([
      'product_offering_id',
      'product_offering_qualification_item_id',
    ]);
  });
});

describe('option_ids: strings, or non-negative integers read as strings', () => {
  it.each([
    [
      ['7021', ' 2210 ', 1615, 0],
      ['7021', '2210', '1615', '0'],
    ],
    [[], []],
  ])('%j reads as %j', (input, output) => {
    expect(optionIdsSchema.parse(input)).toEqual(output);
  });

  it.each([[['']], [['  ']], [[-1]], [[1.5]], [[true]], [[null]], ['7021']])(
    '%j is refused',
    (input) => {
      expect(optionIdsSchema.safeParse(input).success).toBe(false);
    },
  );
});

describe('vlan_reference: a number, or a string of digits; "" reads as absent', () => {
  it.each([
    [1257, 1257],
    [0, 0],
    ['1257', 1257],
    [' 1257 ', 1257],
    ['', undefined],
  ])('%j reads as %j', (input, output) => {
    expect(vlanReferenceSchema.parse(input)).toBe(output);
  });

  it.each([[-1], [1.5], ['12a'], [' '], ['1234567890'], [null], [true]])(
    '%j is refused',
    (input) => {
      expect(vlanReferenceSchema.safeParse(input).success).toBe(false);
    },
  );
});

describe('sessions', () => {
  it('a session is created with nothing, or its two optional ids; nothing else', () => {
    expect(sessionCreateSchema.parse({})).toEqual({});
    expect(sessionCreateSchema.parse({ external_id: 'A', project_id: '' })).toEqual({
      external_id: 'A',
      project_id: '',
    });
    expect(sessionCreateSchema.safeParse({ name: 'x' }).error?.issues).toMatchObject([
      { code: 'unrecognized_keys', keys: ['name'] },
    ]);
  });

  it('a session answered with an empty id, or no order_date key, is refused', () => {
    expect(sessionSchema.parse(session)).toEqual(session);
    expect(paths(sessionSchema.safeParse({ ...session, id: '' }))).toEqual(['id']);
    const { order_date: _left, ...withoutOrderDate } = session;
    expect(paths(sessionSchema.safeParse(withoutOrderDate))).toEqual(['order_date']);
  });

  it('a session with its lines needs an id and the list; its state may be left out', () => {
    expect(sessionWithItemsSchema.parse({ id: 's-1', product_order_item: [] })).toEqual({
      id: 's-1',
      product_order_item: [],
    });
    expect(paths(sessionWithItemsSchema.safeParse({ id: '', product_order_item: [] }))).toEqual([
      'id',
    ]);
    expect(
      paths(sessionWithItemsSchema.safeParse({ id: 's-1', product_order_item: [{}] })).sort(),
    ).toEqual([
      'product_order_item.0.id',
      'product_order_item.0.product_offering_id',
      'product_order_item.0.product_offering_qualification_item_id',
      'product_order_item.0.state',
    ]);
  });
});

describe('the CSV export answers', () => {
  it('a task has a non-empty task_id', () => {
    expect(exportTaskSchema.parse({ task_id: 't-1' })).toEqual({ task_id: 't-1' });
    expect(exportTaskSchema.safeParse({ task_id: '' }).success).toBe(false);
  });

  it('a status says success null (running), true or false; the dates may be null or absent', () => {
    for (const success of [null, true, false])
      expect(exportStatusSchema.parse({ task_id: 't-1', success })).toEqual({
        task_id: 't-1',
        success,
      });
    expect(
      exportStatusSchema.parse({
        task_id: 't-1',
        success: true,
        started: null,
        stopped: '2025-01-01',
      }),
    ).toMatchObject({ started: null, stopped: '2025-01-01' });
    expect(paths(exportStatusSchema.safeParse({ task_id: 't-1' }))).toEqual(['success']);
    expect(paths(exportStatusSchema.safeParse({ task_id: '', success: null }))).toEqual([
      'task_id',
    ]);
  });
});

describe('error bodies: one line, whatever their shape', () => {
  it.each([
    [
      { error: { code: 'invalid_body', message: 'the body does not match the API' } },
      'the body does not match the API',
    ],
    [
      {
        error: { code: 'x', message: 'bad', details: [{ path: 'enni', code: 'c', message: 'm' }] },
      },
      'bad',
    ],
    [
      { detail: 'Authentication credentials were not provided.' },
      'Authentication credentials were not provided.',
    ],
    [{ enni: ['This field is required.'] }, 'enni: This field is required.'],
    [
      { enni: ['Too long.', 'Not allowed.'], note: 'Too long.' },
      'enni: Too long. Not allowed.; note: Too long.',
    ],
    [{ error: ['This field is required.'] }, 'error: This field is required.'],
    [{ error: 'Not allowed.' }, 'error: Not allowed.'],
    [{ detail: ['Too long.'] }, 'detail: Too long.'],
  ])('%j reads "%s"', (body, summary) => {
    expect(describeErrorBody(body)).toBe(summary);
  });

  it.each([
    [{}],
    [null],
    ['text'],
    [42],
    [{ enni: 3 }],
    [{ error: 'x', detail: 4 }],
    [{ error: { code: 'x', message: 5 } }],
    [{ error: { message: 'no code' } }],
  ])('%j has no summary', (body) => {
    expect(describeErrorBody(body)).toBeUndefined();
  });
});

describe('order files', () => {
  it('the session may be left out: it reads as {}', () => {
    expect(orderFileSchema.parse({ lines: [] })).toEqual({ session: {}, lines: [] });
  });

  it('a line that is not an object is refused, saying so', () => {
    const result = orderFileSchema.safeParse({ lines: [{}, [], 'x', null] });
    expect(paths(result)).toEqual(['lines.1', 'lines.2', 'lines.3']);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([
      'a line is a JSON object',
      'a line is a JSON object',
      'a line is a JSON object',
    ]);
  });
});
