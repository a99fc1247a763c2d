import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkConfirmation, isValidSiret } from '../../src/rules/index.js';
import {
  arbCompleteLine,
  CONTACT_FIELDS,
  completeContact,
  completeLine,
  type Json,
  laPosteSiret,
  siretWithOneWrongDigit,
  validSiret,
  without,
} from './lines.js';

const errorPaths = (line: unknown) =>
  checkConfirmation(line)
    .issues.filter((issue) => issue.severity === 'error')
    .map((issue) => issue.path);

/** The fields a complete line has that confirmation requires, with their paths. */
function requiredPaths(line: Json, dia: boolean): { path: string; remove: () => Json }[] {
  const contacts = line.related_contact_information as Json[];
  const out: { path: string; remove: () => Json }[] = [
    { path: 'product_offering_id', remove: () => without(line, 'product_offering_id') },
    {
      path: 'product_offering_qualification_item_id',
      remove: () => without(line, 'product_offering_qualification_item_id'),
    },
    {
      path: 'related_contact_information',
      remove: () => without(line, 'related_contact_information'),
    },
  ];
  if (!dia) out.push({ path: 'enni', remove: () => without(line, 'enni') });
  contacts.forEach((contact, index) => {
    for (const field of CONTACT_FIELDS) {
      out.push({
        path: `related_contact_information[${index}].${field}`,
        remove: () => ({
          ...line,
          related_contact_information: contacts.map((other, at) =>
            at === index ? without(contact, field) : other,
          ),
        }),
      });
    }
    if (line.siret_known === true) {
      out.push({
        path: `related_contact_information[${index}].siret`,
        remove: () => ({
          ...line,
          related_contact_information: contacts.map((other, at) =>
            at === index ? without(contact, 'siret') : other,
          ),
        }),
      });
    }
  });
  return out;
}

describe('properties of checkConfirmation', () => {
  it('a line built complete is ready, with no error and no warning but the DIA one', () => {
    fc.assert(
      fc.property(arbCompleteLine, ({ line }) => {
        const result = checkConfirmation(line);
        expect(result.issues.filter((issue) => issue.code !== 'enni_overridden_for_dia')).toEqual(
          [],
        );
        expect(result.ready).toBe(true);
        expect(result.line).not.toBeNull();
      }),
    );
  });

  it('removing any one required field makes it not ready, with exactly that path', () => {
    fc.assert(
      fc.property(
        arbCompleteLine.chain(({ line, shape }) =>
          fc.record({
            target: fc.constantFrom(...requiredPaths(line, shape.dia)),
          }),
        ),
        ({ target }) => {
          const result = checkConfirmation(target.remove());
          expect(result.ready).toBe(false);
          expect(errorPaths(target.remove())).toEqual([target.path]);
        },
      ),
    );
  });

  it('with option 7021, each CPE field missing is an error at its path; both given is ready', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.boolean(),
        fc.subarray(['2210', '2220', '1615']),
        (networking, serial, others) => {
          const line = completeLine({ option_ids: [...others, '7021'] });
          if (networking) line.cpe_networking_number = 'NET-1';
          if (serial) line.cpe_serial_number = 'SR-1';
          const result = checkConfirmation(line);
          const expected = [
            ...(networking ? [] : ['cpe_networking_number']),
            ...(serial ? [] : ['cpe_serial_number']),
          ];
          expect(result.issues.map((issue) => [issue.path, issue.code])).toEqual(
            expected.map((path) => [path, 'cpe_required_with_7021']),
          );
          expect(result.ready).toBe(networking && serial);
        },
      ),
    );
  });

  it('without option 7021, each CPE field given is an error at its path; both empty is ready', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.boolean(),
        fc.subarray(['2210', '2220', '1615', '70210', '702']),
        (networking, serial, others) => {
          const line = completeLine({ option_ids: others });
          if (networking) line.cpe_networking_number = 'NET-1';
          if (serial) line.cpe_serial_number = 'SR-1';
          const result = checkConfirmation(line);
          const expected = [
            ...(networking ? ['cpe_networking_number'] : []),
            ...(serial ? ['cpe_serial_number'] : []),
          ];
          expect(result.issues.map((issue) => [issue.path, issue.code])).toEqual(
            expected.map((path) => [path, 'cpe_forbidden_without_7021']),
          );
          expect(result.ready).toBe(!networking && !serial);
        },
      ),
    );
  });

  it('a DIA line loses any supplied enni, with the warning; other lines keep it', () => {
    fc.assert(
      fc.property(
        arbCompleteLine,
        fc.string({ minLength: 1, maxLength: 12 }).filter((value) => value.trim() !== ''),
        ({ line, shape }, enni) => {
          const result = checkConfirmation({ ...line, enni });
          const warned = result.issues.some(
            (issue) =>
              issue.path === 'enni' &&
              issue.code === 'enni_overridden_for_dia' &&
              issue.severity === 'warning',
          );
          expect(result.ready).toBe(true);
          expect(warned).toBe(shape.dia);
          if (shape.dia) expect(result.line).not.toHaveProperty('enni');
          else expect(result.line).toHaveProperty('enni', enni);
        },
      ),
    );
  });

  it('checkConfirmation never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.jsonValue()), (input) => {
        const result = checkConfirmation(input);
        expect(typeof result.ready).toBe('boolean');
        expect(result.ready).toBe(!result.issues.some((issue) => issue.severity === 'error'));
      }),
    );
  });
});

describe('SIRET validity on generated numbers', () => {
  const withSiret = (siret: string) =>
    completeLine({ siret_known: true, related_contact_information: [completeContact({ siret })] });

  it('a SIRET whose SIREN and whole number pass the Luhn check is valid', () => {
    fc.assert(
      fc.property(validSiret, (siret) => {
        expect(isValidSiret(siret)).toBe(true);
        expect(checkConfirmation(withSiret(siret)).ready).toBe(true);
      }),
    );
  });

  it('a SIRET with one digit changed is invalid', () => {
    fc.assert(
      fc.property(siretWithOneWrongDigit, (siret) => {
        expect(isValidSiret(siret)).toBe(false);
        expect(errorPaths(withSiret(siret))).toEqual(['related_contact_information[0].siret']);
      }),
    );
  });

  it('a SIRET that is not 14 digits is invalid', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          validSiret.map((siret) => siret.slice(1)),
          validSiret.map((siret) => `${siret}0`),
          validSiret.map((siret) => `${siret.slice(0, 9)} ${siret.slice(9)}`),
          fc.string().filter((value) => !/^\d{14}$/.test(value)),
        ),
        (siret) => {
          expect(isValidSiret(siret)).toBe(false);
        },
      ),
    );
  });

  it('a La Poste SIRET (SIREN 356000000) is valid when its digit sum is a multiple of 5', () => {
    fc.assert(
      fc.property(laPosteSiret(true), (siret) => {
        expect(isValidSiret(siret)).toBe(true);
      }),
    );
    fc.assert(
      fc.property(laPosteSiret(false), (siret) => {
        expect(isValidSiret(siret)).toBe(false);
      }),
    );
    expect(isValidSiret('35600000000048')).toBe(true); // the head office: plain Luhn
  });
});
