/**
 * The doc's two spellings at their edges, and the state lists the lifecycles are read with.
 */
import { describe, expect, it } from 'vitest';
import {
  EXAMPLE_SPELLING,
  FINAL_SESSION_STATES,
  LINE_STATES,
  lineCreateSchema,
  NO_ORDER_LINE_STATES,
  ORDER_CREATED_LINE_STATES,
  readAliases,
  resolveSpelling,
  SESSION_STATES,
  stateChangeSchema,
  TABLE_SPELLING,
  toWireSpelling,
} from '../../src/schemas/index.js';

describe('choosing a spelling', () => {
  it("the tables' spelling is the default, given as itself", () => {
    expect(TABLE_SPELLING).toEqual({
      enni2: 'enni_2',
      cpeNetworkingNumber: 'cpe_networking_number',
      vlanReference: 'number',
    });
    expect(resolveSpelling(undefined)).toBe(TABLE_SPELLING);
    expect(resolveSpelling('tables')).toBe(TABLE_SPELLING);
    expect(resolveSpelling('examples')).toBe(EXAMPLE_SPELLING);
  });
});

describe('reading aliases', () => {
  it('a body with no alias is returned as it is, the same object', () => {
    const body = { enni_2: 'AZ2', vlan_reference: 3 };
    expect(readAliases(body).value).toBe(body);
  });

  it('an alias read alone adds only its canonical key', () => {
    expect(readAliases({ enni2: 'AZ2', note: 'n' }).value).toEqual({ enni_2: 'AZ2', note: 'n' });
    expect(Object.keys(readAliases({ enni2: 'AZ2' }).value as object)).toEqual(['enni_2']);
  });

  it('a conflict is reported with its message and code, and stops the parse', () => {
    const result = lineCreateSchema.safeParse({
      product_offering_id: '2173',
      product_offering_qualification_item_id: 'q-1',
      cpe_networking_number: 'NET-1',
      cpe_network_number: 'NET-2',
      colour: 'blue',
    });
    expect(result.error?.issues).toEqual([
      {
        code: 'custom',
        path: ['cpe_networking_number'],
        message:
          '"cpe_networking_number" and "cpe_network_number" are the same field and have different values',
        params: { code: 'conflicting_alias' },
      },
    ]);
  });
});

describe('sending in a spelling', () => {
  it('only vlan_reference changes type, and only when it is a number', () => {
    expect(
      toWireSpelling(
        { vlan_reference: 12, other: 7, option_ids: ['7021', '2210'] },
        EXAMPLE_SPELLING,
      ),
    ).toEqual({ vlan_reference: '12', other: 7, option_ids: ['7021', '2210'] });
  });

  it('an empty vlan_reference, read as absent, is not sent as the string "undefined"', () => {
    const line = lineCreateSchema.parse({
      product_offering_id: '2173',
      product_offering_qualification_item_id: 'q-1',
      vlan_reference: '',
    });
    expect(toWireSpelling(line, EXAMPLE_SPELLING).vlan_reference).toBeUndefined();
  });
});

describe('the states, as the doc and Covage name them', () => {
  it('sessions: the flowchart of an order session', () => {
    expect(SESSION_STATES).toEqual(['created', 'in_progress', 'completed', 'partial', 'rejected']);
    expect(FINAL_SESSION_STATES).toEqual(['completed', 'partial', 'rejected']);
  });

  it("lines: the order-taking flowchart, and order tracking's technical_error", () => {
    expect(LINE_STATES).toEqual([
      'created',
      'in_progress',
      'acknowledged',
      'held_adv_validation',
      'rejected_creation',
      'technical_error',
    ]);
    expect(ORDER_CREATED_LINE_STATES).toEqual([
      'acknowledged',
      'held_adv_validation',
      'in_progress',
      'created',
    ]);
    expect(NO_ORDER_LINE_STATES).toEqual(['rejected_creation', 'technical_error']);
  });

  it('a state_change entry needs its date and a known state; its reason may be null', () => {
    const entry = { change_reason: null, change_date: '2025-04-10', state: 'created' };
    expect(stateChangeSchema.parse(entry)).toEqual(entry);
    expect(stateChangeSchema.safeParse({ ...entry, state: 'done' }).success).toBe(false);
    expect(stateChangeSchema.safeParse({ change_reason: null, state: 'created' }).success).toBe(
      false,
    );
  });
});
