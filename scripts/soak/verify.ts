/**
 * The soak's invariants, checked against what the sandbox holds (its `/__sandbox/state`): every
 * intended line exactly once, in its own session, in the state its marker forces; every session
 * final, in the state the engine reported and the markers imply. Nothing else in the sandbox but
 * empty sessions (a session creation whose answer was lost leaves one behind; see
 * docs/reliability.md).
 */
import type { Line } from '../../src/schemas/line.js';
import { FINAL_SESSION_STATES, type SessionState } from '../../src/schemas/states.js';
import type { IntendedSession, Marker } from './orders.js';

export interface HeldSession {
  id: string;
  user?: string;
  external_id?: string | null;
  state?: string | null;
  product_order_item: Line[];
}

/** What the engine (or the CLI) reported for one intended session. */
export interface Reported {
  intended: IntendedSession;
  /** The API session id the engine used (null: it never got one). */
  sessionId: string | null;
  /** The engine's final word: `completed`, `partial`, `rejected`, `failed`, … */
  state: string;
  /** The line states the engine reported, by external_id (optional). */
  lineStates?: ReadonlyMap<string, string | null>;
}

export interface Verification {
  sessions: number;
  finalSessions: number;
  lines: number;
  exactlyOnce: number;
  /** Extra copies of intended lines. */
  duplicates: number;
  /** Intended lines the sandbox does not hold. */
  lost: number;
  /** Intended lines held once, but in another session than the engine's. */
  misplaced: number;
  /** Lines the sandbox holds that no one intended. */
  strays: number;
  /** Sandbox sessions no intended session maps to (all empty when all is well). */
  orphanSessions: number;
  /** States that differ between the markers, the sandbox and the engine. */
  mismatches: number;
  /** The first problems, in words. */
  problems: string[];
}

const MAX_PROBLEMS = 20;

const LINE_STATE_OF: Record<Marker, string> = {
  acknowledged: 'acknowledged',
  held_adv_validation: 'held_adv_validation',
  in_progress: 'in_progress',
  rejected_creation: 'rejected_creation',
};

function isFinal(state: string | null | undefined): boolean {
  return FINAL_SESSION_STATES.includes(state as SessionState);
}

export function verify(reported: readonly Reported[], held: readonly HeldSession[]): Verification {
  const problems: string[] = [];
  const note = (problem: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push(problem);
  };
  const copies = new Map<string, { sessionId: string; line: Line }[]>();
  for (const session of held) {
    for (const line of session.product_order_item) {
      const key = line.external_id ?? '';
      copies.set(key, [...(copies.get(key) ?? []), { sessionId: session.id, line }]);
    }
  }
  const heldById = new Map(held.map((session) => [session.id, session]));
  const intendedIds = new Set<string>();
  const usedSessions = new Set<string>();
  const result: Verification = {
    sessions: reported.length,
    finalSessions: 0,
    lines: 0,
    exactlyOnce: 0,
    duplicates: 0,
    lost: 0,
    misplaced: 0,
    strays: 0,
    orphanSessions: 0,
    mismatches: 0,
    problems,
  };

  for (const entry of reported) {
    const label = entry.intended.externalId;
    const session = entry.sessionId ? heldById.get(entry.sessionId) : undefined;
    if (entry.sessionId) usedSessions.add(entry.sessionId);
    const final = isFinal(entry.state) && session !== undefined && isFinal(session.state);
    if (final) result.finalSessions++;
    else note(`${label}: not final (engine ${entry.state}, sandbox ${session?.state ?? 'none'})`);
    if (final && (session?.state !== entry.state || entry.state !== entry.intended.expected)) {
      result.mismatches++;
      note(
        `${label}: engine says ${entry.state}, sandbox ${session?.state}, markers imply ${entry.intended.expected}`,
      );
    }
    for (const line of entry.intended.lines) {
      result.lines++;
      intendedIds.add(line.externalId);
      const found = copies.get(line.externalId) ?? [];
      if (found.length === 0) {
        result.lost++;
        note(`${line.externalId}: lost (the sandbox does not hold it)`);
        continue;
      }
      if (found.length > 1) {
        result.duplicates += found.length - 1;
        note(`${line.externalId}: held ${found.length} times`);
        continue;
      }
      const only = found[0] as { sessionId: string; line: Line };
      if (only.sessionId !== entry.sessionId) {
        result.misplaced++;
        note(`${line.externalId}: held in session ${only.sessionId}, not ${entry.sessionId}`);
        continue;
      }
      result.exactlyOnce++;
      const expected = LINE_STATE_OF[line.marker];
      const engine = entry.lineStates?.get(line.externalId);
      if (
        final &&
        (only.line.state !== expected || (engine !== undefined && engine !== expected))
      ) {
        result.mismatches++;
        note(
          `${line.externalId}: marker ${expected}, sandbox ${only.line.state}, engine ${engine ?? '—'}`,
        );
      }
    }
  }

  for (const [externalId, found] of copies) {
    if (intendedIds.has(externalId)) continue;
    result.strays += found.length;
    note(`a line nobody intended (external_id "${externalId}") is held ${found.length} time(s)`);
  }
  for (const session of held) {
    if (usedSessions.has(session.id)) continue;
    result.orphanSessions++;
    if (session.product_order_item.length > 0)
      note(`session ${session.id} is not any intended session's, yet holds lines`);
  }
  return result;
}

/** True when nothing was duplicated, lost, misplaced, stray, unfinished or inconsistent. */
export function verificationPassed(v: Verification): boolean {
  return (
    v.duplicates === 0 &&
    v.lost === 0 &&
    v.misplaced === 0 &&
    v.strays === 0 &&
    v.mismatches === 0 &&
    v.finalSessions === v.sessions
  );
}
