/**
 * checkConfirmation, rule by rule, on the cases users write: padded values, numbers where the
 * doc shows strings, `null`s, empty optional fields. Each case is named after its rule; the
 * messages are checked where a user reads them (the CLI's validate, the sandbox's answers).
 */
import { describe, expect, it } from 'vitest';
import { type CheckOptions, checkConfirmation, type Issue } from '../../src/rules/index.js';
import { completeContact, completeLine, type Json, without } from './lines.js';

const found = (line: unknown, options: CheckOptions = {}) =>
  checkConfirmation(line, options).issues.map(
    ({ path, code, severity }) => `${severity} ${code} @ ${path}`,
  );
const messageAt = (issues: Issue[], path: string) =>
  issues.find((issue) => issue.path === path)?.message;
const withContact = (contact: Json, line: Json = {}) =>
  completeLine({ ...line, related_contact_information: [contact] });

describe('option 7021 needs both CPE fields, however the option is written', () => {
  it.each([
    ['"7021"', '7021'],
    ['" 7021 "', ' 7021 '],
    ['"7021 "', '7021 '],
    ['7021 (a number)', 7021],
  ])('an option written %s still requires both CPE fields', (_case, option) => {
    expect(found(completeLine({ option_ids: ['2210', option] }))).toEqual([
      'error cpe_required_with_7021 @ cpe_networking_number',
      'error cpe_required_with_7021 @ cpe_serial_number',
    ]);
  });

  it.each([['70210'], ['07021'], ['702'], [70210]])(
    'option %j is not 7021: the CPE fields must stay empty',
    (option) => {
      expect(found(completeLine({ option_ids: [option], cpe_serial_number: 'SR-1' }))).toEqual([
        'error cpe_forbidden_without_7021 @ cpe_serial_number',
      ]);
    },
  );

  it('the CPE messages say which field and why', () => {
    const required = checkConfirmation(completeLine({ option_ids: ['7021'] })).issues;
    expect(messageAt(required, 'cpe_serial_number')).toBe(
      'option 7021 is selected: cpe_serial_number is required',
    );
    const forbidden = checkConfirmation(completeLine({ cpe_networking_number: 'NET-1' })).issues;
    expect(messageAt(forbidden, 'cpe_networking_number')).toBe(
      'cpe_networking_number must be empty unless option 7021 is selected',
    );
  });

  it('a CPE field given as null counts as empty, with or without 7021', () => {
    expect(found(completeLine({ cpe_serial_number: null }))).toContain(
      'error invalid_type @ cpe_serial_number',
    );
    expect(found(completeLine({ cpe_serial_number: null }))).not.toContain(
      'error cpe_forbidden_without_7021 @ cpe_serial_number',
    );
    expect(found(completeLine({ option_ids: ['7021'], cpe_serial_number: null }))).toContain(
      'error cpe_required_with_7021 @ cpe_serial_number',
    );
  });

  it('a CPE field given as a number counts as given (and is a wrong type)', () => {
    expect(found(completeLine({ cpe_serial_number: 12 }))).toEqual([
      'error invalid_type @ cpe_serial_number',
      'error cpe_forbidden_without_7021 @ cpe_serial_number',
    ]);
  });
});

describe('enni is required, except on a DIA line', () => {
  it.each([
    ['null', null, ['error invalid_type @ enni', 'error required_at_confirmation @ enni']],
    ['a number', 42, ['error invalid_type @ enni']],
    ['made of spaces', ' \t ', ['error required_at_confirmation @ enni']],
  ])('an enni given as %s', (_case, enni, issues) => {
    expect(found(completeLine({ enni }))).toEqual(issues);
  });

  it('the message says enni is required to confirm', () => {
    expect(messageAt(checkConfirmation(without(completeLine(), 'enni')).issues, 'enni')).toBe(
      'enni is required to confirm the line',
    );
  });

  it.each([
    ['offer_family "DIA"', { offer_family: 'DIA' }, {}],
    ['offer_family " dia "', { offer_family: ' dia ' }, {}],
    ['a DIA offering id', { product_offering_id: '3301' }, { diaOfferingIds: ['3301'] }],
    [
      'a DIA offering id written with spaces',
      { product_offering_id: ' 3301 ' },
      { diaOfferingIds: ['3301'] },
    ],
    [
      'a DIA offering id configured with spaces',
      { product_offering_id: '3301' },
      { diaOfferingIds: [' 3301 '] },
    ],
  ])('a line with %s needs no enni', (_case, fields, options) => {
    expect(found(without(completeLine(fields), 'enni'), options)).toEqual([]);
  });

  it.each([
    ['offer_family "DIAL"', { offer_family: 'DIAL' }],
    ['offer_family 42', { offer_family: 42 }],
    ['an offering id not configured as DIA', { product_offering_id: '3302' }],
  ])('a line with %s is not DIA: enni is required', (_case, fields) => {
    expect(found(without(completeLine(fields), 'enni'), { diaOfferingIds: ['3301'] })).toContain(
      'error required_at_confirmation @ enni',
    );
  });

  it('a DIA line that carries an enni: a warning, and the enni is not sent', () => {
    const result = checkConfirmation(completeLine({ offer_family: 'DIA', enni: 'AZ1' }));
    expect(result.issues).toEqual([
      {
        path: 'enni',
        code: 'enni_overridden_for_dia',
        severity: 'warning',
        message: 'DIA offer: the supplied enni is not sent; Covage computes it',
      },
    ]);
    expect(result.ready).toBe(true);
    expect(result.line).not.toHaveProperty('enni');
    expect(result.line).toMatchObject({ offer_family: 'DIA' });
  });

  it('a DIA line without enni is sent as it is', () => {
    const line = without(completeLine({ offer_family: 'DIA' }), 'enni');
    expect(checkConfirmation(line).line).toEqual(line);
  });
});

