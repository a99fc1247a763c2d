export type { CallOptions, CovageApi } from './api.js';
export { type CovageClient, createCovageClient } from './covageClient.js';
export * from './csvRecords.js';
export type {
  ExportCsvOptions,
  ExportCsvResult,
  ExportProgress,
} from './exportCsv.js';
export * from './exportFile.js';
export * from './exportReader.js';
export type { CovageClientOptions } from './options.js';
export { paths as covagePaths } from './paths.js';
export {
  READ_MISSING_STATUSES,
  SESSION_READ_MODES,
  type SessionReadAvailability,
  type SessionReadMode,
  SessionReadState,
  type SessionReadSwitch,
} from './sessionRead.js';
