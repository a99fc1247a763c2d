export { bodyToSend, outcomeSignature } from './body.js';
export { type LineMachine, lineMachine } from './line.machine.js';
export type { LineTag } from './setup.js';
export * from './types.js';
