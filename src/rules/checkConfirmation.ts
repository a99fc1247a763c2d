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
   * the body's structure is wrong (wrong types, unknown fields) and it cannot be sent at all.
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

/**
 * A checker with its options resolved once; `checkConfirmation` builds one per call, code that
 * checks many lines should build one and reuse it.
 */
export function createConfirmationChecker(options: CheckOptions = {}) {
  const diaIds = new Set([...(options.diaOfferingIds ?? [])].map((id) => id.trim()));
  const formatSeverity: Severity = options.strictFormats ? 'error' : 'warning';

  return function check(input: unknown): ConfirmationCheck {
    const issues: Issue[] = [];
    const push = (path: string, code: RuleCode, severity: Severity, message: string) =>
      issues.push({ path, code, severity, message });

    const aliased = readAliases(input);
    for (const conflict of aliased.conflicts) {
      push(
        conflict.field,
        'conflicting_alias',
        'error',
        `"${conflict.field}" and "${conflict.alias}" are the same field and have different values`,
      );
    }
    if (!isRecord(aliased.value)) {
      push('', 'not_an_object', 'error', 'a line is a JSON object');
      return { ready: false, issues, line: null };
    }
    const raw: Record_ = aliased.value;

    const parsed = lineCreateObject.safeParse(raw);
    if (!parsed.success) issues.push(...issuesFromZod(parsed.error, raw));

    const dia = isDiaLine(raw, diaIds);

    // enni: required at confirmation, except for the DIA offer, where the API computes it.
    if (dia) {
      if (isFilled(raw.enni)) {
        push(
          'enni',
          'enni_overridden_for_dia',
          'warning',
          'DIA offer: the supplied enni is not sent; Covage computes it',
        );
      }
    } else if (!isFilled(raw.enni)) {
      push('enni', 'required_at_confirmation', 'error', 'enni is required to confirm the line');
    }

    // related_contact_information: at least one entry, each with the confirmation fields.
    const contacts = raw.related_contact_information;
    if (
      contacts === undefined ||
      contacts === null ||
      (Array.isArray(contacts) && contacts.length === 0)
    ) {
      push(
        'related_contact_information',
        'required_at_confirmation',
        'error',
        'related_contact_information needs at least one entry to confirm the line',
      );
    } else if (Array.isArray(contacts)) {
      contacts.forEach((contact, index) => {
        if (isRecord(contact)) checkContact(contact, `related_contact_information[${index}]`);
      });
    }

    function checkContact(contact: Record_, at: string) {
      for (const field of CONTACT_REQUIRED_AT_CONFIRMATION) {
        if (!isFilled(contact[field]))
          push(
            `${at}.${field}`,
            'required_at_confirmation',
            'error',
            `${field} is required to confirm the line`,
          );
      }
      const siret = contact.siret;
      if (raw.siret_known === true) {
        if (!isFilled(siret)) {
          push(
            `${at}.siret`,
            'siret_required',
            'error',
            'siret_known is true: the SIRET must be given',
          );
        } else if (typeof siret === 'string') {
          const problem = siretProblem(siret.trim());
          if (problem) push(`${at}.siret`, 'siret_invalid', 'error', `invalid SIRET: ${problem}`);
        }
      } else if (typeof siret === 'string' && isFilled(siret)) {
        const problem = siretProblem(siret.trim());
        if (problem) push(`${at}.siret`, 'siret_invalid', 'warning', `invalid SIRET: ${problem}`);
      }
      formatCheck(contact.postcode, `${at}.postcode`, 'postcode_invalid', postcodeProblem);
      formatCheck(contact.insee_code, `${at}.insee_code`, 'insee_code_invalid', inseeCodeProblem);
      for (const n of [1, 2]) {
        formatCheck(
          contact[`contact${n}_phone_number`],
          `${at}.contact${n}_phone_number`,
          'phone_number_invalid',
          phoneNumberProblem,
        );
        formatCheck(
          contact[`contact${n}_email_address`],
          `${at}.contact${n}_email_address`,
          'email_invalid',
          emailProblem,
        );
      }
      if (typeof contact.latitude === 'number') {
        const problem = latitudeProblem(contact.latitude);
        if (problem) push(`${at}.latitude`, 'latitude_out_of_range', formatSeverity, problem);
      }
      if (typeof contact.longitude === 'number') {
        const problem = longitudeProblem(contact.longitude);
        if (problem) push(`${at}.longitude`, 'longitude_out_of_range', formatSeverity, problem);
      }
    }

    function formatCheck(
      value: unknown,
      path: string,
      code: RuleCode,
      problemOf: (value: string) => string | undefined,
    ) {
      if (typeof value !== 'string' || !isFilled(value)) return;
      const problem = problemOf(value.trim());
      if (problem) push(path, code, formatSeverity, problem);
    }

    // Option 7021 ⇒ both CPE fields; without it, both must be empty.
    const with7021 = hasOption(raw.option_ids, CPE_OPTION_ID);
    for (const field of CPE_FIELDS) {
      const filled = isFilled(raw[field]);
      if (with7021 && !filled)
        push(
          field,
          'cpe_required_with_7021',
          'error',
          `option 7021 is selected: ${field} is required`,
        );
      if (!with7021 && filled)
        push(
          field,
          'cpe_forbidden_without_7021',
          'error',
          `${field} must be empty unless option 7021 is selected`,
        );
    }

    let line: LineCreate | null = null;
    if (parsed.success) {
      line = parsed.data;
      if (dia && 'enni' in line) {
        const { enni: _dropped, ...rest } = line;
        line = rest;
      }
    }
    const ready = !issues.some((issue) => issue.severity === 'error');
    return { ready, issues, line };
  };
}

/**
 * Checks one line against every rule that applies when its session is confirmed, and returns
 * the normalized line to send. Never throws: anything wrong with the input is an issue.
 */
export function checkConfirmation(input: unknown, options: CheckOptions = {}): ConfirmationCheck {
  return createConfirmationChecker(options)(input);
}
