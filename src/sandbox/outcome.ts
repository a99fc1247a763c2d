import type { LineCreate, TerminationError } from '../schemas/line.js';
import type { LineState, SessionState } from '../schemas/states.js';
import { createRandom, mixSeed } from './random.js';
import { findingsOf, isDiaLine, sessionStateOf } from './rules/index.js';
import { type ScriptedOutcome, scriptedDecision } from './script.js';

/** States a line's `note` can force with a `[sandbox:<state>]` marker. */
export const OUTCOME_MARKERS = [
  'acknowledged',
  'held_adv_validation',
  'in_progress',
  'rejected_creation',
  'technical_error',
] as const satisfies readonly LineState[];
export type ForcedOutcome = (typeof OUTCOME_MARKERS)[number];

/** The states an order line takes when its order is created, chosen by the seeded PRNG. */
export const ORDER_STATES = ['acknowledged', 'held_adv_validation', 'in_progress'] as const;

const MARKER = /\[sandbox:([a-z_]+)\]/g;

/** The first valid `[sandbox:<state>]` marker in a note. */
export function forcedOutcome(note: string | undefined): ForcedOutcome | undefined {
  for (const match of (note ?? '').matchAll(MARKER)) {
    const name = match[1] as ForcedOutcome;
    if (OUTCOME_MARKERS.includes(name)) return name;
  }
  return undefined;
}

export interface LineDecision {
  state: LineState;
  terminationError: TerminationError[];
}

/** The value at a path like `related_contact_information[0].insee_code`, as a string. */
export function valueAtPath(root: unknown, path: string): string {
  let current: unknown = root;
  for (const segment of path.match(/[^.[\]]+/g) ?? []) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, segment))
      return '';
    current = (current as Record<string, unknown>)[segment];
  }
  if (current === undefined || current === null || path === '') return '';
  return typeof current === 'object' ? JSON.stringify(current) : String(current);
}

/** `position`: the line's place in its session, from 1 (scripted outcomes name lines by it). */
export type Decide = (input: LineCreate, sequence: number, position?: number) => LineDecision;

/**
 * What the back office makes of one confirmed line: a line breaking the sandbox's rule table
 * (src/sandbox/rules, its own reading of the doc) is `rejected_creation` with one
 * `termination_error` per finding; otherwise a `note` marker decides, or a PRNG seeded from
 * `seed` and the line's creation sequence number.
 */
export function createLineDecider(options: {
  seed: number;
  diaOfferingIds: string[];
  scriptedOutcomes?: readonly ScriptedOutcome[];
}): Decide {
  const diaIds = new Set(options.diaOfferingIds.map((id) => id.trim()));
  const script = options.scriptedOutcomes ?? [];
  return (input, sequence, position) => {
    const findings = findingsOf(input, { dia: isDiaLine(input, diaIds) });
    if (findings.length > 0)
      return {
        state: 'rejected_creation',
        terminationError: findings.map(({ code, path }) => ({
          code,
          property_path: path,
          value: valueAtPath(input, path),
        })),
      };
    const scripted =
      position === undefined ? undefined : scriptedDecision(script, input, position, valueAtPath);
    if (scripted) return scripted;
    const forced = forcedOutcome(input.note);
    if (forced === 'rejected_creation' || forced === 'technical_error')
      return {
        state: forced,
        terminationError: [
          {
            code: forced === 'rejected_creation' ? 'sandbox_forced_rejection' : 'technical_error',
            property_path: 'note',
            value: `[sandbox:${forced}]`,
          },
        ],
      };
    if (forced) return { state: forced, terminationError: [] };
    const random = createRandom(mixSeed(options.seed, sequence));
    const state = ORDER_STATES[Math.floor(random() * ORDER_STATES.length)] ?? 'acknowledged';
    return { state, terminationError: [] };
  };
}

/** The doc's session flowchart, once every line has its outcome. */
export function finalSessionState(lineStates: readonly LineState[]): SessionState {
  return sessionStateOf(lineStates);
}
