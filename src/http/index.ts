/**
 * The HTTP layer shared by the Covage client and the tracking adapters: auth providers, the
 * retry policy, typed errors, redaction, a logger interface and a request function on `fetch`.
 * Browser-safe: no Node modules.
 */
export * from './abort.js';
export * from './auth/index.js';
export * from './errors.js';
export * from './httpClient.js';
export * from './logger.js';
export * from './network.js';
export * from './parse.js';
export * from './redact.js';
export * from './retry.js';
export * from './url.js';
