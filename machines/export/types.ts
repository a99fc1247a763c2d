import type { ExportStatus } from '../../src/schemas/export.js';
import type { FailureInfo } from '../shared/failure.js';

export interface ExportMachineOptions {
  /** First wait before checking the task's status. */
  initialDelayMs: number;
  maxDelayMs: number;
  factor: number;
  /** Consecutive failed status checks before giving up. */
  maxErrors: number;
  /** Wait used when a 429 carries no Retry-After. */
  defaultRetryAfterMs: number;
}

export const DEFAULT_EXPORT_OPTIONS: ExportMachineOptions = {
  initialDelayMs: 500,
  maxDelayMs: 10_000,
  factor: 1.5,
  maxErrors: 5,
  defaultRetryAfterMs: 300_000,
};

export interface ExportContext {
  taskId: string | null;
  /** Status checks made for the current task. */
  checks: number;
  /** Consecutive failed status checks. */
  checkErrors: number;
  retryAfterMs: number;
  bytes: number | null;
  error: FailureInfo | null;
  /** The task itself reported `success: false`. */
  taskFailed: boolean;
  options: ExportMachineOptions;
}

export type ExportEvent = { type: 'START' } | { type: 'RETRY' } | { type: 'CANCEL' };

export type ExportProgressEvent =
  | { type: 'export.started'; taskId: string }
  | { type: 'export.rate_limited'; retryInMs: number }
  | { type: 'export.running'; taskId: string; checks: number }
  | { type: 'export.ready'; taskId: string }
  | { type: 'export.downloaded'; taskId: string; bytes: number }
  | { type: 'export.failed'; error: FailureInfo | null; taskFailed: boolean };

/** What starting an export came to (other failures reject with plain failure info). */
export type StartExportOutcome =
  | { type: 'started'; taskId: string }
  /** At most one export start per user every five minutes: wait this long (when said). */
  | { type: 'rateLimited'; retryAfterMs: number | null };

export type ExportStatusOutcome = ExportStatus;
export type DownloadExportOutcome = { bytes: number };
