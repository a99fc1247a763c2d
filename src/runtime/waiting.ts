/**
 * What a session waits for on the documented paths, for events and the live view: lines whose
 * creation answer was lost, a confirmation or session creation whose answer was lost, or the
 * outcome — each checked in the next CSV export, whose start the rate limit may hold back.
 */
import type { ExportWindow, SessionWaiting } from '../../machines/session/events.js';
import type { WaitReason } from './documented.js';

export type { SessionWaiting };

export type WaitCounts = Record<WaitReason, number>;

export const noWaits = (): WaitCounts => ({
  lost_line: 0,
  lost_confirmation: 0,
  lost_session: 0,
  outcome: 0,
});

export function waitingEvent(
  sessionId: string | null,
  counts: WaitCounts,
  window: ExportWindow,
): SessionWaiting {
  return {
    type: 'session.waiting',
    sessionId,
    lostLines: counts.lost_line,
    lostConfirmation: counts.lost_confirmation > 0,
    lostSession: counts.lost_session > 0,
    outcome: counts.outcome > 0,
    export: window,
  };
}

/** m:ss */
function clock(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/**
 * One sentence: "2 lines whose answer was lost: checking in the export window, 3:12". Empty when
 * the session waits for nothing.
 */
export function describeWaiting(waiting: SessionWaiting, now: number): string {
  const what: string[] = [];
  if (waiting.lostSession) what.push('the session whose creation answer was lost');
  if (waiting.lostLines > 0)
    what.push(
      `${waiting.lostLines} ${waiting.lostLines === 1 ? 'line' : 'lines'} whose answer was lost`,
    );
  if (waiting.lostConfirmation) what.push('the confirmation whose answer was lost');
  if (waiting.outcome) what.push("the lines' outcome");
  if (what.length === 0) return '';
  const window = waiting.export;
  const how =
    window.phase === 'waiting'
      ? `checking in the export window, ${clock(window.startsAt - now)}`
      : window.phase === 'running'
        ? 'checking in the export (running)'
        : window.phase === 'reading'
          ? 'checking in the export (reading it)'
          : 'checking in the next export';
  return `${what.join(', ')}: ${how}`;
}
