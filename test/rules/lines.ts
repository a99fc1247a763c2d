/**
 * Lines and contacts for the rule tests: a complete line built by hand, and fast-check
 * arbitraries that build complete lines, valid and invalid SIRETs.
 */
import fc from 'fast-check';
import { sampleContact } from '../../scripts/shared/sampleLine.js';

export type Json = Record<string, unknown>;

/** The ten contact fields the doc marks "Yes (during confirmation only)". */
export const CONTACT_FIELDS = [
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
] as const;

/** A contact with every field confirmation needs (the shared sample). */
export const completeContact: (overrides?: Json) => Json = sampleContact;

/** A line with everything confirmation needs: ready as it is. */
export function completeLine(overrides: Json = {}): Json {
  return {
    product_offering_id: '2173',
    product_offering_qualification_item_id: 'd5a4a9aa-ba2c-4f53-95c7-0c1ce6f6e7fa',
    enni: 'AZ001234',
    related_contact_information: [completeContact()],
    ...overrides,
  };
}

export function without(record: Json, key: string): Json {
  const { [key]: _removed, ...rest } = record;
  return rest;
}

/** The digit that makes `payload + digit` pass the Luhn check. */
export function luhnCheckDigit(payload: string): string {
  let sum = 0;
  // Walking from the right, the check digit will sit at position 0: double the even positions
  // of the payload (positions 1, 3, … once the check digit is appended).
  for (let index = 0; index < payload.length; index++) {
    let digit = Number(payload[payload.length - 1 - index]);
    if (index % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return String((10 - (sum % 10)) % 10);
}

const digits = (length: number) =>
  fc
    .array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length })
    .map((ds) => ds.join(''));

export const LA_POSTE_SIREN = '356000000';

/** A valid SIRET: a SIREN with its Luhn key, an establishment number, the SIRET's Luhn key. */
export const validSiret = fc
  .tuple(digits(8), digits(4))
  .map(([siren8, nic4]) => {
    const siren = siren8 + luhnCheckDigit(siren8);
    const payload = siren + nic4;
    return payload + luhnCheckDigit(payload);
  })
  .filter((siret) => !siret.startsWith(LA_POSTE_SIREN));

/** A valid SIRET with one digit changed: the Luhn check catches every single-digit error. */
export const siretWithOneWrongDigit = fc
  .tuple(validSiret, fc.nat({ max: 13 }), fc.integer({ min: 1, max: 9 }))
  .map(([siret, position, shift]) => {
    const wrong = (Number(siret[position]) + shift) % 10;
    return siret.slice(0, position) + wrong + siret.slice(position + 1);
  })
  .filter((siret) => !siret.startsWith(LA_POSTE_SIREN));

/** A La Poste establishment: SIREN 356000000, digit sum a multiple of 5 (or not). */
export const laPosteSiret = (sumMultipleOf5: boolean) =>
  digits(5)
    .map((nic) => LA_POSTE_SIREN + nic)
    .filter((siret) => siret !== '35600000000048')
    .filter((siret) => {
      const sum = [...siret].reduce((total, digit) => total + Number(digit), 0);
      return (sum % 5 === 0) === sumMultipleOf5;
    });

const word = fc.constantFrom('Martin', 'Durand', 'Léa', 'Zoé', "N'Diaye", 'Le Goff', 'Élise');
const emailLocal = fc.constantFrom('claire.martin', 'contact', 'j.doe+orders', 'adv_2025');
const emailDomain = fc.constantFrom(
  'example.fr',
  'covage.com',
  'mairie-rouen.fr',
  'sub.example.org',
);
const phone = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 9 }), digits(8)).map(([first, rest]) => `0${first}${rest}`),
  fc
    .tuple(fc.integer({ min: 1, max: 9 }), digits(8))
    .map(([first, rest]) => `+33 ${first} ${rest.match(/../g)?.join(' ')}`),
  fc
    .tuple(fc.integer({ min: 1, max: 9 }), digits(8))
    .map(([first, rest]) => `0${first}${rest}`.match(/../g)?.join('.')),
);
/** Real (postcode, INSEE code, city) triples, metropolitan, Corsica and overseas. */
const place = fc.constantFrom(
  { postcode: '76130', insee_code: '76451', city: 'Mont-Saint-Aignan' },
  { postcode: '75001', insee_code: '75101', city: 'Paris' },
  { postcode: '20000', insee_code: '2A004', city: 'Ajaccio' },
  { postcode: '20200', insee_code: '2B033', city: 'Bastia' },
  { postcode: '97200', insee_code: '97209', city: 'Fort-de-France' },
  { postcode: '97400', insee_code: '97411', city: 'Saint-Denis' },
  { postcode: '01000', insee_code: '01053', city: 'Bourg-en-Bresse' },
);

/** A contact with every confirmation field filled in, in valid formats. */
export const arbContact = fc
  .record({
    end_customer_name: word,
    siret: validSiret,
    contact1_email_address: fc
      .tuple(emailLocal, emailDomain)
      .map(([local, domain]) => `${local}@${domain}`),
    contact1_firstname: word,
    contact1_lastname: word,
    contact1_phone_number: phone,
    place,
    street_name: fc.constantFrom('Rue Andrei Sakharov', 'Cours Napoléon', 'Quai de Paris'),
    street_number: fc.integer({ min: 1, max: 300 }).map(String),
    latitude: fc.double({ min: -90, max: 90, noNaN: true }),
    longitude: fc.double({ min: -180, max: 180, noNaN: true }),
  })
  .map(({ place: where, ...contact }) => ({ ...contact, ...where }) as Json);

export interface LineShape {
  dia: boolean;
  with7021: boolean;
}

/** A complete line: every field confirmation needs, in the spelling of either the tables or the examples. */
export const arbCompleteLine = fc
  .record({
    dia: fc.boolean(),
    with7021: fc.boolean(),
    examplesSpelling: fc.boolean(),
    contacts: fc.array(arbContact, { minLength: 1, maxLength: 3 }),
    siretKnown: fc.boolean(),
    otherOptions: fc.subarray(['2210', '2220', '1615']),
    vlan: fc.option(fc.integer({ min: 1, max: 4094 }), { nil: undefined }),
    qualification: fc.uuid(),
  })
  .map(
    ({
      dia,
      with7021,
      examplesSpelling,
      contacts,
      siretKnown,
      otherOptions,
      vlan,
      qualification,
    }) => {
      const line: Json = {
        product_offering_id: dia ? '3301' : '2173',
        product_offering_qualification_item_id: qualification,
        offer_family: dia ? 'DIA' : 'BPE',
        option_ids: with7021 ? [...otherOptions, '7021'] : otherOptions,
        related_contact_information: contacts,
        siret_known: siretKnown,
      };
      if (!dia) line.enni = 'AZ001234';
      if (vlan !== undefined) line.vlan_reference = examplesSpelling ? String(vlan) : vlan;
      if (with7021) {
        line[examplesSpelling ? 'cpe_network_number' : 'cpe_networking_number'] = 'NET-123456';
        line.cpe_serial_number = 'SR-123456';
      }
      return { line, shape: { dia, with7021 } as LineShape };
    },
  );
