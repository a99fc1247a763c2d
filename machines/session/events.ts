import type { Issue } from '../../src/rules/issue.js';
import type { LineOutcome } from '../../src/rules/lifecycle.js';
import type { TerminationError } from '../../src/schemas/line.js';
import type { LineState, SessionState } from '../../src/schemas/states.js';
import type { LineFailurePhase } from '../line/types.js';
import type { FailureInfo } from '../shared/failure.js';
import type { FailurePhase } from './types.js';

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
      state: LineState;
      outcome: LineOutcome;
      orderReference: string | null;
      terminationErrors: TerminationError[];
    }
  | { type: 'session.outcome'; sessionId: string; state: SessionState }
  | { type: 'session.failed'; phase: FailurePhase; error: FailureInfo | null }
  | { type: 'session.cancelled'; sessionId: string | null };

export type SessionProgressEventType = SessionProgressEvent['type'];
