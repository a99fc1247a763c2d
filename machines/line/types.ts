/**
 * The line machine's vocabulary: its context, the events its session sends it, the notices it
 * sends its session, and what its actors are given and answer (domain outcomes, no HTTP).
 */
import type { Issue } from '../../src/rules/issue.js';
import type { Line, LineCreate, LineUpdate } from '../../src/schemas/line.js';
import type { FailureInfo } from '../shared/failure.js';

/** The call of a line that failed. */
export type LineFailurePhase = 'create' | 'reconcile' | 'update' | 'delete';

/** A failed call of a line: what happened, in which call, and what the API said of the line. */
export interface LineFailure extends FailureInfo {
  phase: LineFailurePhase;
  /** Findings the API gave when it refused the line. */
  issues?: Issue[];
}

/**
 * Where a line stands, as its session counts lines: each line state has one (see the `standing`
 * entry of each state), and the line tells its session when it changes (`LINE.MOVED`).
 */
export type LineStanding =
  /** Not sent: the session does not exist yet, or the line waits for a creation slot. */
  | 'local'
  /** Its creation (POST, or the search for it) is under way: it holds a creation slot. */
  | 'creating'
  /** The API holds the line exactly as drafted. */
  | 'synced'
  /** Created, with edits not sent yet (waiting for the debounce, or PATCH under way). */
  | 'pending'
  /** Its last call failed; RETRY goes on. */
  | 'failed'
  /** Being deleted from the API. */
  | 'removing'
  | 'removed'
  /** The session was confirmed: the line waits for its outcome. */
  | 'confirmed'
  /** After confirmation: an order was created from the line. */
  | 'ordered'
  /** After confirmation: no order was created (`rejected_creation`, `technical_error`). */
  | 'no_order'
  /** After confirmation: no documented source told the outcome before the deadline. */
  | 'unknown';

export const LINE_STANDINGS: readonly LineStanding[] = [
  'local',
  'creating',
  'synced',
  'pending',
  'failed',
  'removing',
  'removed',
  'confirmed',
  'ordered',
  'no_order',
  'unknown',
];

export interface LineContext {
  /** The engine's stable key for this line within its session (`L1`, `L2`, …). */
  key: string;
  /** Position in the order, for messages. */
  index: number;
  sessionId: string | null;
  /** What the line should hold (tables' spelling). */
  draft: LineCreate;
  /** What the API is known to hold, once created. */
  synced: LineCreate | null;
  /** The last version of the line the API answered. */
  remote: Line | null;
  lineId: string | null;
  /** `product_offering_id`s that are DIA offerings. */
  diaOfferingIds: string[];
  /** Delay before a changed line is sent (a burst of edits makes one PATCH). */
  syncDelayMs: number;
  /** The line was found already created rather than created by this engine's call. */
  reconciled: boolean;
  /** The body of the POST or PATCH under way: what the API holds once it succeeds. */
  pending: LineCreate | null;
  /** Fields the last PATCH sent. */
  lastUpdatedFields: string[];
  /** Removal asked while a call was under way. */
  removeRequested: boolean;
  error: LineFailure | null;
  warnings: Issue[];
  /** Where the line stands for its session (kept in step by each state's entry). */
  standing: LineStanding;
  /** The API state and outcome last reported as `line.outcome` (`state:outcome`). */
  reportedOutcome: string | null;
  /**
   * The order the line became, as Covage order tracking lists it (without the session read):
   * its reference and its state there (`confirmed`, `in_progress`, …). Absent in older snapshots.
   */
  tracked?: OrderFound | null;
}

/** An order found on Covage order tracking for a confirmed line. */
export interface OrderFound {
  orderReference: string;
  /** The order's state on the tracking API (phase two: `confirmed`, `in_progress`, `active`…). */
  orderState: string | null;
}

export interface LineInput {
  key: string;
  index: number;
  draft: LineCreate;
  sessionId?: string | null;
  diaOfferingIds?: string[];
  syncDelayMs?: number;
}

/** What a session tells its lines. */
export type LineEvent =
  /** A creation slot: create the line now (or try again, after a failed creation). */
  | { type: 'CREATE'; sessionId: string }
  | { type: 'UPDATE'; changes: Record<string, unknown> }
  | { type: 'REMOVE' }
  /** Send pending edits now, without waiting for the debounce. */
  | { type: 'SYNC' }
  | { type: 'RETRY' }
  | { type: 'CONFIRMED'; line: Line | null }
  | { type: 'OUTCOME'; line: Line; sessionFinal: boolean }
  /** Order tracking lists an order made from this line: an order was created. */
  | ({ type: 'ORDER_FOUND' } & OrderFound)
  /** The deadline passed with no documented source telling the line's outcome. */
  | { type: 'OUTCOME_UNKNOWN' };

/** What a line tells its session. */
export type LineNotice =
  | { type: 'LINE.MOVED'; key: string; from: LineStanding; to: LineStanding }
  | { type: 'LINE.CREATED'; key: string; lineId: string; reconciled: boolean }
  | { type: 'LINE.UPDATED'; key: string; lineId: string; fields: string[] }
  | { type: 'LINE.FAILED'; key: string; failure: LineFailure }
  | { type: 'LINE.WARNING'; key: string; issue: Issue }
  /** A creation slot the line did not need (it was not waiting to be created). */
  | { type: 'LINE.DECLINED'; key: string };

export interface CreateLineInput {
  sessionId: string;
  /** The line's key in its session (`L2`): a runtime waits until a save holds it. */
  key: string;
  body: LineCreate;
  /** True when this POST may already have been sent (a restored snapshot): look first. */
  reconcileFirst: boolean;
}

/** What creating a line came to. A failure that says nothing of the line rejects instead. */
export type CreateLineOutcome =
  | { type: 'created'; line: Line }
  /** The line was already there (an earlier POST landed): found, not created again. */
  | { type: 'alreadyExists'; line: Line }
  /** No answer: the POST may have landed. Look for the line before anything else. */
  | { type: 'maybeSent'; failure: FailureInfo }
  /** The API refused the line. */
  | { type: 'rejected'; failure: FailureInfo; issues: Issue[] };

export interface ReconcileLineInput {
  sessionId: string;
  body: LineCreate;
}
export type ReconcileLineOutcome = { type: 'alreadyExists'; line: Line } | { type: 'notFound' };

export interface UpdateLineInput {
  sessionId: string;
  lineId: string;
  changes: LineUpdate;
}
export type UpdateLineOutcome = { type: 'updated'; line: Line };

export interface DeleteLineInput {
  sessionId: string;
  lineId: string;
}
export type DeleteLineOutcome = { type: 'deleted' } | { type: 'alreadyGone' };
