import type { Sleep } from '../http/abort.js';
import { CovageAbortError, CovageExportError, CovageRateLimitError } from '../http/errors.js';
import type { ExportStatus, ExportTask } from '../schemas/export.js';
import type { CallOptions } from './api.js';
import { paths } from './paths.js';

export type ExportProgress =
  | { phase: 'starting' }
  /** The start was refused with 429; `retryInMs` counts down to the next try, about every second. */
  | { phase: 'rate_limited'; retryInMs: number }
  | { phase: 'running'; taskId: string; polls: number }
  | { phase: 'downloading'; taskId: string };

export interface ExportCsvOptions {
  signal?: AbortSignal;
  /** Extra headers for the three calls. */
  headers?: Record<string, string>;
  onProgress?: (progress: ExportProgress) => void;
  /** First wait between status polls, in ms. Default 500; grows ×1.5 up to `maxPollIntervalMs`. */
  pollIntervalMs?: number;
  /** Default 5 000. */
  maxPollIntervalMs?: number;
  /** Gives up polling after this much waiting, in ms. Default 10 minutes. */
  maxWaitMs?: number;
  /** Rate-limited starts waited out before giving up. Default 3. */
  maxRateLimitWaits?: number;
  /** Wait when a 429 has no `Retry-After`: the doc's one export per 5 minutes. */
  defaultRateLimitWaitMs?: number;
  /** A longer `Retry-After` is not waited out: the `CovageRateLimitError` is thrown. Default 330 000. */
  maxRateLimitWaitMs?: number;
}

export interface ExportCsvResult {
  taskId: string;
  /** The CSV's bytes (`text/csv`). */
  stream: ReadableStream<Uint8Array>;
}

/** The three export calls, as `exportCsv` needs them. */
export interface ExportSteps {
  start(options: CallOptions): Promise<ExportTask>;
  status(taskId: string, options: CallOptions): Promise<ExportStatus>;
  download(taskId: string, options: CallOptions): Promise<ReadableStream<Uint8Array>>;
}

const COUNTDOWN_STEP_MS = 1000;

/**
 * Runs the doc's three export steps: start (waiting out a 429 by its `Retry-After`, with a
 * countdown), poll the status with a growing interval until `success` is not `null`, then
 * download. `success: false` and a task that never ends raise `CovageExportError`.
 */
export async function runCsvExport(
  steps: ExportSteps,
  sleep: Sleep,
  options: ExportCsvOptions = {},
): Promise<ExportCsvResult> {
  const { signal, onProgress = () => {} } = options;
  const call: CallOptions = {
    ...(signal ? { signal } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
  };
  const pause = async (ms: number, method: string, path: string) => {
    try {
      await sleep(ms, signal);
    } catch {
      throw new CovageAbortError(method, path);
    }
  };

  const maxWaits = options.maxRateLimitWaits ?? 3;
  const maxWaitMs = options.maxRateLimitWaitMs ?? 330_000;
  let task: ExportTask | undefined;
  for (let waits = 0; task === undefined; waits += 1) {
    onProgress({ phase: 'starting' });
    try {
      task = await steps.start(call);
    } catch (error) {
      if (!(error instanceof CovageRateLimitError) || waits >= maxWaits) throw error;
      const wait = error.retryAfterMs ?? options.defaultRateLimitWaitMs ?? 300_000;
      if (wait > maxWaitMs) throw error;
      for (let left = wait; left > 0; left -= COUNTDOWN_STEP_MS) {
        onProgress({ phase: 'rate_limited', retryInMs: left });
        await pause(Math.min(COUNTDOWN_STEP_MS, left), error.method, error.path);
      }
    }
  }

  const taskId = task.task_id;
  let interval = options.pollIntervalMs ?? 500;
  const maxInterval = options.maxPollIntervalMs ?? 5000;
  const maxPollWaitMs = options.maxWaitMs ?? 600_000;
  let waited = 0;
  for (let polls = 1; ; polls += 1) {
    const status = await steps.status(taskId, call);
    if (status.success === true) break;
    if (status.success === false) throw new CovageExportError(taskId, 'failed');
    onProgress({ phase: 'running', taskId, polls });
    if (waited >= maxPollWaitMs) throw new CovageExportError(taskId, 'timed_out');
    await pause(interval, 'GET', paths.exportStatus(taskId));
    waited += interval;
    interval = Math.min(maxInterval, Math.round(interval * 1.5));
  }

  onProgress({ phase: 'downloading', taskId });
  const stream = await steps.download(taskId, call);
  return { taskId, stream };
}
