export * from './contact.js';
export * from './errors.js';
export * from './export.js';
export * from './line.js';
export * from './orderFile.js';
export * from './session.js';
export * from './spelling.js';
export * from './states.js';
