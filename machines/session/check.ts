/**
 * Validation before confirming: the doc's rules over every line still in the session, read from
 * the line actors (once per CONFIRM, not per line event).
 */
import {
  type CheckOptions,
  type ConfirmationCheck,
  createConfirmationChecker,
} from '../../src/rules/checkConfirmation.js';
import { checkSession, type SessionCheck } from '../../src/rules/checkSession.js';
import type { Issue, RuleCode } from '../../src/rules/issue.js';
import { joinPath } from '../../src/rules/path.js';
import type { LineRef } from './lineRegistry.js';
import type { SessionContext } from './types.js';

/** The session's lines, in order (removed ones included: they keep their record). */
export function lineRefs(context: Pick<SessionContext, 'lines'>): Iterable<LineRef> {
  return context.lines.getSnapshot().lines.values();
}

/** Lines that are part of the session: running, and not removed nor being removed. */
export function* activeLineRefs(context: Pick<SessionContext, 'lines'>): Iterable<LineRef> {
  for (const ref of lineRefs(context)) {
    const line = ref.getSnapshot();
    if (line.status === 'active' && !line.hasTag('going')) yield ref;
  }
}

/**
 * One check per context: the six rule guards and `reportIssues` read the same result. Every edit
 * forwarded to a line changes the context (`revision`), so a cached check is never stale.
 */
const checks = new WeakMap<SessionContext, SessionCheck>();

/** The confirmation check of every line still in the session, with paths like `lines[2].enni`. */
export function sessionCheck(context: SessionContext): SessionCheck {
  let check = checks.get(context);
  if (!check) {
    const lines = [...activeLineRefs(context)].map((ref) => ref.getSnapshot().context);
    const options = {
      diaOfferingIds: context.options.diaOfferingIds,
      strictFormats: context.options.strictFormats,
    };
    const result = checkSession(
      lines.map((line) => line.draft),
      options,
      rememberingChecker(options),
    );
    // Paths name each line's position in the order (`lines[i]…`), not its rank among the lines left.
    const at = (position: number) => `lines[${lines[position]?.index ?? position}]`;
    check = {
      ready: result.ready,
      issues: [
        ...result.issues.map((issue) => ({
          ...issue,
          path: issue.path.replace(/^lines\[(\d+)\]/, (_, n: string) => at(Number(n))),
        })),
        ...result.lines.flatMap((report) =>
          report.issues.map((issue) => ({
            ...issue,
            path: joinPath(at(report.index), issue.path),
          })),
        ),
      ],
      lines: result.lines,
    };
    checks.set(context, check);
  }
  return check;
}

/**
 * Each line's own check, by draft: a session checks its lines up to three times on the way to its
 * confirmation (the CONFIRM, again once the API session exists, and once every line is in sync),
 * and a draft is never changed in place (an edit makes a new one), so a line whose draft is the
 * same object is not checked again with the same options. The checks across lines are redone.
 * What is kept lives as long as the draft: for a line without any finding, one object shared by
 * all such lines (nothing per line but the map's entry); the `line` of a report is the draft.
 */
interface KnownCheck {
  options: string;
  ready: boolean;
  issues: ConfirmationCheck['issues'];
  sendable: boolean;
}
const lineChecks = new WeakMap<object, KnownCheck>();
const clean = new Map<string, KnownCheck>();

function rememberingChecker(options: CheckOptions): (line: unknown) => ConfirmationCheck {
  const check = createConfirmationChecker(options);
  const key = JSON.stringify([options.strictFormats === true, [...(options.diaOfferingIds ?? [])]]);
  const found = (line: object, known: KnownCheck): ConfirmationCheck => ({
    ready: known.ready,
    issues: known.issues,
    line: known.sendable ? (line as ConfirmationCheck['line']) : null,
  });
  return (line) => {
    if (typeof line !== 'object' || line === null) return check(line);
    const known = lineChecks.get(line);
    if (known?.options === key) return found(line, known);
    const result = check(line);
    const sendable = result.line !== null;
    let remembered: KnownCheck = {
      options: key,
      ready: result.ready,
      issues: result.issues,
      sendable,
    };
    if (result.ready && sendable && result.issues.length === 0) {
      remembered = clean.get(key) ?? remembered;
      clean.set(key, remembered);
    }
    lineChecks.set(line, remembered);
    return result;
  };
}

/** True when no error of these codes stops the confirmation. */
export function noErrorOf(check: SessionCheck, codes: readonly RuleCode[]): boolean {
  return !check.issues.some(
    (issue: Issue) => issue.severity === 'error' && codes.includes(issue.code),
  );
}
