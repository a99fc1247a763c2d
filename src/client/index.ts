export type { CallOptions, CovageApi } from './api.js';
export { type CovageClient, createCovageClient } from './covageClient.js';
export type {
  ExportCsvOptions,
  ExportCsvResult,
  ExportProgress,
} from './exportCsv.js';
export type { CovageClientOptions } from './options.js';
export { paths as covagePaths } from './paths.js';
