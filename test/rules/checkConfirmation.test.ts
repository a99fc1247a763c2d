import { describe, expect, it } from 'vitest';
import { checkConfirmation, type Issue } from '../../src/rules/index.js';
import { CONTACT_FIELDS, completeContact, completeLine, without } from './lines.js';

const errors = (issues: Issue[]) => issues.filter((issue) => issue.severity === 'error');
const warnings = (issues: Issue[]) => issues.filter((issue) => issue.severity === 'warning');
const summary = (issues: Issue[]) =>
  issues.map(({ path, code, severity }) => ({ path, code, severity }));

describe('a complete line', () => {
  it('is ready, with no issue, and is sent as read', () => {
    const result = checkConfirmation(completeLine());
    expect(result.issues).toEqual([]);
    expect(result.ready).toBe(true);
    expect(result.line).toEqual(completeLine());
  });
});

describe('fields required at confirmation (the tables\' "Yes (during confirmation only)")', () => {
  it('enni is required', () => {
    const result = checkConfirmation(without(completeLine(), 'enni'));
    expect(result.ready).toBe(false);
    expect(summary(result.issues)).toEqual([
      { path: 'enni', code: 'required_at_confirmation', severity: 'error' },
    ]);
  });

  it('a blank value counts as missing', () => {
    const result = checkConfirmation(completeLine({ enni: '   ' }));
    expect(summary(result.issues)).toEqual([
      { path: 'enni', code: 'required_at_confirmation', severity: 'error' },
    ]);
  });

  it('related_contact_information needs at least one entry', () => {
    for (const line of [
      without(completeLine(), 'related_contact_information'),
      completeLine({ related_contact_information: [] }),
    ]) {
      expect(summary(checkConfirmation(line).issues)).toEqual([
        {
          path: 'related_contact_information',
          code: 'required_at_confirmation',
          severity: 'error',
        },
      ]);
    }
  });

  it.each(CONTACT_FIELDS)('a contact needs %s, reported with its index', (field) => {
    const line = completeLine({
      related_contact_information: [completeContact(), without(completeContact(), field)],
    });
    const result = checkConfirmation(line);
    expect(result.ready).toBe(false);
    expect(summary(result.issues)).toEqual([
      {
        path: `related_contact_information[1].${field}`,
        code: 'required_at_confirmation',
        severity: 'error',
      },
    ]);
  });

  it('the second contact fields, siret, coordinates and building are optional', () => {
    const contact = completeContact();
    for (const field of ['siret', 'latitude', 'longitude', 'street_number_extension']) {
      delete contact[field];
    }
    expect(
      checkConfirmation(completeLine({ related_contact_information: [contact] })).issues,
    ).toEqual([]);
  });

  it('product_offering_id and the qualification item are required already at creation', () => {
    const result = checkConfirmation(
      without(
        without(completeLine(), 'product_offering_id'),
        'product_offering_qualification_item_id',
      ),
    );
    expect(summary(result.issues)).toEqual([
      { path: 'product_offering_id', code: 'required_at_creation', severity: 'error' },
      {
        path: 'product_offering_qualification_item_id',
        code: 'required_at_creation',
        severity: 'error',
      },
    ]);
    expect(result.line).toBeNull();
  });
});

describe('option 7021 and the CPE fields ("Confirming the Order Session")', () => {
  const cpe = { cpe_networking_number: 'NET-123456', cpe_serial_number: 'SR-123456' };

  it('a line with option 7021 and both CPE fields is ready', () => {
    const result = checkConfirmation(completeLine({ option_ids: ['2210', '7021'], ...cpe }));
    expect(result.issues).toEqual([]);
  });

  it('a line with option 7021 needs both CPE fields, each reported on its own', () => {
    const result = checkConfirmation(completeLine({ option_ids: ['7021'] }));
    expect(summary(result.issues)).toEqual([
      { path: 'cpe_networking_number', code: 'cpe_required_with_7021', severity: 'error' },
      { path: 'cpe_serial_number', code: 'cpe_required_with_7021', severity: 'error' },
    ]);
  });

  it('option 7021 given as a number counts too', () => {
    const result = checkConfirmation(completeLine({ option_ids: [7021], ...cpe }));
    expect(result.issues).toEqual([]);
    expect(result.line?.option_ids).toEqual(['7021']);
  });

  it('without option 7021, both CPE fields must be empty', () => {
    const result = checkConfirmation(completeLine({ option_ids: ['2210'], ...cpe }));
    expect(summary(result.issues)).toEqual([
      { path: 'cpe_networking_number', code: 'cpe_forbidden_without_7021', severity: 'error' },
      { path: 'cpe_serial_number', code: 'cpe_forbidden_without_7021', severity: 'error' },
    ]);
  });

  it('without option 7021, empty CPE fields are fine', () => {
    const result = checkConfirmation(
      completeLine({ cpe_networking_number: '', cpe_serial_number: '' }),
    );
    expect(result.issues).toEqual([]);
  });

  it("the CPE field is read under the examples' spelling too", () => {
    const result = checkConfirmation(
      completeLine({
        option_ids: ['7021'],
        cpe_network_number: 'NET-1',
        cpe_serial_number: 'SR-1',
      }),
    );
    expect(result.issues).toEqual([]);
    expect(result.line?.cpe_networking_number).toBe('NET-1');
    expect(result.line).not.toHaveProperty('cpe_network_number');
  });
});

