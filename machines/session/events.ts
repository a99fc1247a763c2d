import type { Issue } from '../../src/rules/issue.js';
import type { LineOutcome } from '../../src/rules/lifecycle.js';
import type { TerminationError } from '../../src/schemas/line.js';
import type { LineState } from '../../src/schemas/states.js';
import type { LineFailurePhase } from '../line/types.js';
import type { FailureInfo } from '../shared/failure.js';
import type { SessionWaiting } from './notices.js';
import type { FailurePhase, SessionOutcomeState } from './types.js';

export type { ExportWindow, SessionWaiting } from './notices.js';

/**
 * Progress events a session actor emits (`actor.on(type, handler)` or `actor.on('*', handler)`),
 * for UIs, the CLI and the dashboard. `key` is the engine's stable key of a line (`L1`, `L2`, …),
 * `index` its position in the order.
 */
export type SessionProgressEvent =
  | { type: 'session.created'; sessionId: string }
  | { type: 'session.invalid'; issues: Issue[] }
  | { type: 'line.added'; key: string; index: number }
  | { type: 'line.created'; key: string; index: number; lineId: string; reconciled: boolean }
  | { type: 'line.updated'; key: string; index: number; lineId: string; fields: string[] }
  | { type: 'line.removed'; key: string; index: number }
  | {
      type: 'line.failed';
      key: string;
      index: number;
      phase: LineFailurePhase;
      error: FailureInfo & { issues?: Issue[] };
    }
  | { type: 'line.warning'; key: string; index: number; issue: Issue }
  | { type: 'confirmation.started'; sessionId: string }
  | { type: 'session.confirmed'; sessionId: string; reconciled: boolean }
  | {
      type: 'line.outcome';
      key: string;
      index: number;
      lineId: string;
      /** The line's order-taking state; null when only order tracking told (or nothing did). */
      state: LineState | null;
      outcome: LineOutcome | 'outcome_unknown';
      orderReference: string | null;
      /** The order's state on Covage order tracking, when that is where it was found. */
      orderState?: string | null;
      terminationErrors: TerminationError[];
    }
  | { type: 'session.outcome'; sessionId: string; state: SessionOutcomeState }
  /**
   * The session read answered as a missing route (404, 405 or 501) under `sessionRead: 'auto'`:
   * the client uses the documented paths from now on. Emitted by the session whose read found out.
   */
  | { type: 'session.read_unavailable'; sessionId: string; status: number | null; message: string }
  /** What the session waits for on the CSV export (its actors tell it: `EXPORT.WAITING`). */
  | SessionWaiting
  | { type: 'session.failed'; phase: FailurePhase; error: FailureInfo | null }
  | { type: 'session.cancelled'; sessionId: string | null };

export type SessionProgressEventType = SessionProgressEvent['type'];
