/**
 * What the runtime's actors tell their session, for it to emit (so that every way of running a
 * session says the same): what it waits for on the CSV export, and a session read found missing.
 */

/** The shared CSV export: waiting for its window (`startsAt`, epoch ms), running, or being read. */
export type ExportWindow =
  | { phase: 'idle' }
  | { phase: 'waiting'; startsAt: number }
  | { phase: 'running'; startedAt: number }
  | { phase: 'reading'; startedAt: number };

/** What a session waits for on the documented paths (see src/runtime/waiting.ts). */
export interface SessionWaiting {
  type: 'session.waiting';
  sessionId: string | null;
  /** Lines whose creation answer was lost ("maybe sent"), looked for in the export. */
  lostLines: number;
  /** The confirmation's answer was lost: the export tells whether it happened. */
  lostConfirmation: boolean;
  /** The session creation's answer was lost: the export finds it by its external_id. */
  lostSession: boolean;
  /** The lines' outcome is read from the export. */
  outcome: boolean;
  export: ExportWindow;
}

/**
 * From the runtime's actors, emitted by the session so that every way of running it says the
 * same: what it waits for on the CSV export changed (`session.waiting`: a look for a lost answer
 * or the outcome started or ended, or the export's window moved), or a read made while
 * reconciling found the API has no session read (`session.read_unavailable`).
 */
export type ActorNotice =
  | { type: 'EXPORT.WAITING'; waiting: SessionWaiting }
  | { type: 'READ.UNAVAILABLE'; status: number; message: string };
