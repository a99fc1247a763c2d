export { sessionCheck } from './check.js';
export { lineIndex, lineKey } from './counts.js';
export type { SessionProgressEvent, SessionProgressEventType } from './events.js';
export * from './lineRegistry.js';
export { type SessionMachine, sessionMachine } from './session.machine.js';
export { CONFIRMATION_RULES, type ConfirmationRule } from './setup.js';
export * from './types.js';
