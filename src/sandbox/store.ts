import { randomUUID } from 'node:crypto';
import type { LineCreate, LineUpdate, StateChange, TerminationError } from '../schemas/line.js';
import type { SessionCreate } from '../schemas/session.js';
import type { LineState, SessionState } from '../schemas/states.js';
import { notFound, SandboxError } from './errors.js';
import { type ResolvedLimits, storedBytes, type Usage, UsageMeter } from './limits.js';
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
  /** Clock ms of the last call on this session (creation, read, change): idle expiry. */
  lastSeen: number;
  /** Bytes counted against the user's quota: the session's own fields and every line's input. */
  bytes: number;
}

export interface SessionStoreOptions {
  seed: number;
  diaOfferingIds: string[];
  outcomeDelayMs: number;
  decide: Decide;
  limits: ResolvedLimits;
}

/** Per line, beside its input: ids, references, states (a rough constant). */
const LINE_OVERHEAD_BYTES = 600;
const SESSION_OVERHEAD_BYTES = 400;

function lineBytes(input: LineCreate): number {
  return LINE_OVERHEAD_BYTES + storedBytes(input);
}

const EDITABLE: SessionState = 'created';

/**
 * The order sessions and lines the sandbox holds, per user, in memory: within each user's quota
 * (sessions, lines, bytes), and forgotten once idle for `limits.idleSessionMs`.
 */
export class SessionStore {
  /** In creation order. */
  private readonly sessions = new Map<string, StoredSession>();
  /** The same sessions, least recently called on first (a touch moves one to the end). */
  private readonly idleOrder = new Map<string, StoredSession>();
  private readonly byUser = new Map<string, Set<StoredSession>>();
  private lineSequence = 0;
  private readonly diaIds: ReadonlySet<string>;
  readonly usage: UsageMeter;

  constructor(private readonly options: SessionStoreOptions) {
    this.diaIds = new Set(options.diaOfferingIds.map((id) => id.trim()));
    this.usage = new UsageMeter(options.limits);
  }

  create(user: string, body: SessionCreate, now: number): StoredSession {
    this.forgetIdle(now);
    const bytes = SESSION_OVERHEAD_BYTES + storedBytes(body);
    this.usage.check(user, { sessions: 1, bytes });
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
      lastSeen: now,
      bytes,
    };
    this.sessions.set(session.id, session);
    this.idleOrder.set(session.id, session);
    const own = this.byUser.get(user) ?? new Set<StoredSession>();
    this.byUser.set(user, own);
    own.add(session);
    this.usage.add(user, { sessions: 1, bytes });
    return session;
  }

  /** The user's session, with any outcome that is due applied; 404 for anyone else's. */
  get(user: string, id: string, now: number): StoredSession {
    this.forgetIdle(now);
    const session = this.sessions.get(id);
    if (!session || session.user !== user) throw notFound('order session');
    session.lastSeen = now;
    this.idleOrder.delete(id);
    this.idleOrder.set(id, session);
    this.settle(session, now);
    return session;
  }

  /** 429 unless the user may hold this much more (checked before a body is read). */
  checkRoom(user: string, add: Partial<Usage>, now: number) {
    this.forgetIdle(now);
    this.usage.check(user, add);
  }

  addLine(user: string, sessionId: string, body: LineCreate, now: number): StoredLine {
    const session = this.editable(user, sessionId, now);
    const bytes = lineBytes(body);
    this.usage.check(user, { lines: 1, bytes });
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
    session.bytes += bytes;
    this.usage.add(user, { lines: 1, bytes });
    return line;
  }

  updateLine(
    user: string,
    sessionId: string,
    lineId: string,
    patch: LineUpdate,
    now: number,
  ): StoredLine {
    const session = this.editable(user, sessionId, now);
    const line = this.lineOf(session, lineId);
    const input = { ...line.input, ...patch };
    const change = lineBytes(input) - lineBytes(line.input);
    this.usage.check(user, { bytes: change });
    line.input = input;
    session.bytes += change;
    this.usage.add(user, { bytes: change });
    return line;
  }

  deleteLine(user: string, sessionId: string, lineId: string, now: number): StoredSession {
    const session = this.editable(user, sessionId, now);
    const line = this.lineOf(session, lineId);
    session.lines = session.lines.filter((item) => item !== line);
    const bytes = lineBytes(line.input);
    session.bytes -= bytes;
    this.usage.add(user, { lines: -1, bytes: -bytes });
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

  /** Every session (settled at `now`), in creation order. Reading them is not a call on them. */
  all(now: number): StoredSession[] {
    this.forgetIdle(now);
    this.settleAll(now);
    return [...this.sessions.values()];
  }

  /** The user's sessions (settled at `now`), in creation order. */
  of(user: string, now: number): StoredSession[] {
    this.forgetIdle(now);
    const own = [...(this.byUser.get(user) ?? [])];
    for (const session of own) this.settle(session, now);
    return own;
  }

  /** How much the sandbox holds, without building any view of it. */
  counts(now: number): { sessions: number; lines: number; bytes: number; users: number } {
    this.forgetIdle(now);
    return { ...this.usage.total(), users: this.byUser.size };
  }

  /** Forgets the sessions nobody has called on for `idleSessionMs`, oldest first. */
  private forgetIdle(now: number) {
    const cutoff = now - this.options.limits.idleSessionMs;
    for (const session of this.idleOrder.values()) {
      if (session.lastSeen > cutoff) break;
      this.idleOrder.delete(session.id);
      this.sessions.delete(session.id);
      const own = this.byUser.get(session.user);
      own?.delete(session);
      if (own?.size === 0) this.byUser.delete(session.user);
      this.usage.add(session.user, {
        sessions: -1,
        lines: -session.lines.length,
        bytes: -session.bytes,
      });
    }
  }

  private settle(session: StoredSession, now: number) {
    if (session.state !== 'in_progress' || session.confirmedAt === null) return;
    const due = session.confirmedAt + this.options.outcomeDelayMs;
    if (now < due) return;
    const date = isoDate(due);
    for (const [index, line] of session.lines.entries()) {
      const decision = this.options.decide(line.input, line.sequence, linePosition(line, index));
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

/**
 * A line's position in its session, as scripted outcomes name it: the number at the end of an
 * engine-generated `external_id` (`co-<key>-0002` is line 2, whatever order concurrent creations
 * arrived in), else its place in creation order, from 1.
 */
function linePosition(
  line: { input: { external_id?: string | undefined } },
  index: number,
): number {
  const match = /^co-.+-(\d{4,})$/.exec(line.input.external_id ?? '');
  return match ? Number(match[1]) : index + 1;
}
