export * from './createWorker.js';
export * from './types.js';
