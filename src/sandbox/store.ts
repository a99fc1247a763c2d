import { randomUUID } from 'node:crypto';
import type { LineCreate, LineUpdate, StateChange, TerminationError } from '../schemas/line.js';
import type { SessionCreate } from '../schemas/session.js';
import type { LineState, SessionState } from '../schemas/states.js';
import { notFound, SandboxError } from './errors.js';
import type { Decide } from './outcome.js';
import { finalSessionState } from './outcome.js';
import { computedDiaEnni, orderReference, temporaryReference } from './references.js';
import { isDiaLine } from './rules/index.js';
import { isoDate } from './time.js';

export interface StoredLine {
  id: string;
  sessionId: string;
  /** Creation order across the sandbox (1, 2, …): seeds the line's outcome. */
  sequence: number;
  /** The line as created and updated, in the tables' spelling. */
  input: LineCreate;
  state: LineState;
  stateChange: StateChange[];
  terminationError: TerminationError[];
  temporaryReference: string;
  orderReference: string;
  orderDate: string | null;
  completionDate: string | null;
  /** For a DIA line, the ENNI computed at confirmation; it replaces the supplied one. */
  computedEnni?: string;
}

export interface StoredSession {
  id: string;
  user: string;
  externalId: string;
  projectId: string;
  state: SessionState;
  creationDate: string;
  orderDate: string | null;
  completionDate: string | null;
  /** When the session was confirmed (clock ms); its outcome is due `outcomeDelayMs` later. */
  confirmedAt: number | null;
  lines: StoredLine[];
}

export interface SessionStoreOptions {
  seed: number;
  diaOfferingIds: string[];
  outcomeDelayMs: number;
  decide: Decide;
}

const EDITABLE: SessionState = 'created';

/** The order sessions and lines the sandbox holds, per user, in memory. */
export class SessionStore {
  private readonly sessions = new Map<string, StoredSession>();
  private lineSequence = 0;
  private readonly diaIds: ReadonlySet<string>;

  constructor(private readonly options: SessionStoreOptions) {
    this.diaIds = new Set(options.diaOfferingIds.map((id) => id.trim()));
  }

  create(user: string, body: SessionCreate, now: number): StoredSession {
    const session: StoredSession = {
      id: randomUUID(),
      user,
      externalId: body.external_id ?? '',
      projectId: body.project_id ?? '',
      state: 'created',
      creationDate: isoDate(now),
      orderDate: null,
      completionDate: null,
      confirmedAt: null,
      lines: [],
    };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The user's session, with any outcome that is due applied; 404 for anyone else's. */
  get(user: string, id: string, now: number): StoredSession {
    const session = this.sessions.get(id);
    if (!session || session.user !== user) throw notFound('order session');
    this.settle(session, now);
    return session;
  }

  addLine(user: string, sessionId: string, body: LineCreate, now: number): StoredLine {
    const session = this.editable(user, sessionId, now);
    const sequence = ++this.lineSequence;
    const line: StoredLine = {
      id: randomUUID(),
      sessionId,
      sequence,
      input: body,
      state: 'created',
      stateChange: [{ change_reason: '', change_date: isoDate(now), state: 'created' }],
      terminationError: [],
      temporaryReference: temporaryReference(user, now, sequence),
      orderReference: '',
      orderDate: null,
      completionDate: null,
    };
    session.lines.push(line);
    return line;
  }

  updateLine(
    user: string,
    sessionId: string,
    lineId: string,
    patch: LineUpdate,
    now: number,
  ): StoredLine {
    const line = this.lineOf(this.editable(user, sessionId, now), lineId);
    line.input = { ...line.input, ...patch };
    return line;
  }

  deleteLine(user: string, sessionId: string, lineId: string, now: number): StoredSession {
    const session = this.editable(user, sessionId, now);
    const line = this.lineOf(session, lineId);
    session.lines = session.lines.filter((item) => item !== line);
    return session;
  }

  /** Confirms a session: every line goes `in_progress`; the outcome follows after the delay. */
  confirm(user: string, sessionId: string, now: number): StoredSession {
    const session = this.get(user, sessionId, now);
    if (session.state !== EDITABLE)
      throw new SandboxError(
        409,
        'session_not_editable',
        `the order session is ${session.state}: only a created session can be confirmed`,
      );
    if (session.lines.length === 0)
      throw new SandboxError(
        400,
        'session_has_no_line',
        'an order session needs a line to be confirmed',
        [{ path: 'product_order_item', code: 'session_has_no_line', message: 'no order line' }],
      );
    const date = isoDate(now);
    session.state = 'in_progress';
    session.orderDate = date;
    session.confirmedAt = now;
    for (const line of session.lines) {
      if (isDiaLine(line.input, this.diaIds))
        line.computedEnni = computedDiaEnni(this.options.seed, line.sequence);
      moveLine(line, 'in_progress', date);
    }
    this.settle(session, now);
    return session;
  }

  /** Applies every outcome that is due at `now`. */
  settleAll(now: number) {
    for (const session of this.sessions.values()) this.settle(session, now);
  }

  /** Every session (settled at `now`), in creation order. */
  all(now: number): StoredSession[] {
    this.settleAll(now);
    return [...this.sessions.values()];
  }

  /** The user's sessions (settled at `now`), in creation order. */
  of(user: string, now: number): StoredSession[] {
    return this.all(now).filter((session) => session.user === user);
  }

  private settle(session: StoredSession, now: number) {
    if (session.state !== 'in_progress' || session.confirmedAt === null) return;
    const due = session.confirmedAt + this.options.outcomeDelayMs;
    if (now < due) return;
    const date = isoDate(due);
    for (const line of session.lines) {
      const decision = this.options.decide(line.input, line.sequence);
      line.terminationError = decision.terminationError;
      if (decision.terminationError.length === 0) {
        line.orderReference = orderReference(session.user, due, line.sequence);
        line.orderDate = date;
      }
      moveLine(line, decision.state, date);
    }
    session.state = finalSessionState(session.lines.map((line) => line.state));
    session.completionDate = date;
  }

  /** The user's session if lines may still change; 404 or 409 otherwise. */
  editable(user: string, sessionId: string, now: number): StoredSession {
    const session = this.get(user, sessionId, now);
    if (session.state !== EDITABLE)
      throw new SandboxError(
        409,
        'session_not_editable',
        `the order session is ${session.state}: lines can be changed only while it is created`,
      );
    return session;
  }

  private lineOf(session: StoredSession, lineId: string): StoredLine {
    const line = session.lines.find((item) => item.id === lineId);
    if (!line) throw notFound('order line');
    return line;
  }
}

/** Moves a line to a new state and records it in `state_change` (a real change only). */
function moveLine(line: StoredLine, state: LineState, date: string) {
  if (line.state === state) return;
  line.state = state;
  line.stateChange.push({ change_reason: '', change_date: date, state });
}
