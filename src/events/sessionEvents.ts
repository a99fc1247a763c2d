/**
 * The progress events of a session, for UIs, the CLI and the dashboard: defined beside the
 * session machine that emits them (machines/session/events.ts).
 */
export type {
  SessionProgressEvent,
  SessionProgressEventType,
} from '../../machines/session/events.js';
