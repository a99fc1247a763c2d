/**
 * What the dashboard shows: every session the sandbox holds, with its lines, states, history
 * and termination errors, and where each sits in its state diagram. Never a credential: users
 * are shown by the names the sandbox gives them (`token-1`, `user:alice`, …).
 */
import type { StateChange, TerminationError } from '../../schemas/line.js';
import type { LineState, SessionState } from '../../schemas/states.js';
import type { StoredLine, StoredSession } from '../store.js';
import { lineDiagramState, sessionDiagramState } from './stateMap.js';

export interface LineView {
  id: string;
  /** 1-based position in its session. */
  position: number;
  externalId: string;
  productOfferingId: string;
  temporaryReference: string;
  orderReference: string;
  state: LineState;
  /** The line machine's state (a Mermaid state id of docs/diagrams/line.mmd). */
  diagramState: string;
  stateChange: StateChange[];
  terminationError: TerminationError[];
}

export interface SessionView {
  id: string;
  user: string;
  externalId: string;
  projectId: string;
  state: SessionState;
  /** The session machine's state (a Mermaid state id of docs/diagrams/session.mmd). */
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
  return {
    id: line.id,
    position: index + 1,
    externalId: line.input.external_id ?? '',
    productOfferingId: line.input.product_offering_id ?? '',
    temporaryReference: line.temporaryReference,
    orderReference: line.orderReference,
    state: line.state,
    diagramState: lineDiagramState(line.state, session.state),
    stateChange: line.stateChange.map((change) => ({ ...change })),
    terminationError: line.terminationError.map((error) => ({ ...error })),
  };
}

export function sessionView(session: StoredSession): SessionView {
  return {
    id: session.id,
    user: session.user,
    externalId: session.externalId,
    projectId: session.projectId,
    state: session.state,
    diagramState: sessionDiagramState(session.state),
    creationDate: session.creationDate,
    orderDate: session.orderDate,
    completionDate: session.completionDate,
    lines: session.lines.map((line, index) => lineView(line, index, session)),
  };
}

/** The view of every session, in creation order. */
export function dashboardView(sessions: readonly StoredSession[]): DashboardView {
  return { sessions: sessions.map(sessionView) };
}
