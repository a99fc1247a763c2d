import type { ErrorInfo } from '../http/errorInfo.js';
import type { Issue } from '../rules/issue.js';
import type { LineOutcome } from '../rules/lifecycle.js';
import type { TerminationError } from '../schemas/line.js';
import type { LineState, SessionState } from '../schemas/states.js';

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
      phase: 'create' | 'reconcile' | 'update' | 'delete';
      error: ErrorInfo;
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
  | {
      type: 'session.failed';
      phase: 'create_session' | 'sync' | 'confirm' | 'follow';
      error: ErrorInfo | null;
    }
  | { type: 'session.cancelled'; sessionId: string | null };

export type SessionProgressEventType = SessionProgressEvent['type'];
