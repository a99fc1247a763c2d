import type { LineCreate } from '../schemas/line.js';
import {
  type CheckOptions,
  type ConfirmationCheck,
  createConfirmationChecker,
} from './checkConfirmation.js';
import type { Issue } from './issue.js';

export interface LineReport {
  index: number;
  ready: boolean;
  issues: Issue[];
  line: LineCreate | null;
}

export interface SessionCheck {
  /** True when the session has at least one line and no error anywhere. */
  ready: boolean;
  /** Session-level issues; paths start with `lines[i]` where they concern one line. */
  issues: Issue[];
  lines: LineReport[];
}

/**
 * Checks every line of a session for confirmation, plus what only shows across lines: a session
 * with no line is not ready; two lines with the same `external_id` cannot be told apart when a
 * lost answer is reconciled, so that is an error; the same eligibility item twice is a warning.
 */
export function checkSession(
  lines: readonly unknown[],
  options: CheckOptions = {},
  /** Checks one line (default: `createConfirmationChecker(options)`), e.g. one that remembers. */
  check: (line: unknown) => ConfirmationCheck = createConfirmationChecker(options),
): SessionCheck {
  const reports: LineReport[] = lines.map((input, index) => {
    const { ready, issues, line } = check(input);
    return { index, ready, issues, line };
  });
  const issues: Issue[] = [];
  if (lines.length === 0) {
    issues.push({
      path: 'lines',
      code: 'session_has_no_line',
      severity: 'error',
      message: 'a session needs at least one line to be confirmed',
    });
  }
  const seenExternal = new Map<string, number>();
  const seenQualification = new Map<string, number>();
  for (const report of reports) {
    const line = report.line;
    if (!line) continue;
    const externalId = line.external_id?.trim();
    if (externalId) {
      const first = seenExternal.get(externalId);
      if (first === undefined) seenExternal.set(externalId, report.index);
      else
        issues.push({
          path: `lines[${report.index}].external_id`,
          code: 'duplicate_external_id',
          severity: 'error',
          message: `external_id "${externalId}" is already used by lines[${first}]`,
        });
    }
    const qualification = line.product_offering_qualification_item_id; // trimmed by the schema
    const firstQ = seenQualification.get(qualification);
    if (firstQ === undefined) seenQualification.set(qualification, report.index);
    else
      issues.push({
        path: `lines[${report.index}].product_offering_qualification_item_id`,
        code: 'duplicate_qualification_item',
        severity: 'warning',
        message: `the same eligibility item is already ordered by lines[${firstQ}]`,
      });
  }
  const ready =
    !issues.some((issue) => issue.severity === 'error') && reports.every((report) => report.ready);
  return { ready, issues, lines: reports };
}
