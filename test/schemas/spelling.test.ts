import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EXAMPLE_SPELLING,
  lineCreateSchema,
  lineSchema,
  lineUpdateSchema,
  readAliases,
  resolveSpelling,
  TABLE_SPELLING,
  toWireSpelling,
} from '../../src/schemas/index.js';

const base = { product_offering_id: '2173', product_offering_qualification_item_id: 'q-1' };

describe('reading: both spellings of the doc are accepted', () => {
  it.each([
    ['enni_2', 'enni2'],
    ['cpe_networking_number', 'cpe_network_number'],
  ])("%s is read under either spelling, and kept under the tables' one", (canonical, alias) => {
    for (const key of [canonical, alias]) {
      const line = lineCreateSchema.parse({ ...base, [key]: 'X-1' }) as Record<string, unknown>;
      expect(line[canonical]).toBe('X-1');
      expect(line).not.toHaveProperty(alias);
    }
  });

  it('vlan_reference is read as a number, from a number or a string of digits', () => {
    expect(lineCreateSchema.parse({ ...base, vlan_reference: 1257 }).vlan_reference).toBe(1257);
    expect(lineCreateSchema.parse({ ...base, vlan_reference: '1257' }).vlan_reference).toBe(1257);
    expect(lineCreateSchema.parse({ ...base, vlan_reference: '' }).vlan_reference).toBeUndefined();
    expect(lineCreateSchema.safeParse({ ...base, vlan_reference: '12a' }).success).toBe(false);
    expect(lineCreateSchema.safeParse({ ...base, vlan_reference: 1.5 }).success).toBe(false);
  });

  it('the update and response schemas read both spellings too', () => {
    expect(lineUpdateSchema.parse({ enni2: 'E2' }).enni_2).toBe('E2');
    const answered = lineSchema.parse({
      ...base,
      id: 'line-1',
      state: 'created',
      cpe_network_number: 'NET-1',
      vlan_reference: '42',
    });
    expect(answered.cpe_networking_number).toBe('NET-1');
    expect(answered.vlan_reference).toBe(42);
  });

  it('two different values under both spellings are refused, at the canonical path', () => {
    const result = lineCreateSchema.safeParse({ ...base, enni_2: 'A', enni2: 'B' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path)).toContainEqual(['enni_2']);
  });

  it('readAliases never modifies its input and returns non-objects unchanged', () => {
    const input = { enni2: 'E2', note: 'n' };
    const read = readAliases(input);
    expect(read.value).toEqual({ enni_2: 'E2', note: 'n' });
    expect(input).toEqual({ enni2: 'E2', note: 'n' });
    expect(readAliases([1]).value).toEqual([1]);
    expect(readAliases(null).value).toBeNull();
  });
});

describe('sending: one spelling, chosen by an option', () => {
  const canonical = {
    enni: 'E1',
    enni_2: 'E2',
    cpe_networking_number: 'NET-1',
    vlan_reference: 1257,
    note: '',
  };

  it("the default is the tables' spelling", () => {
    expect(toWireSpelling(canonical)).toEqual(canonical);
    expect(resolveSpelling(undefined)).toEqual(TABLE_SPELLING);
    expect(resolveSpelling('tables')).toEqual(TABLE_SPELLING);
  });

  it("'examples' sends the examples' spelling", () => {
    expect(toWireSpelling(canonical, resolveSpelling('examples'))).toEqual({
      enni: 'E1',
      enni2: 'E2',
      cpe_network_number: 'NET-1',
      vlan_reference: '1257',
      note: '',
    });
    expect(resolveSpelling('examples')).toEqual(EXAMPLE_SPELLING);
  });

  it('each choice can be made on its own', () => {
    const spelling = resolveSpelling({ vlanReference: 'string' });
    expect(toWireSpelling(canonical, spelling)).toEqual({ ...canonical, vlan_reference: '1257' });
  });

  it('absent fields stay absent', () => {
    expect(toWireSpelling({ note: 'n' }, EXAMPLE_SPELLING)).toEqual({ note: 'n' });
  });

  it('whatever spelling is sent, reading it back gives the same line', () => {
    const spellings = fc.record({
      enni2: fc.constantFrom('enni_2' as const, 'enni2' as const),
      cpeNetworkingNumber: fc.constantFrom(
        'cpe_networking_number' as const,
        'cpe_network_number' as const,
      ),
      vlanReference: fc.constantFrom('number' as const, 'string' as const),
    });
    const lines = fc.record(
      {
        enni_2: fc.string(),
        cpe_networking_number: fc.string(),
        vlan_reference: fc.integer({ min: 0, max: 4094 }),
        note: fc.string(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(lines, spellings, (line, spelling) => {
        const sent = toWireSpelling({ ...base, ...line }, spelling);
        expect(lineCreateSchema.parse(sent)).toEqual({ ...base, ...line });
      }),
    );
  });
});
