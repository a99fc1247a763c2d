/**
 * The sandbox's own rule table (src/sandbox/rules), rule by rule, as the doc states each one:
 * what the back office refuses at confirmation, and at which property path.
 */
import { describe, expect, it } from 'vitest';
import { sampleContact, sampleLine } from '../../../scripts/shared/sampleLine.js';
import {
  CONTACT_FIELDS_AT_CONFIRMATION,
  findingsOf,
  isDiaLine,
  ORDER_CREATED_STATES,
  RULES,
  type SandboxLine,
  sessionStateOf,
  siretIsValid,
} from '../../../src/sandbox/rules/index.js';

const line = (overrides: Record<string, unknown> = {}) =>
  sampleLine(overrides) as unknown as SandboxLine;
const found = (value: SandboxLine, dia = false) =>
  findingsOf(value, { dia }).map(({ code, path }) => `${code} @ ${path}`);

describe('a complete line breaks no rule', () => {
  it('no finding, DIA or not', () => {
    expect(found(line())).toEqual([]);
    expect(found(line(), true)).toEqual([]);
  });
});

describe('enni: "Yes (during confirmation only*)", the * being the DIA offer', () => {
  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['made of spaces', '   '],
  ])('an enni %s is required_at_confirmation', (_case, enni) => {
    expect(found(line({ enni }))).toEqual(['required_at_confirmation @ enni']);
  });

  it('a DIA line needs no enni, and may carry one (the back office replaces it)', () => {
    expect(found(line({ enni: undefined }), true)).toEqual([]);
    expect(found(line({ enni: 'AZ001234' }), true)).toEqual([]);
  });
});

describe('related_contact_information: at least one entry, each with the ten confirmation fields', () => {
  it.each([
    ['missing', undefined],
    ['an empty list', []],
  ])('contacts %s: required_at_confirmation on the list', (_case, contacts) => {
    expect(found(line({ related_contact_information: contacts }))).toEqual([
      'required_at_confirmation @ related_contact_information',
    ]);
  });

  it.each(CONTACT_FIELDS_AT_CONFIRMATION)(
    'a second contact without %s is refused at that contact and field',
    (field) => {
      const contacts = [sampleContact(), sampleContact({ [field]: ' ' })];
      expect(found(line({ related_contact_information: contacts }))).toEqual([
        `required_at_confirmation @ related_contact_information[1].${field}`,
      ]);
    },
  );

  it('the ten fields are the contact table\'s "Yes (during confirmation only)" rows, in its order', () => {
    expect(CONTACT_FIELDS_AT_CONFIRMATION).toEqual([
      'end_customer_name',
      'contact1_email_address',
      'contact1_firstname',
      'contact1_lastname',
      'contact1_phone_number',
      'city',
      'postcode',
      'street_name',
      'street_number',
      'insee_code',
    ]);
  });

  it('the optional contact fields are not asked for', () => {
    const bare = Object.fromEntries(
      CONTACT_FIELDS_AT_CONFIRMATION.map((field) => [field, sampleContact()[field]]),
    );
    expect(found(line({ related_contact_information: [bare] }))).toEqual([]);
  });
});

describe('siret_known: "Should the SIRET be filled ?"', () => {
  const withSiret = (siret: string | undefined, siretKnown: boolean | undefined) =>
    line({ siret_known: siretKnown, related_contact_information: [sampleContact({ siret })] });

  it.each([
    [undefined, 'siret_required'],
    ['', 'siret_required'],
    ['  ', 'siret_required'],
    ['44298765700017', 'siret_invalid'],
    ['4429876570001', 'siret_invalid'],
  ])('siret_known true, SIRET %j: %s', (siret, code) => {
    expect(found(withSiret(siret, true))).toEqual([
      `${code} @ related_contact_information[0].siret`,
    ]);
  });

  it('siret_known true and a valid SIRET (spaces around it ignored): no finding', () => {
    expect(found(withSiret('44298765700016', true))).toEqual([]);
    expect(found(withSiret(' 44298765700016 ', true))).toEqual([]);
  });

  it.each([false, undefined])(
    "siret_known %j: the SIRET is not the back office's concern",
    (known) => {
      expect(found(withSiret(undefined, known))).toEqual([]);
      expect(found(withSiret('not a siret', known))).toEqual([]);
    },
  );

  it('every contact of the line is asked for its SIRET', () => {
    const value = line({
      siret_known: true,
      related_contact_information: [sampleContact(), sampleContact({ siret: undefined })],
    });
    expect(found(value)).toEqual(['siret_required @ related_contact_information[1].siret']);
  });
});

