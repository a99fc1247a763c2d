/**
 * The session machine's vocabulary. Its context is a small header (ids, counters, options): what
 * each line holds lives in its line actor (see `lineRegistry.ts`), so that a line's report costs
 * the same whatever the number of lines, and a stored session is a header plus one record per line.
 */
import type { ActorRefFrom } from 'xstate';
import type { Issue } from '../../src/rules/issue.js';
import type { LineChanges, LineDraft } from '../../src/rules/parseLine.js';
import type { Session, SessionCreate, SessionWithItems } from '../../src/schemas/session.js';
import type { SessionState } from '../../src/schemas/states.js';
import type { LineNotice, LineStanding, OrderFound } from '../line/types.js';
import type { FailureInfo } from '../shared/failure.js';
import type { LineRegistryLogic } from './lineRegistry.js';
import type { ActorNotice } from './notices.js';

export interface PollOptions {
  /** First wait after confirmation before reading the session back. */
  initialDelayMs: number;
  /** Longest wait between two reads. */
  maxDelayMs: number;
  /** Each wait is the previous one times this. */
  factor: number;
  /** Consecutive failed reads before giving up (`in_progress.failed`, which can RETRY). */
  maxErrors: number;
}

export interface SessionMachineOptions {
  /** Lines created at the same time. Default 8. */
  concurrency: number;
  /** `product_offering_id`s that are DIA offerings. */
  diaOfferingIds: string[];
  /** Treat the checks the doc does not state as errors. */
  strictFormats: boolean;
  /** Delay before an edited, already created line is PATCHed (edits in a burst make one call). */
  syncDelayMs: number;
  poll: PollOptions;
  /**
   * Without the session read: how long after the confirmation was answered (`confirmedAt`, stored
   * with the session, so a resume waits only the rest) a line whose outcome neither order
   * tracking nor the CSV export told ends `outcome_unknown`. Default 2 hours.
   */
  outcomeDeadlineMs: number;
}

export const DEFAULT_SESSION_OPTIONS: SessionMachineOptions = {
  concurrency: 8,
  diaOfferingIds: [],
  strictFormats: false,
  syncDelayMs: 250,
  poll: { initialDelayMs: 500, maxDelayMs: 30_000, factor: 2, maxErrors: 8 },
  outcomeDeadlineMs: 2 * 60 * 60 * 1000,
};

/** How a session ended: the API's final states, or `outcome_unknown` (never guessed). */
export type SessionOutcomeState = SessionState | 'outcome_unknown';

/** The step of the session a failure happened in. */
export type FailurePhase = 'create_session' | 'sync' | 'confirm' | 'follow';

export interface SessionFailure extends FailureInfo {
  phase: FailurePhase;
}

/** How many of the session's lines stand where (see `LineStanding`). */
export type LineCounts = Record<LineStanding, number>;

export type LineRegistryRef = ActorRefFrom<LineRegistryLogic>;

export interface SessionContext {
  /** Random, per session: makes generated `external_id`s unique. */
  instanceKey: string;
  /** The API's session id, once created. */
  sessionId: string | null;
  request: SessionCreate;
  /** The session's line actors, one per line, by key (`L1`, `L2`, …). */
  lines: LineRegistryRef;
  /** The number the next line added gets (its key is `L<number>`). */
  nextNumber: number;
  /** Edits forwarded to the lines so far (a new context for each: see `check.ts`). */
  revision: number;
  counts: LineCounts;
  /** The number of the next line offered a creation slot. */
  cursor: number;
  /** Creation slots taken (at most `options.concurrency`). */
  inFlight: number;
  /** CONFIRM was asked before the API session existed: confirm as soon as it does. */
  confirmRequested: boolean;
  /** The last validation's findings (paths like `lines[2].enni`). */
  issues: Issue[];
  outcome: SessionOutcomeState | null;
  /**
   * When the confirmation was answered (epoch ms): the outcome deadline counts from it. Absent
   * from a session stored before it existed: set when such a session is first followed.
   */
  confirmedAt?: number | null;
  pollAttempt: number;
  pollErrors: number;
  error: SessionFailure | null;
  options: SessionMachineOptions;
}

export interface SessionInput {
  instanceKey: string;
  request?: SessionCreate;
  options?: Partial<Omit<SessionMachineOptions, 'poll'>> & { poll?: Partial<PollOptions> };
}

/** What a user does with a session. */
export type SessionCommand =
  /** A draft that cannot be sent (`parseLine`'s issues) is not added: `issues` says why. */
  | { type: 'ADD_LINE'; line: LineDraft }
  /** `null` clears a field. */
  | { type: 'UPDATE_LINE'; key: string; changes: LineChanges }
  | { type: 'REMOVE_LINE'; key: string }
  /** Create the API session and its lines now, without confirming. */
  | { type: 'START' }
  | { type: 'CONFIRM' }
  | { type: 'RETRY' }
  | { type: 'CANCEL' };

/** The events a session takes from outside: the user's, and RESUME from the runtime. */
export type SessionEvent =
  | SessionCommand
  /** Sent by the runtime after restoring a stored session: restarts what was waiting. */
  | { type: 'RESUME' };

/** Everything the session machine handles: the public events and its actors' notices. */
export type SessionMachineEvent = SessionEvent | LineNotice | ActorNotice;

export interface CreateSessionInput {
  request: SessionCreate;
  /** True when this creation may already have been sent (a restored snapshot): look first. */
  reconcileFirst?: boolean;
}
export type CreateSessionOutcome = {
  type: 'created';
  session: Session;
  /** Found (in the CSV export, by its `external_id`) after an answer was lost. */
  reconciled?: boolean;
};

export interface ConfirmSessionInput {
  sessionId: string;
  /** True when this confirmation may already have been sent (a restored snapshot): look first. */
  reconcileFirst: boolean;
}

export type ConfirmSessionOutcome =
  | { type: 'confirmed'; session: SessionWithItems }
  /** A look before confirming found the session confirmed already. */
  | { type: 'alreadyConfirmed'; session: SessionWithItems }
  /** No answer, or one that says it may be confirmed already: read the session back. */
  | { type: 'maybeSent'; failure: FailureInfo };

export interface ReadSessionInput {
  sessionId: string;
  /** `reconcile`: looking for a confirmation whose answer was lost; `follow` (default): the outcome. */
  purpose?: 'follow' | 'reconcile';
}

/** A confirmed line still waiting for its outcome, as the documented paths look for it. */
export interface AwaitedLine {
  key: string;
  lineId: string | null;
  externalId: string | null;
  qualificationItemId: string;
}

/** What the documented paths look for: the session and its lines still without an outcome. */
export interface FollowInput {
  sessionId: string;
  lines: AwaitedLine[];
}

/** Orders Covage order tracking lists for the awaited lines. */
export interface TrackOrdersOutcome {
  orders: ({ key: string; lineId: string | null } & OrderFound)[];
  /** How many lines were looked for. */
  awaited: number;
}

/** The session as the CSV export lists it, or not listed (yet). */
export type ReadExportOutcome =
  | { type: 'listed'; session: SessionWithItems }
  | { type: 'notListed' };

/** A session's state tags. */
export type SessionTag =
  /** Lines can be added, edited and removed. */
  | 'editable'
  /** Stopped on a failure; RETRY goes on. */
  | 'failed'
  /** Waiting for the user: a CONFIRM that found issues leaves the session here. */
  | 'idle';