describe('the DIA offer ("Special case of the enni field for the DIA offer")', () => {
  it('a DIA line needs no enni', () => {
    const result = checkConfirmation(without(completeLine({ offer_family: 'DIA' }), 'enni'));
    expect(result.issues).toEqual([]);
    expect(result.ready).toBe(true);
  });

  it('a supplied enni is removed from the line to send, with a warning', () => {
    const result = checkConfirmation(completeLine({ offer_family: 'DIA', enni: 'AZ009999' }));
    expect(result.ready).toBe(true);
    expect(summary(result.issues)).toEqual([
      { path: 'enni', code: 'enni_overridden_for_dia', severity: 'warning' },
    ]);
    expect(result.line).not.toHaveProperty('enni');
  });

  it('an offering listed in diaOfferingIds is DIA whatever its offer_family', () => {
    const line = completeLine({ product_offering_id: '3301', offer_family: 'BPE' });
    const result = checkConfirmation(line, { diaOfferingIds: ['3301'] });
    expect(summary(result.issues)).toEqual([
      { path: 'enni', code: 'enni_overridden_for_dia', severity: 'warning' },
    ]);
    expect(result.line).not.toHaveProperty('enni');
    expect(checkConfirmation(line).line).toHaveProperty('enni', 'AZ001234');
  });

  it('offer_family is compared without regard to case or surrounding spaces', () => {
    const result = checkConfirmation(without(completeLine({ offer_family: ' dia ' }), 'enni'));
    expect(result.ready).toBe(true);
  });
});

describe('siret_known and the SIRET', () => {
  it('siret_known: true needs a SIRET on each contact', () => {
    const line = completeLine({
      siret_known: true,
      related_contact_information: [completeContact(), without(completeContact(), 'siret')],
    });
    expect(summary(checkConfirmation(line).issues)).toEqual([
      { path: 'related_contact_information[1].siret', code: 'siret_required', severity: 'error' },
    ]);
  });

  it('siret_known: true needs a valid SIRET (14 digits, Luhn)', () => {
    for (const siret of [
      '44298765700017',
      '4429876570001',
      '442 987 657 00016',
      'ABCDEFGHIJKLMN',
    ]) {
      const line = completeLine({
        siret_known: true,
        related_contact_information: [completeContact({ siret })],
      });
      expect(summary(checkConfirmation(line).issues), siret).toEqual([
        { path: 'related_contact_information[0].siret', code: 'siret_invalid', severity: 'error' },
      ]);
    }
  });

  it('a La Poste establishment passes on its digit sum (a multiple of 5)', () => {
    const line = completeLine({
      siret_known: true,
      related_contact_information: [completeContact({ siret: '35600000049837' })],
    });
    expect(checkConfirmation(line).issues).toEqual([]);
  });

  it('without siret_known, an invalid SIRET is only a warning', () => {
    const line = completeLine({
      related_contact_information: [completeContact({ siret: '44298765700017' })],
    });
    const result = checkConfirmation(line);
    expect(result.ready).toBe(true);
    expect(summary(result.issues)).toEqual([
      { path: 'related_contact_information[0].siret', code: 'siret_invalid', severity: 'warning' },
    ]);
  });

  it('siret_known: false asks for no SIRET', () => {
    const line = completeLine({
      siret_known: false,
      related_contact_information: [without(completeContact(), 'siret')],
    });
    expect(checkConfirmation(line).issues).toEqual([]);
  });
});

describe('checks the doc does not state: warnings, or errors with strictFormats', () => {
  const doubtful = completeContact({
    postcode: '7613',
    insee_code: '76000',
    contact1_phone_number: '12345',
    contact2_phone_number: '+44 20 7946 0958',
    contact1_email_address: 'claire.martin.example.fr',
    contact2_email_address: 'jane@localhost',
    latitude: 149.47,
    longitude: -181,
  });
  const expected = [
    ['postcode', 'postcode_invalid'],
    ['insee_code', 'insee_code_invalid'],
    ['contact1_phone_number', 'phone_number_invalid'],
    ['contact1_email_address', 'email_invalid'],
    ['contact2_phone_number', 'phone_number_invalid'],
    ['contact2_email_address', 'email_invalid'],
    ['latitude', 'latitude_out_of_range'],
    ['longitude', 'longitude_out_of_range'],
  ];

  it('each doubtful value is a warning with its path; the line stays ready', () => {
    const result = checkConfirmation(completeLine({ related_contact_information: [doubtful] }));
    expect(result.ready).toBe(true);
    expect(errors(result.issues)).toEqual([]);
    expect(summary(result.issues)).toEqual(
      expected.map(([field, code]) => ({
        path: `related_contact_information[0].${field}`,
        code,
        severity: 'warning',
      })),
    );
  });

  it('strictFormats makes them errors', () => {
    const result = checkConfirmation(completeLine({ related_contact_information: [doubtful] }), {
      strictFormats: true,
    });
    expect(result.ready).toBe(false);
    expect(warnings(result.issues)).toEqual([]);
    expect(errors(result.issues)).toHaveLength(expected.length);
  });

  it('every issue says what is expected in words', () => {
    const result = checkConfirmation(completeLine({ related_contact_information: [doubtful] }));
    for (const issue of result.issues) expect(issue.message.length).toBeGreaterThan(10);
  });
});

