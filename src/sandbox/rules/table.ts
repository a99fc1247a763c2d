/**
 * The sandbox's rule table: what the Covage back office refuses when an order session is
 * confirmed, read from the order-taking doc (`covage-order-taking.txt`) on its own, without the
 * client's rules (src/rules), so that a test comparing the two compares two readings.
 *
 * Each rule names where the doc states it. A line that breaks any rule becomes
 * `rejected_creation`, with one `termination_error` per finding.
 */
import type { LineCreate } from '../../schemas/line.js';
import { siretIsValid } from './siret.js';

export type SandboxLine = LineCreate;
type Contact = NonNullable<SandboxLine['related_contact_information']>[number];

export interface Finding {
  code: string;
  /** As `termination_error.property_path` writes it: `related_contact_information[0].city`. */
  path: string;
}

export interface RuleContext {
  /** The line is a DIA offer (see dia.ts). */
  dia: boolean;
}

export interface Rule {
  code: string;
  /** Where the doc says so. */
  doc: string;
  /** The paths where the line breaks the rule. */
  paths(line: SandboxLine, context: RuleContext): string[];
}

/** The contact table's "Yes (during confirmation only)" rows, in the table's order. */
export const CONTACT_FIELDS_AT_CONFIRMATION = [
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
] as const satisfies readonly (keyof Contact)[];

/** The option that brings the CPE fields, and those fields. */
export const CPE_OPTION = '7021';
export const CPE_FIELDS = ['cpe_networking_number', 'cpe_serial_number'] as const;

/** The back office reads a value made of spaces as no value. */
const given = (value: unknown): value is string =>
  typeof value === 'string' && value.trim().length > 0;

const contactsOf = (line: SandboxLine) => line.related_contact_information ?? [];

const contactPath = (index: number, field: string) =>
  `related_contact_information[${index}].${field}`;

const withOption7021 = (line: SandboxLine) =>
  line.option_ids?.some((option) => option.trim() === CPE_OPTION) === true;

/** In the order the back office reports them: the line table's order, then the contacts'. */
export const RULES: readonly Rule[] = [
  {
    code: 'required_at_confirmation',
    doc: 'line table: enni, "Yes (during confirmation only*)"; the * is the DIA special case',
    paths: (line, { dia }) => (dia || given(line.enni) ? [] : ['enni']),
  },
  {
    code: 'required_at_confirmation',
    doc: 'line table: related_contact_information, "Yes (during confirmation only)"',
    paths: (line) => (contactsOf(line).length === 0 ? ['related_contact_information'] : []),
  },
  {
    code: 'required_at_confirmation',
    doc: 'contact table: the ten rows "Yes (during confirmation only)"',
    paths: (line) =>
      contactsOf(line).flatMap((contact, index) =>
        CONTACT_FIELDS_AT_CONFIRMATION.filter((field) => !given(contact[field])).map((field) =>
          contactPath(index, field),
        ),
      ),
  },
  {
    code: 'siret_required',
    doc: 'line table: siret_known, "Should the SIRET be filled ?"',
    paths: (line) =>
      line.siret_known === true
        ? contactsOf(line).flatMap((contact, index) =>
            given(contact.siret) ? [] : [contactPath(index, 'siret')],
          )
        : [],
  },
  {
    code: 'siret_invalid',
    doc: 'siret_known asks for a SIRET; a SIRET is what the SIRENE register issues (siret.ts)',
    paths: (line) =>
      line.siret_known === true
        ? contactsOf(line).flatMap((contact, index) =>
            given(contact.siret) && !siretIsValid(contact.siret.trim())
              ? [contactPath(index, 'siret')]
              : [],
          )
        : [],
  },
  {
    code: 'cpe_required_with_7021',
    doc: 'confirming the session: "required if option 7021 is present in option_ids"',
    paths: (line) =>
      withOption7021(line) ? CPE_FIELDS.filter((field) => !given(line[field])) : [],
  },
  {
    code: 'cpe_forbidden_without_7021',
    doc: 'confirming the session: "otherwise they must be empty"',
    paths: (line) => (withOption7021(line) ? [] : CPE_FIELDS.filter((field) => given(line[field]))),
  },
];

/** Every finding of every rule, each with its rule's code. */
export function findingsOf(line: SandboxLine, context: RuleContext): Finding[] {
  return RULES.flatMap((rule) =>
    rule.paths(line, context).map((path) => ({ code: rule.code, path })),
  );
}
