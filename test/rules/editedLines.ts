/**
 * Order lines for comparing two readings of the doc: a complete line, then up to five edits
 * drawn from what users get wrong (and right): fields removed or blanked, option 7021 written
 * in its several ways, the CPE fields, the DIA offer, SIRETs, the doc's two spellings, wrong
 * types, unknown fields, and formats the doc does not state.
 */
import fc from 'fast-check';
import {
  arbCompleteLine,
  CONTACT_FIELDS,
  type Json,
  laPosteSiret,
  siretWithOneWrongDigit,
  validSiret,
  without,
} from './lines.js';

/** The offering the comparisons configure as DIA, on both sides. */
export const DIA_OFFERING = '9001';

type Edit = (line: Json) => Json;

const contactsOf = (line: Json): unknown[] =>
  Array.isArray(line.related_contact_information) ? line.related_contact_information : [];

/** Changes one contact (the index wraps around); a line without contacts is left as it is. */
const onContact =
  (index: number, change: (contact: Json) => Json): Edit =>
  (line) => {
    const contacts = contactsOf(line);
    if (contacts.length === 0) return line;
    const at = index % contacts.length;
    return {
      ...line,
      related_contact_information: contacts.map((contact, i) =>
        i === at && typeof contact === 'object' && contact !== null
          ? change(contact as Json)
          : contact,
      ),
    };
  };

const set =
  (field: string, value: unknown): Edit =>
  (line) => ({ ...line, [field]: value });
const remove =
  (field: string): Edit =>
  (line) =>
    without(line, field);

const blank = fc.constantFrom('', ' ', '   ');
const optionIds = (line: Json): unknown[] =>
  Array.isArray(line.option_ids) ? line.option_ids : [];

const CPE = ['cpe_networking_number', 'cpe_serial_number', 'cpe_network_number'] as const;

const edit: fc.Arbitrary<Edit> = fc.oneof(
  // enni: required except on a DIA line
  fc.constant(remove('enni')),
  blank.map((value) => set('enni', value)),
  fc.constantFrom('AZ001234', ' AZ9 ').map((value) => set('enni', value)),
  // the DIA offer, by family or by offering
  fc
    .constantFrom('DIA', 'dia', ' Dia ', 'BPE', '', 'DIAL')
    .map((value) => set('offer_family', value)),
  fc
    .constantFrom(DIA_OFFERING, ` ${DIA_OFFERING} `, '2173', '90011')
    .map((value) => set('product_offering_id', value)),
  // contacts
  fc.constant(remove('related_contact_information')),
  fc.constant(set('related_contact_information', [])),
  fc
    .tuple(fc.nat(), fc.constantFrom(...CONTACT_FIELDS))
    .map(([index, field]) => onContact(index, (contact) => without(contact, field))),
  fc
    .tuple(fc.nat(), fc.constantFrom(...CONTACT_FIELDS), blank)
    .map(([index, field, value]) =>
      onContact(index, (contact) => ({ ...contact, [field]: value })),
    ),
  // SIRET
  fc.constantFrom(true, false).map((value) => set('siret_known', value)),
  fc.constant(remove('siret_known')),
  fc.nat().map((index) => onContact(index, (contact) => without(contact, 'siret'))),
  fc
    .tuple(
      fc.nat(),
      fc.oneof(
        blank,
        validSiret,
        validSiret.map((siret) => ` ${siret} `),
        siretWithOneWrongDigit,
        laPosteSiret(true),
        laPosteSiret(false),
        fc.constantFrom('35600000000048', '1234567890123', '123456789012345', '732 829 320 00074'),
      ),
    )
    .map(([index, siret]) => onContact(index, (contact) => ({ ...contact, siret }))),
  // option 7021 and the CPE fields
  fc
    .constantFrom('7021', ' 7021 ', 7021, '70210', '2210')
    .map((option) => (line: Json) => ({ ...line, option_ids: [...optionIds(line), option] })),
  fc.constant((line: Json) => ({
    ...line,
    option_ids: optionIds(line).filter((option) => String(option).trim() !== '7021'),
  })),
  fc.constantFrom(...CPE).map(remove),
  fc.tuple(fc.constantFrom(...CPE), blank).map(([field, value]) => set(field, value)),
  fc
    .tuple(fc.constantFrom(...CPE), fc.constantFrom('NET-1', 'SR-9'))
    .map(([field, value]) => set(field, value)),
  // what the doc does not state: warnings, never a reason to refuse
  fc
    .tuple(
      fc.nat(),
      fc.constantFrom(
        ['postcode', '7613'],
        ['insee_code', '76000'],
        ['contact1_phone_number', '12345'],
        ['contact1_email_address', 'claire@'],
        ['contact2_phone_number', '+1 555 0100'],
        ['contact2_email_address', 'nobody'],
        ['latitude', 91],
        ['longitude', -181],
      ),
    )
    .map(([index, [field, value]]) =>
      onContact(index, (contact) => ({ ...contact, [field]: value })),
    ),
  // the body's structure: the sandbox refuses these at creation
  fc.constantFrom('product_offering_id', 'product_offering_qualification_item_id').map(remove),
  fc.constant(set('product_offering_qualification_item_id', ' ')),
  fc.constant(set('enni', 42)),
  fc.constant(set('option_ids', ['2210', ''])),
  fc.constant(set('option_ids', '7021')),
  fc.constant(set('vlan_reference', 'twelve')),
  fc.constant(set('scheduled_delivery_date', '2025-02-30')),
  fc.constant(set('fax_number', '0235000000')),
  fc.constant(set('siret_known', 'yes')),
  fc.constant((line: Json) => ({
    ...line,
    cpe_networking_number: 'NET-1',
    cpe_network_number: 'NET-2',
  })),
  fc.nat().map((index) => onContact(index, (contact) => ({ ...contact, latitude: '49.4' }))),
  fc.nat().map((index) => onContact(index, (contact) => ({ ...contact, fax: '01' }))),
);

/** A complete line with up to five edits. */
export const arbEditedLine: fc.Arbitrary<Json> = fc
  .tuple(arbCompleteLine, fc.array(edit, { maxLength: 5 }))
  .map(([{ line }, edits]) => edits.reduce((current, apply) => apply(current), line));
