/**
 * What the dashboard shows: every session the sandbox holds, with its lines, states, history
 * and termination errors, and where each sits in its state diagram. Never a credential: users
 * are shown by the names the sandbox gives them (`token-1`, `user:alice`, …).
 */
import { generatedLineNumber } from '../../lines/externalId.js';
import type { StateChange, TerminationError } from '../../schemas/line.js';
import type { LineState, SessionState } from '../../schemas/states.js';
import type { StoredLine, StoredSession } from '../store.js';
import { lineDiagramState, sessionDiagramState } from './stateMap.js';

export interface LineView {
  id: string;
  /** 1-based position in its session, in the order the API created the lines. */
  position: number;
  /**
   * The line's number in the order file, read from the external_id the engine gives a line
   * that has none (`co-<instanceKey>-0012` → 12); null for an external_id of the user's own.
   */
  number: number | null;
  externalId: string;
  productOfferingId: string;
  temporaryReference: string;
  orderReference: string;
  state: LineState;
  /** The line machine's state (its path joined with `__`, as on the line diagram). */
  diagramState: string;
  stateChange: StateChange[];
  terminationError: TerminationError[];
}

export interface SessionView {
  id: string;
  /** 1-based, in the order the sandbox created the sessions. */
  number: number;
  user: string;
  externalId: string;
  projectId: string;
  state: SessionState;
  /** The session machine's state (its path joined with `__`, as on the session diagram). */
  diagramState: string;
  creationDate: string;
  orderDate: string | null;
  completionDate: string | null;
  lines: LineView[];
}

export interface DashboardView {
  sessions: SessionView[];
}

function lineView(line: StoredLine, index: number, session: StoredSession): LineView {
  const externalId = line.input.external_id ?? '';
  return {
    id: line.id,
    position: index + 1,
    number: generatedLineNumber(externalId) ?? null,
    externalId,
    productOfferingId: line.input.product_offering_id ?? '',
    temporaryReference: line.temporaryReference,
    orderReference: line.orderReference,
    state: line.state,
    diagramState: lineDiagramState(line.state, session.state),
    stateChange: line.stateChange.map((change) => ({ ...change })),
    terminationError: line.terminationError.map((error) => ({ ...error })),
  };
}

export function sessionView(session: StoredSession, index: number): SessionView {
  return {
    id: session.id,
    number: index + 1,
    user: session.user,
    externalId: session.externalId,
    projectId: session.projectId,
    state: session.state,
    diagramState: sessionDiagramState(session.state),
    creationDate: session.creationDate,
    orderDate: session.orderDate,
    completionDate: session.completionDate,
    lines: session.lines
      .map((line, index) => lineView(line, index, session))
      .sort((a, b) => (a.number ?? Infinity) - (b.number ?? Infinity) || a.position - b.position),
  };
}

/**
 * The view of every session, newest first; in each, the lines the engine numbered in the
 * order file's order, then the others in the order the API created them.
 */
export function dashboardView(sessions: readonly StoredSession[]): DashboardView {
  return { sessions: sessions.map(sessionView).reverse() };
}
