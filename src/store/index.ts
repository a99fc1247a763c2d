export * from './memory.js';
export * from './snapshotRecord.js';