describe('related_contact_information needs at least one entry, each complete', () => {
  it.each([
    [
      'null',
      null,
      [
        'error invalid_type @ related_contact_information',
        'error required_at_confirmation @ related_contact_information',
      ],
    ],
    ['an object', {}, ['error invalid_type @ related_contact_information']],
  ])('contacts given as %s', (_case, contacts, issues) => {
    expect(found(completeLine({ related_contact_information: contacts }))).toEqual(issues);
  });

  it('contacts given as an object that looks like a list: a wrong type, no contact checked', () => {
    expect(found(completeLine({ related_contact_information: { length: 1, 0: {} } }))).toEqual([
      'error invalid_type @ related_contact_information',
    ]);
  });

  it('a format field given as a number is a wrong type, with no format check', () => {
    expect(
      found(withContact(completeContact({ postcode: 76130 })), { strictFormats: true }),
    ).toEqual(['error invalid_type @ related_contact_information[0].postcode']);
  });

  it('a contact that is not an object is a wrong type, and not checked further', () => {
    expect(found(completeLine({ related_contact_information: ['Claire', null] }))).toEqual([
      'error invalid_type @ related_contact_information[0]',
      'error invalid_type @ related_contact_information[1]',
    ]);
  });

  it('the messages say what is missing', () => {
    const none = checkConfirmation(completeLine({ related_contact_information: [] })).issues;
    expect(messageAt(none, 'related_contact_information')).toBe(
      'related_contact_information needs at least one entry to confirm the line',
    );
    const noCity = checkConfirmation(withContact(completeContact({ city: '' }))).issues;
    expect(messageAt(noCity, 'related_contact_information[0].city')).toBe(
      'city is required to confirm the line',
    );
  });

  it('a required contact field given as null is missing (and a wrong type)', () => {
    expect(found(withContact(completeContact({ city: null })))).toEqual([
      'error invalid_type @ related_contact_information[0].city',
      'error required_at_confirmation @ related_contact_information[0].city',
    ]);
  });
});

describe('siret_known: true asks for a valid SIRET on every contact', () => {
  it.each([
    ['missing', undefined, 'siret_required'],
    ['empty', '', 'siret_required'],
    ['made of spaces', '   ', 'siret_required'],
    ['with a wrong check digit', '44298765700017', 'siret_invalid'],
    ['too short', '4429876570001', 'siret_invalid'],
  ])('siret_known true and a SIRET %s: %s', (_case, siret, code) => {
    const contact =
      siret === undefined ? without(completeContact(), 'siret') : completeContact({ siret });
    expect(found(withContact(contact, { siret_known: true }))).toEqual([
      `error ${code} @ related_contact_information[0].siret`,
    ]);
  });

  it('a valid SIRET written with spaces around it is accepted', () => {
    expect(
      found(withContact(completeContact({ siret: ' 44298765700016 ' }), { siret_known: true })),
    ).toEqual([]);
  });

  it('the messages say why', () => {
    const missing = checkConfirmation(
      withContact(completeContact({ siret: '' }), { siret_known: true }),
    );
    expect(missing.issues[0]?.message).toBe('siret_known is true: the SIRET must be given');
    const wrong = checkConfirmation(
      withContact(completeContact({ siret: '44298765700017' }), { siret_known: true }),
    );
    expect(wrong.issues[0]?.message).toBe('invalid SIRET: the Luhn check digit does not match');
  });

  it('siret_known written "yes" is a wrong type, not true: no SIRET is asked for', () => {
    const contact = without(completeContact(), 'siret');
    expect(found(withContact(contact, { siret_known: 'yes' }))).toEqual([
      'error invalid_type @ siret_known',
    ]);
  });

  it('without siret_known, a wrong SIRET is only a warning', () => {
    expect(found(withContact(completeContact({ siret: '44298765700017' })))).toEqual([
      'warning siret_invalid @ related_contact_information[0].siret',
    ]);
  });

  it('a SIRET given as a number is a wrong type, not a missing one', () => {
    expect(
      found(withContact(completeContact({ siret: 44298765700016 }), { siret_known: true })),
    ).toEqual(['error invalid_type @ related_contact_information[0].siret']);
  });
});

