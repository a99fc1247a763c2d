/**
 * A line as an app's form gives it (`LineDraft`), read the way a session reads it: both spellings
 * accepted, normalized to the tables' spelling. What makes the body unsendable (a wrong type, an
 * unknown field, a missing identifier) is an issue; what is only missing at confirmation is not
 * (see `checkConfirmation` and `readiness`).
 */
import type * as z from 'zod/mini';
import { type LineCreate, type lineCreateObject, lineCreateSchema } from '../schemas/line.js';
import type { Issue } from './issue.js';
import { joinPath } from './path.js';
import { issuesFromZod, zodIssueMessage } from './zodIssues.js';

/** A line as typed in: the create body's fields (tables' spelling), numbers or strings allowed. */
export type LineDraft = z.input<typeof lineCreateObject> & {
  /** The doc's examples' spelling of `enni_2`. */
  enni2?: string;
  /** The doc's examples' spelling of `cpe_networking_number`. */
  cpe_network_number?: string;
};

/** An edit of a line: the fields to change; `null` (or `undefined`) clears a field. */
export type LineChanges = {
  [Field in keyof z.input<typeof lineCreateObject>]?:
    | z.input<typeof lineCreateObject>[Field]
    | null;
};

export interface ParsedLine {
  /**
   * The line as a session keeps it (a DIA line keeps its `enni`: the session warns that it is not
   * sent), or `null` when it cannot be sent at all.
   */
  line: LineCreate | null;
  /** Why it cannot be sent: one issue per problem, with its path. Empty when `line` is set. */
  issues: Issue[];
}

/**
 * Lines this function returned and nobody read again yet: reading one again gives it back as it
 * is, once (parsing is idempotent), so that a line parsed by `OrderSession.addLine` is not parsed
 * a second time by the session's `ADD_LINE` (a zod parse of a whole line is the largest part of
 * adding one). Such a line is not to be changed in place (the package never does: every edit
 * makes a new object).
 */
const parsedLines = new WeakSet<object>();

/**
 * Reads a draft the way `OrderSession.addLine` and the session's `ADD_LINE` do. Never throws.
 * `at` prefixes the issues' paths (`lines[2]` gives `lines[2].enni`).
 */
export function parseLine(draft: LineDraft, at = ''): ParsedLine {
  // Taken once: the set then holds nothing for the lines a session keeps.
  if (parsedLines.delete(draft)) return { line: draft as LineCreate, issues: [] };
  const parsed = lineCreateSchema.safeParse(draft, { error: zodIssueMessage });
  if (parsed.success) {
    parsedLines.add(parsed.data);
    return { line: parsed.data, issues: [] };
  }
  const issues = issuesFromZod(parsed.error, draft);
  return {
    line: null,
    issues: at ? issues.map((issue) => ({ ...issue, path: joinPath(at, issue.path) })) : issues,
  };
}
