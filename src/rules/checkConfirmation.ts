import { CONTACT_REQUIRED_AT_CONFIRMATION } from '../schemas/contact.js';
import { type LineCreate, lineCreateObject } from '../schemas/line.js';
import { readAliases } from '../schemas/spelling.js';
import { isDiaLine } from './dia.js';
import {
  emailProblem,
  inseeCodeProblem,
  latitudeProblem,
  longitudeProblem,
  phoneNumberProblem,
  postcodeProblem,
} from './formats.js';
import type { Issue, RuleCode, Severity } from './issue.js';
import { siretProblem } from './siret.js';
import { issuesFromZod } from './zodIssues.js';

export interface CheckOptions {
  /** `product_offering_id`s that are DIA offerings (besides lines whose `offer_family` is DIA). */
  diaOfferingIds?: Iterable<string>;
  /** Make the checks the doc does not state (postcode, INSEE, phone, e-mail, coordinates) errors. */
  strictFormats?: boolean;
}

export interface ConfirmationCheck {
  /** True when no issue is an error: the line may be confirmed. */
  ready: boolean;
  /** Every finding, errors and warnings, each with its property path. */
  issues: Issue[];
  /**
   * The normalized line to send (tables' spelling; a DIA line's `enni` removed), or `null` when
   * the body's structure is wrong (wrong types, unknown fields, a field under both spellings
   * with different values) and it cannot be sent at all.
   */
  line: LineCreate | null;
}

/** The option id that makes the two CPE fields required. */
export const CPE_OPTION_ID = '7021';
export const CPE_FIELDS = ['cpe_networking_number', 'cpe_serial_number'] as const;

type Record_ = Record<string, unknown>;

