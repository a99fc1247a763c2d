export * from './actors.js';
export * from './documented.js';
export * from './orderSession.js';
export * from './persister.js';
export * from './snapshotPatch.js';
export * from './waiting.js';
