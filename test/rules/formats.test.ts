import { describe, expect, it } from 'vitest';
import {
  emailProblem,
  inseeCodeProblem,
  isValidSiret,
  latitudeProblem,
  longitudeProblem,
  phoneNumberProblem,
  postcodeProblem,
  siretProblem,
} from '../../src/rules/index.js';

const accepts = (check: (value: string) => string | undefined, values: string[]) => {
  for (const value of values) expect(check(value), value).toBeUndefined();
};
const refuses = (check: (value: string) => string | undefined, values: string[]) => {
  for (const value of values) expect(check(value), value).toEqual(expect.any(String));
};

describe('SIRET (SIRENE register: 14 digits, Luhn; La Poste by digit sum)', () => {
  it('accepts real SIRETs and the doc example', () => {
    // A Luhn-valid SIRET, La Poste's head office, the doc's "00000000000000".
    for (const siret of ['12000101100010', '35600000000048', '00000000000000']) {
      expect(isValidSiret(siret), siret).toBe(true);
    }
  });

  it('says why a SIRET is refused', () => {
    expect(siretProblem('1200010110001')).toMatch(/14 digits/);
    expect(siretProblem('12000101100011')).toMatch(/Luhn/);
    // A SIRET that passes Luhn as a whole but whose SIREN does not.
    expect(siretProblem('12000101000012')).toMatch(/SIREN/);
    expect(siretProblem('35600000000049')).toMatch(/La Poste/);
  });
});

describe('postcode (not in the doc: five digits, a French department)', () => {
  it('accepts metropolitan, Corsican and overseas postcodes', () => {
    accepts(postcodeProblem, ['76130', '01000', '20000', '75001', '95000', '97200', '98000']);
  });
  it('refuses what is not one', () => {
    refuses(postcodeProblem, ['7613', '761300', '00100', '96000', '99000', '76 130', '2A000']);
  });
});

describe('INSEE code (not in the doc: department then commune)', () => {
  it('accepts metropolitan, Corsican (2A/2B) and overseas codes', () => {
    accepts(inseeCodeProblem, [
      '76451',
      '75056',
      '75101',
      '01053',
      '2A004',
      '2B033',
      '97209',
      '97411',
      '97502',
      '98818',
    ]);
  });
  it('refuses department 20, unknown departments, commune 000 and other shapes', () => {
    refuses(inseeCodeProblem, [
      '20004',
      '96001',
      '00100',
      '76000',
      '97100',
      '2C004',
      '2a004',
      '7645',
      '764510',
    ]);
  });
});

describe('phone number (not in the doc: French format)', () => {
  it('accepts national and international writings, with separators', () => {
    accepts(phoneNumberProblem, [
      '0123456789',
      '02 35 12 34 56',
      '06.12.34.56.78',
      '06-12-34-56-78',
      '+33 6 12 34 56 78',
      '+33 (0)6 12 34 56 78',
      '0033612345678',
      '0596 12 34 56',
      '+596 696 12 34 56',
      '+262 262 12 34 56',
      '+508 41 23 45',
    ]);
  });
  it('refuses what is not a French number', () => {
    refuses(phoneNumberProblem, [
      '12345',
      '0012345678',
      '+44 20 7946 0958',
      '06 12 34 56 7',
      '06123456789',
      'zero six',
    ]);
  });
});

describe('e-mail address (not in the doc: what a web form accepts, with a dotted domain)', () => {
  it('accepts ordinary addresses', () => {
    accepts(emailProblem, [
      'John.Doe@unknown.com',
      'j.doe+orders@sub.example.fr',
      "o'neil@example.ie",
    ]);
  });
  it('refuses what is not one', () => {
    refuses(emailProblem, [
      'claire.martin.example.fr',
      'a@b',
      'a@@example.fr',
      'a b@example.fr',
      'a@example..fr',
      'a@-example.fr',
      `${'a'.repeat(250)}@example.fr`,
    ]);
  });
});

describe('coordinates (not in the doc: in range)', () => {
  it('latitude is within ±90 and longitude within ±180', () => {
    expect(latitudeProblem(49.4744077)).toBeUndefined();
    expect(latitudeProblem(-90)).toBeUndefined();
    expect(latitudeProblem(90.0001)).toEqual(expect.any(String));
    expect(longitudeProblem(1.091455)).toBeUndefined();
    expect(longitudeProblem(180)).toBeUndefined();
    expect(longitudeProblem(-180.5)).toEqual(expect.any(String));
    expect(latitudeProblem(Number.NaN)).toEqual(expect.any(String));
  });
});

describe('formats at their edges', () => {
  it('INSEE codes of departments 10 to 19 are accepted', () => {
    accepts(inseeCodeProblem, ['14118', '10387', '19272']);
  });

  it('phone numbers written with more than one separator in a row are read compact', () => {
    accepts(phoneNumberProblem, [
      '06  12 34 56 78',
      '06 - 12 - 34 - 56 - 78',
      '00 33 6 12 34 56 78',
      '+33  (0)6 12 34 56 78',
      '+33 (0)  6 12 34 56 78',
      '+508  41 23 45',
      '06  00 12 34 56',
    ]);
  });

  it('phone numbers with anything else around or inside them are refused, fast path or not', () => {
    refuses(phoneNumberProblem, [
      'tel 0612345678',
      '0612345678 (mobile)',
      '+33x612345678',
      '+33 (0)x6 12 34 56 78',
      '06x12345678',
      '+33 0 6 12 34 56 78',
      '00 0612345678',
      '+5081234567',
      '+508 41 23 4',
      '0612 3456 7a',
      '+331 (0)6 12 34 56 78',
      '06abcdefgh',
      '+508abcdef',
    ]);
  });

  it('an e-mail address may be 254 characters long, not 255', () => {
    const domain = '@example.fr';
    expect(emailProblem('a'.repeat(254 - domain.length) + domain)).toBeUndefined();
    expect(emailProblem('a'.repeat(255 - domain.length) + domain)).toEqual(expect.any(String));
  });

  it('e-mail domains: labels of letters, digits and inner dashes, at least one dot', () => {
    accepts(emailProblem, ['a@b-c.fr', 'a@b.c-d.fr', `a@${'b'.repeat(63)}.fr`, 'x@a.b']);
    refuses(emailProblem, ['a@b-.fr', 'a@b.-c.fr', `a@${'b'.repeat(64)}.fr`, 'a@b.fr.', ' a@b.fr']);
  });

  it('coordinates outside the range on either side are refused', () => {
    expect(latitudeProblem(-90.5)).toBe('a latitude is between -90 and 90');
    expect(latitudeProblem(90.5)).toBe('a latitude is between -90 and 90');
    expect(longitudeProblem(180.5)).toBe('a longitude is between -180 and 180');
    expect(longitudeProblem(-180.5)).toBe('a longitude is between -180 and 180');
    expect(longitudeProblem(Number.POSITIVE_INFINITY)).toEqual(expect.any(String));
  });

  it('a SIRET of 15 digits is refused as such, even when its digits would pass', () => {
    expect(siretProblem('000000000000000')).toBe('a SIRET is exactly 14 digits');
    expect(siretProblem('x00000000000000')).toBe('a SIRET is exactly 14 digits');
  });
});