function isRecord(value: unknown): value is Record_ {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value counts as filled in when it is present and not blank. */
export function isFilled(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  return true;
}

function hasOption(optionIds: unknown, id: string): boolean {
  return Array.isArray(optionIds) && optionIds.some((option) => String(option).trim() === id);
}

/** The contact checks the doc does not state, in the order their issues are reported. */
const FORMAT_CHECKS: readonly {
  field: string;
  code: RuleCode;
  problemOf: (value: string) => string | undefined;
}[] = [
  { field: 'postcode', code: 'postcode_invalid', problemOf: postcodeProblem },
  { field: 'insee_code', code: 'insee_code_invalid', problemOf: inseeCodeProblem },
  { field: 'contact1_phone_number', code: 'phone_number_invalid', problemOf: phoneNumberProblem },
  { field: 'contact1_email_address', code: 'email_invalid', problemOf: emailProblem },
  { field: 'contact2_phone_number', code: 'phone_number_invalid', problemOf: phoneNumberProblem },
  { field: 'contact2_email_address', code: 'email_invalid', problemOf: emailProblem },
];

/** Where a line's findings go. Paths are built only for a finding, not for every check. */
class Findings {
  readonly issues: Issue[] = [];
  add(path: string, code: RuleCode, severity: Severity, message: string): void {
    this.issues.push({ path, code, severity, message });
  }
  get ready(): boolean {
    return !this.issues.some((issue) => issue.severity === 'error');
  }
}

/** enni: required at confirmation, except for the DIA offer, where the API computes it. */
function checkEnni(line: Record_, dia: boolean, findings: Findings): void {
  if (dia) {
    if (isFilled(line.enni))
      findings.add(
        'enni',
        'enni_overridden_for_dia',
        'warning',
        'DIA offer: the supplied enni is not sent; Covage computes it',
      );
  } else if (!isFilled(line.enni)) {
    findings.add(
      'enni',
      'required_at_confirmation',
      'error',
      'enni is required to confirm the line',
    );
  }
}

/** related_contact_information: at least one entry, each with the confirmation fields. */
function checkContacts(line: Record_, formatSeverity: Severity, findings: Findings): void {
  const contacts = line.related_contact_information;
  if (
    contacts === undefined ||
    contacts === null ||
    (Array.isArray(contacts) && contacts.length === 0)
  ) {
    findings.add(
      'related_contact_information',
      'required_at_confirmation',
      'error',
      'related_contact_information needs at least one entry to confirm the line',
    );
    return;
  }
  if (!Array.isArray(contacts)) return; // a wrong type: reported by the schema
  const siretKnown = line.siret_known === true;
  for (let index = 0; index < contacts.length; index++) {
    const contact: unknown = contacts[index];
    if (isRecord(contact)) checkContact(contact, index, siretKnown, formatSeverity, findings);
  }
}

function checkContact(
  contact: Record_,
  index: number,
  siretKnown: boolean,
  formatSeverity: Severity,
  findings: Findings,
): void {
  const at = `related_contact_information[${index}]`;
  for (const field of CONTACT_REQUIRED_AT_CONFIRMATION) {
    if (!isFilled(contact[field]))
      findings.add(
        `${at}.${field}`,
        'required_at_confirmation',
        'error',
        `${field} is required to confirm the line`,
      );
  }
  const siret = contact.siret;
  if (siretKnown && !isFilled(siret)) {
    findings.add(
      `${at}.siret`,
      'siret_required',
      'error',
      'siret_known is true: the SIRET must be given',
    );
  } else if (typeof siret === 'string' && isFilled(siret)) {
    // With siret_known, the doc asks for the SIRET: an invalid one is an error. Without, a
    // SIRET given anyway is checked all the same, as a warning.
    const problem = siretProblem(siret.trim());
    if (problem)
      findings.add(
        `${at}.siret`,
        'siret_invalid',
        siretKnown ? 'error' : 'warning',
        `invalid SIRET: ${problem}`,
      );
  }
  for (const { field, code, problemOf } of FORMAT_CHECKS) {
    const value = contact[field];
    if (typeof value !== 'string' || !isFilled(value)) continue;
    const problem = problemOf(value.trim());
    if (problem) findings.add(`${at}.${field}`, code, formatSeverity, problem);
  }
  if (typeof contact.latitude === 'number') {
    const problem = latitudeProblem(contact.latitude);
    if (problem) findings.add(`${at}.latitude`, 'latitude_out_of_range', formatSeverity, problem);
  }
  if (typeof contact.longitude === 'number') {
    const problem = longitudeProblem(contact.longitude);
    if (problem) findings.add(`${at}.longitude`, 'longitude_out_of_range', formatSeverity, problem);
  }
}

/** Option 7021 ⇒ both CPE fields; without it, both must be empty. Each direction its own code. */
function checkCpe(line: Record_, findings: Findings): void {
  const with7021 = hasOption(line.option_ids, CPE_OPTION_ID);
  for (const field of CPE_FIELDS) {
    const filled = isFilled(line[field]);
    if (with7021 && !filled)
      findings.add(
        field,
        'cpe_required_with_7021',
        'error',
        `option 7021 is selected: ${field} is required`,
      );
    if (!with7021 && filled)
      findings.add(
        field,
        'cpe_forbidden_without_7021',
        'error',
        `${field} must be empty unless option 7021 is selected`,
      );
  }
}

/**
 * A checker with its options resolved once; `checkConfirmation` builds one per call, code that
 * checks many lines should build one and reuse it.
 */
export function createConfirmationChecker(options: CheckOptions = {}) {
  const diaIds = new Set([...(options.diaOfferingIds ?? [])].map((id) => id.trim()));
  const formatSeverity: Severity = options.strictFormats ? 'error' : 'warning';

  return function check(input: unknown): ConfirmationCheck {
    const findings = new Findings();
    const aliased = readAliases(input);
    for (const conflict of aliased.conflicts) {
      findings.add(
        conflict.field,
        'conflicting_alias',
        'error',
        `"${conflict.field}" and "${conflict.alias}" are the same field and have different values`,
      );
    }
    if (!isRecord(aliased.value)) {
      findings.add('', 'not_an_object', 'error', 'a line is a JSON object');
      return { ready: false, issues: findings.issues, line: null };
    }
    const raw = aliased.value;
    const parsed = lineCreateObject.safeParse(raw);
    if (!parsed.success) findings.issues.push(...issuesFromZod(parsed.error, raw));

    const dia = isDiaLine(raw, diaIds);
    checkEnni(raw, dia, findings);
    checkContacts(raw, formatSeverity, findings);
    checkCpe(raw, findings);

    // Two spellings of one field with different values: which one was meant is unknown, so
    // the line is not sendable (the API refuses it at creation too).
    let line: LineCreate | null = null;
    if (parsed.success && aliased.conflicts.length === 0) {
      line = parsed.data;
      if (dia && 'enni' in line) {
        const { enni: _dropped, ...rest } = line;
        line = rest;
      }
    }
    return { ready: findings.ready, issues: findings.issues, line };
  };
}

/**
 * Checks one line against every rule that applies when its session is confirmed, and returns
 * the normalized line to send. Never throws: anything wrong with the input is an issue.
 */
export function checkConfirmation(input: unknown, options: CheckOptions = {}): ConfirmationCheck {
  return createConfirmationChecker(options)(input);
}
