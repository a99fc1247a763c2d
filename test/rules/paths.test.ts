import { describe, expect, it } from 'vitest';
import { formatPath, issuesFromZod, joinPath } from '../../src/rules/index.js';
import { lineCreateObject } from '../../src/schemas/index.js';

describe('property paths, written as termination_error.property_path writes them', () => {
  it('formats indexes in brackets and names after dots', () => {
    expect(formatPath(['related_contact_information', 0, 'insee_code'])).toBe(
      'related_contact_information[0].insee_code',
    );
    expect(formatPath([])).toBe('');
    expect(formatPath([2, 'enni'])).toBe('[2].enni');
  });

  it('joins a prefix and a path', () => {
    expect(joinPath('lines[2]', 'enni')).toBe('lines[2].enni');
    expect(joinPath('lines', '[0].enni')).toBe('lines[0].enni');
    expect(joinPath('', 'enni')).toBe('enni');
    expect(joinPath('lines[2]', '')).toBe('lines[2]');
  });
});

describe('issuesFromZod', () => {
  it('turns each zod issue into an issue with a stable code and a path', () => {
    const input = {
      product_offering_id: '',
      option_ids: 'x',
      related_contact_information: [{ postcode: 76130, fax: '01' }],
    };
    const parsed = lineCreateObject.safeParse(input);
    if (parsed.success) throw new Error('expected a failure');
    const issues = issuesFromZod(parsed.error, input).map(({ path, code }) => ({ path, code }));
    expect(issues.sort((a, b) => a.path.localeCompare(b.path))).toEqual([
      { path: 'option_ids', code: 'invalid_type' },
      { path: 'product_offering_id', code: 'required_at_creation' },
      { path: 'product_offering_qualification_item_id', code: 'required_at_creation' },
      { path: 'related_contact_information[0].fax', code: 'unknown_field' },
      { path: 'related_contact_information[0].postcode', code: 'invalid_type' },
    ]);
  });

  it('prefixes paths', () => {
    const parsed = lineCreateObject.safeParse({});
    if (parsed.success) throw new Error('expected a failure');
    expect(issuesFromZod(parsed.error, {}, ['lines', 3])[0]?.path).toBe(
      'lines[3].product_offering_id',
    );
  });
});
