export * from './failure.js';
export * from './notProvided.js';
