export * from './diff.js';
export * from './externalId.js';
export * from './match.js';
