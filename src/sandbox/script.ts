/**
 * Scripted outcomes: what the back office makes of given lines, by their position in their
 * session ("line 2 is rejected on insee_code"), for tests that drive an app and cannot put a
 * `[sandbox:…]` marker in a line's note. A line breaking the sandbox's rule table is still
 * rejected on its findings first.
 */
import type { TerminationError } from '../schemas/line.js';
import type { LineState } from '../schemas/states.js';

export interface ScriptedOutcome {
  /**
   * The line's position in its session, from 1: the number the engine gave it (its generated
   * `external_id` ends in it), else its place in the order the lines were created.
   */
  line: number;
  /** Its outcome. Default `rejected_creation`. */
  state?: Extract<
    LineState,
    'acknowledged' | 'held_adv_validation' | 'in_progress' | 'rejected_creation' | 'technical_error'
  >;
  /**
   * For a line without an order: the property its termination error names, as a path
   * (`related_contact_information[0].insee_code`) or a field name, looked for on the line, then on
   * its first contact. Default `note`.
   */
  on?: string;
  /** The termination error's code. Default `sandbox_scripted_rejection` (or `technical_error`). */
  code?: string;
}

const NO_ORDER: readonly string[] = ['rejected_creation', 'technical_error'];

/** The path a scripted rejection names on this line. */
function pathOn(input: Record<string, unknown>, on: string): string {
  if (/[.[]/.test(on) || Object.hasOwn(input, on)) return on;
  const contacts = input.related_contact_information;
  const first = Array.isArray(contacts) ? contacts[0] : undefined;
  if (typeof first === 'object' && first !== null && Object.hasOwn(first, on))
    return `related_contact_information[0].${on}`;
  return on;
}

/** Checks a script; a wrong entry is a RangeError naming it. */
export function checkScript(script: readonly ScriptedOutcome[]): ScriptedOutcome[] {
  const states = [
    'acknowledged',
    'held_adv_validation',
    'in_progress',
    'rejected_creation',
    'technical_error',
  ];
  return script.map((entry, index) => {
    if (!Number.isInteger(entry.line) || entry.line < 1)
      throw new RangeError(`sandbox option scriptedOutcomes[${index}].line must be 1 or more`);
    if (entry.state !== undefined && !states.includes(entry.state))
      throw new RangeError(
        `sandbox option scriptedOutcomes[${index}].state must be one of ${states.join(', ')}`,
      );
    return { ...entry };
  });
}

/** The scripted decision for the line at `position`, or undefined when none is scripted. */
export function scriptedDecision(
  script: readonly ScriptedOutcome[],
  input: Record<string, unknown>,
  position: number,
  valueAt: (root: unknown, path: string) => string,
): { state: LineState; terminationError: TerminationError[] } | undefined {
  const entry = script.find((candidate) => candidate.line === position);
  if (!entry) return undefined;
  const state = entry.state ?? 'rejected_creation';
  if (!NO_ORDER.includes(state)) return { state, terminationError: [] };
  const path = pathOn(input, entry.on ?? 'note');
  const code =
    entry.code ?? (state === 'technical_error' ? 'technical_error' : 'sandbox_scripted_rejection');
  return {
    state,
    terminationError: [{ code, property_path: path, value: valueAt(input, path) }],
  };
}