describe('the doc\'s two spellings ("enni_2"/"enni2", "cpe_networking_number"/"cpe_network_number")', () => {
  it("both are read; the line to send uses the tables' spelling", () => {
    const result = checkConfirmation(completeLine({ enni2: 'AZ001235', vlan_reference: '1257' }));
    expect(result.issues).toEqual([]);
    expect(result.line).toMatchObject({ enni_2: 'AZ001235', vlan_reference: 1257 });
    expect(result.line).not.toHaveProperty('enni2');
  });

  it('the same field under both spellings with different values is an error, and nothing to send', () => {
    const result = checkConfirmation(completeLine({ enni_2: 'AZ1', enni2: 'AZ2' }));
    expect(result.ready).toBe(false);
    expect(summary(result.issues)).toEqual([
      { path: 'enni_2', code: 'conflicting_alias', severity: 'error' },
    ]);
    expect(result.issues[0]?.message).toBe(
      '"enni_2" and "enni2" are the same field and have different values',
    );
    expect(result.line).toBeNull();
  });

  it('the same value under both spellings is read once', () => {
    const result = checkConfirmation(completeLine({ enni_2: 'AZ1', enni2: 'AZ1' }));
    expect(result.issues).toEqual([]);
    expect(result.line).toMatchObject({ enni_2: 'AZ1' });
  });
});

describe('the structure of the body', () => {
  it('an unknown field is an error, with its path', () => {
    const result = checkConfirmation(completeLine({ colour: 'blue' }));
    expect(summary(result.issues)).toEqual([
      { path: 'colour', code: 'unknown_field', severity: 'error' },
    ]);
    expect(result.line).toBeNull();
  });

  it('an unknown field inside a contact is reported at its path', () => {
    const line = completeLine({ related_contact_information: [completeContact({ fax: '01' })] });
    expect(summary(checkConfirmation(line).issues)).toEqual([
      { path: 'related_contact_information[0].fax', code: 'unknown_field', severity: 'error' },
    ]);
  });

  it('a wrong type is an error that says what was expected', () => {
    const result = checkConfirmation(
      completeLine({
        siret_known: 'yes',
        related_contact_information: [completeContact({ latitude: '49.47' })],
      }),
    );
    expect(summary(result.issues)).toEqual([
      { path: 'related_contact_information[0].latitude', code: 'invalid_type', severity: 'error' },
      { path: 'siret_known', code: 'invalid_type', severity: 'error' },
    ]);
    expect(result.issues[0]?.message).toBe('expected number, got a string');
  });

  it('vlan_reference is a number or a string of digits', () => {
    expect(checkConfirmation(completeLine({ vlan_reference: 'VLAN-12' })).ready).toBe(false);
    expect(checkConfirmation(completeLine({ vlan_reference: -1 })).ready).toBe(false);
    expect(checkConfirmation(completeLine({ vlan_reference: ' 12 ' })).line?.vlan_reference).toBe(
      12,
    );
  });

  it('scheduled_delivery_date is a calendar date', () => {
    expect(checkConfirmation(completeLine({ scheduled_delivery_date: '2025-09-21' })).ready).toBe(
      true,
    );
    const result = checkConfirmation(completeLine({ scheduled_delivery_date: '21/09/2025' }));
    expect(summary(result.issues)).toEqual([
      { path: 'scheduled_delivery_date', code: 'invalid_format', severity: 'error' },
    ]);
  });

  it.each([
    ['null', null],
    ['a number', 42],
    ['a string', 'a line'],
    ['an array', [completeLine()]],
  ])('%s is not a line', (_what, input) => {
    const result = checkConfirmation(input);
    expect(result.ready).toBe(false);
    expect(summary(result.issues)).toEqual([
      { path: '', code: 'not_an_object', severity: 'error' },
    ]);
    expect(result.line).toBeNull();
  });

  it('a __proto__ key is a plain unknown field: nothing reaches the prototype', () => {
    const input = JSON.parse('{"__proto__": {"enni": "polluted"}, "product_offering_id": "1"}');
    const result = checkConfirmation(input);
    expect(summary(result.issues)).toContainEqual({
      path: '__proto__',
      code: 'unknown_field',
      severity: 'error',
    });
    expect(summary(result.issues)).toContainEqual({
      path: 'enni',
      code: 'required_at_confirmation',
      severity: 'error',
    });
    expect(({} as Record<string, unknown>).enni).toBeUndefined();
  });

  it('the input is never modified', () => {
    const input = completeLine({ offer_family: 'DIA', enni2: 'AZ2' });
    const copy = structuredClone(input);
    checkConfirmation(input);
    expect(input).toEqual(copy);
  });
});
