import { describe, expect, it } from 'vitest';
import { checkSession } from '../../src/rules/index.js';
import { completeLine, without } from './lines.js';

describe('checkSession: the lines of a session, together', () => {
  it('a session with no line is not ready', () => {
    const result = checkSession([]);
    expect(result.ready).toBe(false);
    expect(result.issues).toMatchObject([
      { path: 'lines', code: 'session_has_no_line', severity: 'error' },
    ]);
  });

  it('a session is ready when every line is', () => {
    const result = checkSession([
      completeLine({ external_id: 'A-1' }),
      completeLine({ external_id: 'A-2', product_offering_qualification_item_id: 'q-2' }),
    ]);
    expect(result.ready).toBe(true);
    expect(result.issues).toEqual([]);
    expect(result.lines.map((line) => [line.index, line.ready])).toEqual([
      [0, true],
      [1, true],
    ]);
  });

  it('one line not ready makes the session not ready, and keeps its issues on that line', () => {
    const result = checkSession([
      completeLine({ external_id: 'A-1' }),
      without(
        completeLine({ external_id: 'A-2', product_offering_qualification_item_id: 'q-2' }),
        'enni',
      ),
    ]);
    expect(result.ready).toBe(false);
    expect(result.issues).toEqual([]);
    expect(result.lines[0]?.issues).toEqual([]);
    expect(result.lines[1]?.issues).toMatchObject([{ path: 'enni' }]);
  });

  it('warnings alone do not stop the session', () => {
    const result = checkSession([completeLine({ offer_family: 'DIA' })]);
    expect(result.ready).toBe(true);
    expect(result.lines[0]?.issues).toMatchObject([{ code: 'enni_overridden_for_dia' }]);
  });

  it('two lines with the same external_id cannot be told apart: an error on the second', () => {
    const result = checkSession([
      completeLine({ external_id: 'A-1' }),
      completeLine({ external_id: ' A-1 ', product_offering_qualification_item_id: 'q-2' }),
    ]);
    expect(result.ready).toBe(false);
    expect(result.issues).toMatchObject([
      { path: 'lines[1].external_id', code: 'duplicate_external_id', severity: 'error' },
    ]);
  });

  it('the same eligibility item on two lines is a warning', () => {
    const result = checkSession([
      completeLine({ external_id: 'A-1' }),
      completeLine({ external_id: 'A-2' }),
    ]);
    expect(result.ready).toBe(true);
    expect(result.issues).toMatchObject([
      {
        path: 'lines[1].product_offering_qualification_item_id',
        code: 'duplicate_qualification_item',
        severity: 'warning',
      },
    ]);
  });

  it('options apply to every line (DIA offerings)', () => {
    const line = without(completeLine({ product_offering_id: '3301' }), 'enni');
    expect(checkSession([line]).ready).toBe(false);
    expect(checkSession([line], { diaOfferingIds: ['3301'] }).ready).toBe(true);
  });

  it.each([
    ['without external_id', {}],
    ['with an empty external_id', { external_id: '' }],
    ['with an external_id of spaces', { external_id: '  ' }],
  ])('lines %s are not duplicates of each other (external_id is optional)', (_case, fields) => {
    const result = checkSession([
      completeLine({ ...fields }),
      completeLine({ ...fields, product_offering_qualification_item_id: 'q-2' }),
      completeLine({ ...fields, product_offering_qualification_item_id: 'q-3' }),
    ]);
    expect(result.issues).toEqual([]);
    expect(result.ready).toBe(true);
  });

  it('a duplicate external_id names the line that has it first, in words', () => {
    const result = checkSession([
      completeLine({ external_id: 'B-7' }),
      completeLine({ external_id: 'A-1', product_offering_qualification_item_id: 'q-2' }),
      completeLine({ external_id: 'B-7 ', product_offering_qualification_item_id: 'q-3' }),
    ]);
    expect(result.issues).toEqual([
      {
        path: 'lines[2].external_id',
        code: 'duplicate_external_id',
        severity: 'error',
        message: 'external_id "B-7" is already used by lines[0]',
      },
    ]);
  });

  it('a repeated eligibility item (spaces around it ignored) names the first line, as a warning', () => {
    const result = checkSession([
      completeLine({ external_id: 'A-1', product_offering_qualification_item_id: 'q-1' }),
      completeLine({ external_id: 'A-2', product_offering_qualification_item_id: 'q-2' }),
      completeLine({ external_id: 'A-3', product_offering_qualification_item_id: ' q-2 ' }),
    ]);
    expect(result.issues).toEqual([
      {
        path: 'lines[2].product_offering_qualification_item_id',
        code: 'duplicate_qualification_item',
        severity: 'warning',
        message: 'the same eligibility item is already ordered by lines[1]',
      },
    ]);
    expect(result.ready).toBe(true);
  });

  it('a malformed line is reported on its own, never thrown; the others are still compared', () => {
    const result = checkSession([
      null,
      42,
      completeLine({ external_id: 'A-1' }),
      completeLine({ external_id: 'A-1', product_offering_qualification_item_id: 'q-2' }),
    ]);
    expect(result.ready).toBe(false);
    expect(result.lines.map((line) => line.issues.map((issue) => issue.code))).toEqual([
      ['not_an_object'],
      ['not_an_object'],
      [],
      [],
    ]);
    expect(result.issues.map((issue) => issue.path)).toEqual(['lines[3].external_id']);
  });

  it('a session with no line says so in words', () => {
    expect(checkSession([]).issues[0]?.message).toBe(
      'a session needs at least one line to be confirmed',
    );
  });

  it('a session of ready lines with a duplicate external_id is not ready (session errors count)', () => {
    const lines = [completeLine({ external_id: 'A-1' }), completeLine({ external_id: 'A-1' })];
    const result = checkSession(lines);
    expect(result.lines.every((line) => line.ready)).toBe(true);
    expect(result.ready).toBe(false);
  });
});
