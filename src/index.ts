/**
 * covage-orders — the browser-safe entry point: schemas, rules, machines, the client, tracking,
 * the machine runtime and the in-memory store. Node-only parts have their own entry points:
 * `covage-orders/sandbox` (the HTTP sandbox) and `covage-orders/store/file` (the file store).
 */
export * from '../machines/index.js';
export type { CallOptions } from './client/index.js';
export * from './client/index.js';
export * from './diagrams/catalog.js';
export * from './diagrams/toMermaid.js';
export * from './events/index.js';
export * from './http/errorInfo.js';
export * from './http/index.js';
export * from './lease/index.js';
export * from './lines/index.js';
export * from './rules/index.js';
export * from './runtime/index.js';
export * from './schemas/index.js';
export * from './store/index.js';
export * from './tracking/index.js';
