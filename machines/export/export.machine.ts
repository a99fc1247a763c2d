/**
 * The three-step CSV export of the order-taking doc: start the task (at most one per user every
 * five minutes: a rate-limited start waits out its `Retry-After`), check its status until
 * `success` is `true` (`null` while it runs, `false` when it failed), then download the file.
 */
import { assign, emit, setup } from 'xstate';
import { failureFrom } from '../shared/failure.js';
import { notProvided } from '../shared/notProvided.js';
import {
  DEFAULT_EXPORT_OPTIONS,
  type DownloadExportOutcome,
  type ExportContext,
  type ExportEvent,
  type ExportMachineOptions,
  type ExportProgressEvent,
  type ExportStatusOutcome,
  type StartExportOutcome,
} from './types.js';

const failedError = ({ event }: { event: { error: unknown } }) => ({
  error: failureFrom(event.error),
});

export const exportMachine = setup({
  types: {
    context: {} as ExportContext,
    input: {} as { options?: Partial<ExportMachineOptions> } | undefined,
    events: {} as ExportEvent,
    emitted: {} as ExportProgressEvent,
  },
  actors: {
    startExport: notProvided<StartExportOutcome, Record<string, never>>('startExport'),
    getExportStatus: notProvided<ExportStatusOutcome, { taskId: string }>('getExportStatus'),
    /** Downloads the file and hands it to its destination; answers the byte count. */
    downloadExport: notProvided<DownloadExportOutcome, { taskId: string }>('downloadExport'),
  },
  delays: {
    RETRY_AFTER: ({ context }) => context.retryAfterMs,
    CHECK_DELAY: ({ context }) => {
      const { initialDelayMs, maxDelayMs, factor } = context.options;
      return Math.min(maxDelayMs, initialDelayMs * factor ** Math.max(0, context.checks - 1));
    },
  },
  guards: {
    /** One export start per user every five minutes. */
    rateLimited: (_, outcome: StartExportOutcome) => outcome.type === 'rateLimited',
    /** `success: true`: the file can be downloaded. */
    exportReady: (_, status: ExportStatusOutcome) => status.success === true,
    /** `success: false`: the task failed. */
    exportTaskFailed: (_, status: ExportStatusOutcome) => status.success === false,
    taskKnown: ({ context }) => context.taskId !== null && !context.taskFailed,
    tooManyCheckErrors: ({ context }) => context.checkErrors + 1 >= context.options.maxErrors,
  },
  actions: {
    recordStart: assign(({ context }, outcome: StartExportOutcome) =>
      outcome.type === 'started'
        ? { taskId: outcome.taskId, checks: 0, checkErrors: 0, error: null, taskFailed: false }
        : { retryAfterMs: outcome.retryAfterMs ?? context.options.defaultRetryAfterMs },
    ),
    announceStart: emit(({ context }) => ({
      type: 'export.started' as const,
      taskId: context.taskId ?? '',
    })),
    recordError: assign((_, params: { error: ExportContext['error'] }) => ({
      error: params.error,
    })),
    emitFailed: emit(({ context }) => ({
      type: 'export.failed' as const,
      error: context.error,
      taskFailed: context.taskFailed,
    })),
  },
}).createMachine({
  id: 'export',
  context: ({ input }) => ({
    taskId: null,
    checks: 0,
    checkErrors: 0,
    retryAfterMs: 0,
    bytes: null,
    error: null,
    taskFailed: false,
    options: { ...DEFAULT_EXPORT_OPTIONS, ...input?.options },
  }),
  initial: 'idle',
  on: { CANCEL: '.cancelled' },
  states: {
    idle: {
      on: { START: 'starting' },
    },
    starting: {
      description: 'POST product_order/export/csv/ — one start per user every 5 minutes.',
      invoke: {
        id: 'startExport',
        src: 'startExport',
        input: {},
        onDone: [
          {
            guard: { type: 'rateLimited', params: ({ event }) => event.output },
            target: 'rate_limited',
            actions: { type: 'recordStart', params: ({ event }) => event.output },
          },
          {
            target: 'waiting',
            actions: [
              { type: 'recordStart', params: ({ event }) => event.output },
              'announceStart',
            ],
          },
        ],
        onError: {
          target: 'failed',
          actions: [{ type: 'recordError', params: failedError }, 'emitFailed'],
        },
      },
    },
    rate_limited: {
      description: '429: waits out Retry-After, then starts again.',
      entry: emit(({ context }) => ({
        type: 'export.rate_limited' as const,
        retryInMs: context.retryAfterMs,
      })),
      after: { RETRY_AFTER: 'starting' },
      on: { RETRY: 'starting' },
    },
    waiting: {
      after: { CHECK_DELAY: 'checking' },
      on: { RETRY: 'checking' },
    },
    checking: {
      description:
        'GET …/export/{task_id}/status/: success null (running), true (ready), false (failed).',
      invoke: {
        id: 'getExportStatus',
        src: 'getExportStatus',
        input: ({ context }) => ({ taskId: context.taskId ?? '' }),
        onDone: [
          {
            guard: { type: 'exportReady', params: ({ event }) => event.output },
            target: 'downloading',
            actions: emit(({ context }) => ({
              type: 'export.ready' as const,
              taskId: context.taskId ?? '',
            })),
          },
          {
            guard: { type: 'exportTaskFailed', params: ({ event }) => event.output },
            target: 'failed',
            actions: [
              assign({
                taskFailed: true,
                error: {
                  kind: 'export_failed',
                  message: 'the export task failed',
                  retriable: true,
                  ambiguous: false,
                },
              }),
              'emitFailed',
            ],
          },
          {
            target: 'waiting',
            actions: [
              assign({ checks: ({ context }) => context.checks + 1, checkErrors: 0 }),
              emit(({ context }) => ({
                type: 'export.running' as const,
                taskId: context.taskId ?? '',
                checks: context.checks,
              })),
            ],
          },
        ],
        onError: [
          {
            guard: 'tooManyCheckErrors',
            target: 'failed',
            actions: [{ type: 'recordError', params: failedError }, 'emitFailed'],
          },
          {
            target: 'waiting',
            actions: assign({
              checkErrors: ({ context }) => context.checkErrors + 1,
              checks: ({ context }) => context.checks + 1,
            }),
          },
        ],
      },
    },
    downloading: {
      description: 'GET …/export/{task_id}/download/ (text/csv).',
      invoke: {
        id: 'downloadExport',
        src: 'downloadExport',
        input: ({ context }) => ({ taskId: context.taskId ?? '' }),
        onDone: {
          target: 'done',
          actions: [
            assign({ bytes: ({ event }) => event.output.bytes }),
            emit(({ context, event }) => ({
              type: 'export.downloaded' as const,
              taskId: context.taskId ?? '',
              bytes: event.output.bytes,
            })),
          ],
        },
        onError: {
          target: 'failed',
          actions: [{ type: 'recordError', params: failedError }, 'emitFailed'],
        },
      },
    },
    failed: {
      description: 'RETRY checks the same task again, or starts a new one if the task failed.',
      on: {
        RETRY: [
          {
            guard: 'taskKnown',
            target: 'checking',
            actions: assign({ error: null, checkErrors: 0 }),
          },
          { target: 'starting', actions: assign({ error: null }) },
        ],
      },
    },
    done: { type: 'final' },
    cancelled: { type: 'final' },
  },
});

export type ExportMachine = typeof exportMachine;
