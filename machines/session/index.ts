export { sessionCheck } from './check.js';
export { lineIndex, lineKey } from './counts.js';
export type {
  ExportWindow,
  SessionProgressEvent,
  SessionProgressEventType,
  SessionWaiting,
} from './events.js';
export * from './lineRegistry.js';
export { type SessionMachine, sessionMachine } from './session.machine.js';
export { CONFIRMATION_RULES, type ConfirmationRule } from './setup.js';
export * from './types.js';
