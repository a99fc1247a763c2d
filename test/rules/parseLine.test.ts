import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkConfirmation } from '../../src/rules/checkConfirmation.js';
import { type LineDraft, parseLine } from '../../src/rules/parseLine.js';
import { completeLine } from '../helpers/lines.js';
import { arbEditedLine } from './editedLines.js';

describe('parseLine: a draft read as a session reads it', () => {
  it('normalizes both spellings to the tables’ spelling', () => {
    const { line, issues } = parseLine({
      product_offering_id: '2173',
      product_offering_qualification_item_id: 'q-1',
      enni2: 'AZ2',
      cpe_network_number: 'NET-1',
      vlan_reference: '1257',
      option_ids: [7021],
    });
    expect(issues).toEqual([]);
    expect(line).toEqual({
      product_offering_id: '2173',
      product_offering_qualification_item_id: 'q-1',
      enni_2: 'AZ2',
      cpe_networking_number: 'NET-1',
      vlan_reference: 1257,
      option_ids: ['7021'],
    });
  });

  it('a DIA line keeps its enni (the session warns that it is not sent)', () => {
    const draft: LineDraft = { ...completeLine(), offer_family: 'DIA', enni: 'AZ9' };
    expect(parseLine(draft).line?.enni).toBe('AZ9');
    // checkConfirmation's line is the body to send: without it.
    expect(checkConfirmation(draft).line).not.toHaveProperty('enni');
  });

  it('a line missing what creation needs, or with a wrong type, has no line and says where', () => {
    const { line, issues } = parseLine({
      product_offering_id: '',
      vlan_reference: 'twelve',
    } as LineDraft);
    expect(line).toBeNull();
    expect(issues.map((issue) => [issue.path, issue.code])).toEqual(
      expect.arrayContaining([
        ['product_offering_id', 'required_at_creation'],
        ['product_offering_qualification_item_id', 'required_at_creation'],
        ['vlan_reference', expect.any(String)],
      ]),
    );
  });

  it('two spellings of one field with different values are refused', () => {
    const { line, issues } = parseLine({ ...completeLine(), enni2: 'A', enni_2: 'B' });
    expect(line).toBeNull();
    expect(issues.some((issue) => issue.path.includes('enni_2'))).toBe(true);
  });

  it('never throws, and gives a line exactly when it gives no issue', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const { line, issues } = parseLine(value as LineDraft);
        expect(line === null).toBe(issues.length > 0);
      }),
    );
  });

  it('a line it gave, read again, is given back as it is (parsing it again would change nothing)', () => {
    fc.assert(
      fc.property(arbEditedLine, (draft) => {
        const first = parseLine(draft as LineDraft);
        if (!first.line) return;
        const again = parseLine(first.line);
        expect(again.line).toBe(first.line);
        expect(again.issues).toEqual([]);
        // Given back as it is once; a third reading parses it, to the same line.
        expect(parseLine(first.line).line).toEqual(first.line);
        // What the parse itself gives for it: the same line.
        expect(parseLine(structuredClone(first.line)).line).toEqual(first.line);
      }),
    );
  });
});
