/** How bad a finding is: an `error` stops confirmation, a `warning` does not. */
export type Severity = 'error' | 'warning';

/**
 * Stable codes users match on. Business rules (from the doc), checks the doc does not state
 * (warnings unless `strictFormats`), and structural problems of the body itself.
 */
export type RuleCode =
  // business rules stated by the order-taking doc
  | 'required_at_confirmation'
  | 'cpe_required_with_7021'
  | 'cpe_forbidden_without_7021'
  | 'enni_overridden_for_dia'
  | 'siret_required'
  | 'siret_invalid'
  // checks a French operator's back office makes, not stated by the doc
  | 'postcode_invalid'
  | 'insee_code_invalid'
  | 'phone_number_invalid'
  | 'email_invalid'
  | 'latitude_out_of_range'
  | 'longitude_out_of_range'
  // session-level checks
  | 'session_has_no_line'
  | 'duplicate_external_id'
  | 'duplicate_qualification_item'
  // the body's structure
  | 'required_at_creation'
  | 'invalid_type'
  | 'invalid_value'
  | 'invalid_format'
  | 'unknown_field'
  | 'conflicting_alias'
  | 'not_an_object';

/** One finding, with the property path it concerns, e.g. `related_contact_information[0].insee_code`. */
export interface Issue {
  path: string;
  code: RuleCode;
  severity: Severity;
  message: string;
}
