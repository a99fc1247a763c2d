/**
 * The export machine's actors on any `CovageApi`: start, status, download. `sink` receives the
 * CSV stream (the CLI writes it to a file) and answers how many bytes it took.
 */
import { fromPromise } from 'xstate';
import type {
  DownloadExportOutcome,
  ExportStatusOutcome,
  StartExportOutcome,
} from '../../machines/export/index.js';
import type { CovageApi } from '../client/api.js';
import { failureOf, plainly } from '../runtime/outcomes.js';

export function createExportActors(
  api: CovageApi,
  sink: (stream: ReadableStream<Uint8Array>, taskId: string) => Promise<number>,
) {
  return {
    startExport: fromPromise<StartExportOutcome, Record<string, never>>(async ({ signal }) => {
      try {
        return { type: 'started', taskId: (await api.startExport({ signal })).task_id };
      } catch (error) {
        const failure = failureOf(error, false);
        if (failure.kind === 'rate_limit')
          return { type: 'rateLimited', retryAfterMs: failure.retryAfterMs ?? null };
        throw failure;
      }
    }),
    getExportStatus: fromPromise<ExportStatusOutcome, { taskId: string }>(({ input, signal }) =>
      plainly(false, () => api.getExportStatus(input.taskId, { signal })),
    ),
    downloadExport: fromPromise<DownloadExportOutcome, { taskId: string }>(({ input, signal }) =>
      plainly(false, async () => {
        const stream = await api.downloadExport(input.taskId, { signal });
        return { bytes: await sink(stream, input.taskId) };
      }),
    ),
  };
}