describe('formats the doc does not state: warnings, errors with strictFormats', () => {
  const contact2 = {
    contact2_email_address: '',
    contact2_firstname: '',
    contact2_lastname: '',
    contact2_phone_number: '  ',
  };

  it('empty optional contact2 fields get no format issue, even with strictFormats', () => {
    expect(found(withContact(completeContact(contact2)), { strictFormats: true })).toEqual([]);
  });

  it('format values are checked without the spaces around them', () => {
    const padded = completeContact({
      postcode: ' 76130 ',
      insee_code: ' 76451 ',
      contact1_phone_number: ' 02 35 12 34 56 ',
      contact1_email_address: ' claire.martin@example.fr ',
    });
    expect(found(withContact(padded), { strictFormats: true })).toEqual([]);
  });

  it.each([
    ['postcode', '7613', 'postcode_invalid', 'a French postcode is five digits, e.g. 76130'],
    [
      'insee_code',
      '76000',
      'insee_code_invalid',
      expect.stringMatching(/^an INSEE code is five characters/),
    ],
    [
      'contact1_phone_number',
      '12345',
      'phone_number_invalid',
      'a French phone number is 0X XX XX XX XX or +33 X XX XX XX XX',
    ],
    ['contact2_phone_number', '12345', 'phone_number_invalid', expect.any(String)],
    ['contact1_email_address', 'claire@', 'email_invalid', 'not an e-mail address'],
    ['contact2_email_address', 'claire', 'email_invalid', 'not an e-mail address'],
    ['latitude', 90.5, 'latitude_out_of_range', 'a latitude is between -90 and 90'],
    ['longitude', -180.5, 'longitude_out_of_range', 'a longitude is between -180 and 180'],
  ])('%s %j: %s, a warning, an error with strictFormats', (field, value, code, message) => {
    const line = withContact(completeContact({ [field]: value }));
    const path = `related_contact_information[0].${field}`;
    expect(checkConfirmation(line).issues).toEqual([{ path, code, severity: 'warning', message }]);
    expect(checkConfirmation(line).ready).toBe(true);
    expect(checkConfirmation(line, { strictFormats: true }).issues).toEqual([
      { path, code, severity: 'error', message },
    ]);
    expect(checkConfirmation(line, { strictFormats: true }).ready).toBe(false);
  });

  it.each([
    ['latitude', 90],
    ['latitude', -90],
    ['longitude', 180],
    ['longitude', -180],
  ])('%s %d, on the edge of the range, is accepted', (field, value) => {
    expect(
      found(withContact(completeContact({ [field]: value })), { strictFormats: true }),
    ).toEqual([]);
  });

  it('coordinates given as strings are a wrong type, with no range check', () => {
    expect(found(withContact(completeContact({ latitude: '120' })))).toEqual([
      'error invalid_type @ related_contact_information[0].latitude',
    ]);
  });
});

describe('the body itself', () => {
  it.each([
    ['null', null],
    ['a string', 'line'],
    ['an array', [completeLine()]],
  ])('a line given as %s: not_an_object, nothing to send', (_case, line) => {
    expect(checkConfirmation(line)).toEqual({
      ready: false,
      issues: [
        { path: '', code: 'not_an_object', severity: 'error', message: 'a line is a JSON object' },
      ],
      line: null,
    });
  });

  it.each([
    ['product_offering_id', '   '],
    ['product_offering_qualification_item_id', ''],
  ])('an id made of spaces (%s) is required_at_creation, nothing to send', (field, value) => {
    const result = checkConfirmation(completeLine({ [field]: value }));
    expect(result.issues).toEqual([
      {
        path: field,
        code: 'required_at_creation',
        severity: 'error',
        message: `${field} is required to create a line and must not be empty`,
      },
    ]);
    expect(result.line).toBeNull();
  });

  it('the line to send has its ids and option ids trimmed, numbers made strings', () => {
    const result = checkConfirmation(
      completeLine({ product_offering_id: ' 2173 ', option_ids: [' 2210 ', 1615] }),
    );
    expect(result.line).toMatchObject({
      product_offering_id: '2173',
      option_ids: ['2210', '1615'],
    });
  });
});