describe('option 7021: "cpe_networking_number and cpe_serial_number are required … otherwise they must be empty"', () => {
  const cpe = { cpe_networking_number: 'NET-123456', cpe_serial_number: 'SR-123456' };

  it.each([
    [['7021'], {}, ['cpe_networking_number', 'cpe_serial_number']],
    [['2210', '7021'], { cpe_serial_number: 'SR-1' }, ['cpe_networking_number']],
    [
      ['7021'],
      { cpe_networking_number: ' ', cpe_serial_number: 'SR-1' },
      ['cpe_networking_number'],
    ],
  ])('options %j with %j: cpe_required_with_7021 at %j', (options, fields, paths) => {
    expect(found(line({ option_ids: options, ...fields }))).toEqual(
      paths.map((path) => `cpe_required_with_7021 @ ${path}`),
    );
  });

  it('option 7021 written with spaces around it still requires both CPE fields', () => {
    expect(found(line({ option_ids: [' 7021 '] }))).toHaveLength(2);
  });

  it('with 7021 and both fields: no finding', () => {
    expect(found(line({ option_ids: ['7021'], ...cpe }))).toEqual([]);
  });

  it.each([
    [undefined, cpe, ['cpe_networking_number', 'cpe_serial_number']],
    [['2210'], { cpe_serial_number: 'SR-1' }, ['cpe_serial_number']],
    [['70210'], { cpe_networking_number: 'NET-1' }, ['cpe_networking_number']],
  ])('options %j with %j: cpe_forbidden_without_7021 at %j', (options, fields, paths) => {
    expect(found(line({ option_ids: options, ...fields }))).toEqual(
      paths.map((path) => `cpe_forbidden_without_7021 @ ${path}`),
    );
  });

  it('without 7021, CPE fields made of spaces count as empty', () => {
    expect(found(line({ cpe_networking_number: '  ', cpe_serial_number: '' }))).toEqual([]);
  });
});

describe('the table', () => {
  it("names where the doc states each rule, and reports in the doc's order", () => {
    for (const rule of RULES) expect(rule.doc.length).toBeGreaterThan(10);
    expect(RULES.map((rule) => rule.code)).toEqual([
      'required_at_confirmation',
      'required_at_confirmation',
      'required_at_confirmation',
      'siret_required',
      'siret_invalid',
      'cpe_required_with_7021',
      'cpe_forbidden_without_7021',
    ]);
    const broken = line({
      enni: '',
      siret_known: true,
      option_ids: ['7021'],
      related_contact_information: [sampleContact({ city: '', siret: '' })],
    });
    expect(found(broken)).toEqual([
      'required_at_confirmation @ enni',
      'required_at_confirmation @ related_contact_information[0].city',
      'siret_required @ related_contact_information[0].siret',
      'cpe_required_with_7021 @ cpe_networking_number',
      'cpe_required_with_7021 @ cpe_serial_number',
    ]);
  });
});

describe('the DIA offer', () => {
  const ids = new Set(['9001']);
  it.each([
    [{ offer_family: 'DIA' }, true],
    [{ offer_family: ' dia ' }, true],
    [{ offer_family: 'DIAL' }, false],
    [{ offer_family: 'BPE' }, false],
    [{ offer_family: 42 }, false],
    [{ product_offering_id: '9001' }, true],
    [{ product_offering_id: ' 9001 ' }, true],
    [{ product_offering_id: '90011' }, false],
    [{ product_offering_id: 9001 }, false],
    [{}, false],
  ])('%j is a DIA line: %s', (value, dia) => {
    expect(isDiaLine(value, ids)).toBe(dia);
  });

  it('a line without an offering id is not DIA, even when an empty id is configured', () => {
    expect(isDiaLine({}, new Set(['']))).toBe(false);
    expect(isDiaLine({ product_offering_id: 7 }, new Set(['7']))).toBe(false);
  });
});

describe('the session flowchart', () => {
  it.each([
    [['acknowledged', 'held_adv_validation', 'in_progress'], 'completed'],
    [['acknowledged', 'rejected_creation'], 'partial'],
    [['technical_error', 'held_adv_validation'], 'partial'],
    [['rejected_creation', 'technical_error'], 'rejected'],
    [['rejected_creation'], 'rejected'],
    [[], 'rejected'],
  ] as const)('lines %j: the session is %s', (states, session) => {
    expect(sessionStateOf(states)).toBe(session);
  });

  it('"Was the order created? yes": acknowledged, held_adv_validation, in_progress', () => {
    expect(ORDER_CREATED_STATES).toEqual(['acknowledged', 'held_adv_validation', 'in_progress']);
  });
});

describe('a SIRET, as the SIRENE register issues them', () => {
  it.each([
    ['44298765700016', true],
    ['73282932000074', true],
    ['35600000000048', true], // La Poste's head office: plain Luhn
    ['35600000012346', true], // La Poste: digit sum 30, a multiple of 5
    ['35600000012345', false], // La Poste: digit sum 29
    ['44298765700017', false], // the SIRET's own check digit wrong
    ['44298765800006', false], // the SIREN's check digit wrong, the whole still Luhn-valid
    ['4429876570001', false],
    ['442987657000160', false],
    ['4429876570001a', false],
    ['000000000000000', false], // 15 digits whose sums would pass
    ['x00000000000000', false],
    ['', false],
  ])('%j valid: %s', (siret, valid) => {
    expect(siretIsValid(siret)).toBe(valid);
  });
});
