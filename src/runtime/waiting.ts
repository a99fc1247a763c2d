/**
 * What a session waits for on the documented paths, for events and the live view: lines whose
 * creation answer was lost, a confirmation or session creation whose answer was lost, or the
 * outcome — each checked in the next CSV export, whose start the rate limit may hold back.
 */
import type { AnyActorRef } from 'xstate';
import type { SessionWaiting } from '../../machines/session/events.js';
import type { ActorNotice } from '../../machines/session/notices.js';
import type { ExportReader } from '../client/exportReader.js';
import type { DocumentedHooks, WaitReason } from './documented.js';

export type { SessionWaiting };

/**
 * The hooks through which a session's actors tell the session what to emit, whether it runs
 * under `createOrderSession` or `createOrderSessionMachine`: what it waits for on the export
 * (`session.waiting`: each look starting, +1, and ending, -1, and the export's window moving
 * while it waits), and that a read while reconciling found no session read
 * (`session.read_unavailable`). `onWaiting` also hears each change (null: waiting for nothing).
 */
export function noticeHooks(
  reader: Pick<ExportReader, 'window' | 'onWindow'>,
  session: () => AnyActorRef | null,
  onWaiting?: (waiting: SessionWaiting | null) => void,
): Required<Pick<DocumentedHooks, 'waiting' | 'readSwitched'>> {
  const send = (notice: ActorNotice) => {
    const actor = session();
    if (actor?.getSnapshot().status === 'active') actor.send(notice);
  };
  const waits: Record<WaitReason, number> = {
    lost_line: 0,
    lost_confirmation: 0,
    lost_session: 0,
    outcome: 0,
  };
  let stopWatching: (() => void) | null = null;
  const say = () => {
    const total = Object.values(waits).reduce((sum, count) => sum + count, 0);
    if (total && !stopWatching) stopWatching = reader.onWindow(say);
    if (!total) {
      stopWatching?.();
      stopWatching = null;
    }
    const waiting: SessionWaiting | null = total
      ? {
          type: 'session.waiting',
          sessionId: session()?.getSnapshot().context.sessionId ?? null,
          lostLines: waits.lost_line,
          lostConfirmation: waits.lost_confirmation > 0,
          lostSession: waits.lost_session > 0,
          outcome: waits.outcome > 0,
          export: reader.window,
        }
      : null;
    onWaiting?.(waiting);
    if (waiting) send({ type: 'EXPORT.WAITING', waiting });
  };
  return {
    readSwitched: (status, message) => send({ type: 'READ.UNAVAILABLE', status, message }),
    waiting: (reason, delta) => {
      waits[reason] = Math.max(0, waits[reason] + delta);
      say();
    },
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
