export * from './heldLease.js';
export * from './leaseLostError.js';
export * from './sessionLockedError.js';
export * from './types.js';
