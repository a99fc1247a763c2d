/**
 * The machines: one folder each, their phases beside them. They import schemas and rules only
 * (plus the pure line helpers of src/lines): every side effect is an actor they name, which the
 * runtime (src/runtime) or an app provides.
 */
export * from './export/index.js';
export * from './line/index.js';
export * from './session/index.js';
export * from './shared/index.js';
export * from './tracking/index.js';
