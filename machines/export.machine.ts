/**
 * The three-step CSV export of the order-taking doc: start the task (at most one per user every
 * five minutes: a 429 is waited out by its `Retry-After`), check its status until `success` is
 * `true` (`null` while it runs, `false` when it failed), then download the file.
 */
import { assign, emit, fromPromise, setup } from 'xstate';
import { type ErrorInfo, errorInfo } from '../src/http/errorInfo.js';
import type { ExportStatus, ExportTask } from '../src/schemas/export.js';

export interface ExportContext {
  taskId: string | null;
  /** Status checks made for the current task. */
  checks: number;
  /** Consecutive failed status checks. */
  checkErrors: number;
  retryAfterMs: number;
  bytes: number | null;
  error: ErrorInfo | null;
  /** The task itself reported `success: false`. */
  taskFailed: boolean;
  options: ExportMachineOptions;
}

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

export type ExportEvent = { type: 'START' } | { type: 'RETRY' } | { type: 'CANCEL' };

export type ExportProgressEvent =
  | { type: 'export.started'; taskId: string }
  | { type: 'export.rate_limited'; retryInMs: number }
  | { type: 'export.running'; taskId: string; checks: number }
  | { type: 'export.ready'; taskId: string }
  | { type: 'export.downloaded'; taskId: string; bytes: number }
  | { type: 'export.failed'; error: ErrorInfo | null; taskFailed: boolean };

function notProvided(name: string): () => Promise<never> {
  return async () => {
    throw new Error(`the "${name}" actor is not provided (see machine.provide)`);
  };
}

export const exportMachine = setup({
  types: {
    context: {} as ExportContext,
    input: {} as { options?: Partial<ExportMachineOptions> } | undefined,
    events: {} as ExportEvent,
    emitted: {} as ExportProgressEvent,
  },
  actors: {
    startExport: fromPromise<ExportTask, Record<string, never>>(notProvided('startExport')),
    getExportStatus: fromPromise<ExportStatus, { taskId: string }>(notProvided('getExportStatus')),
    /** Downloads the file and hands it to its destination; answers the byte count. */
    downloadExport: fromPromise<{ bytes: number }, { taskId: string }>(
      notProvided('downloadExport'),
    ),
  },
  delays: {
    RETRY_AFTER: ({ context }) => context.retryAfterMs,
    CHECK_DELAY: ({ context }) => {
      const { initialDelayMs, maxDelayMs, factor } = context.options;
      return Math.min(maxDelayMs, initialDelayMs * factor ** Math.max(0, context.checks - 1));
    },
  },
  guards: {
    /** 429: at most one export start per user every five minutes. */
    rateLimited: ({ event }) =>
      errorInfo((event as { error?: unknown }).error).kind === 'rate_limit',
    /** `success: true`: the file can be downloaded. */
    exportReady: ({ event }) => (event as { output?: ExportStatus }).output?.success === true,
    /** `success: false`: the task failed. */
    exportTaskFailed: ({ event }) => (event as { output?: ExportStatus }).output?.success === false,
    taskKnown: ({ context }) => context.taskId !== null && !context.taskFailed,
    tooManyCheckErrors: ({ context }) => context.checkErrors + 1 >= context.options.maxErrors,
  },
  actions: {
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
        src: 'startExport',
        input: {},
        onDone: {
          target: 'waiting',
          actions: [
            assign({
              taskId: ({ event }) => event.output.task_id,
              checks: 0,
              checkErrors: 0,
              error: null,
              taskFailed: false,
            }),
            emit(({ event }) => ({
              type: 'export.started' as const,
              taskId: event.output.task_id,
            })),
          ],
        },
        onError: [
          {
            guard: 'rateLimited',
            target: 'rate_limited',
            actions: assign({
              retryAfterMs: ({ context, event }) =>
                errorInfo(event.error).retryAfterMs ?? context.options.defaultRetryAfterMs,
            }),
          },
          {
            target: 'failed',
            actions: [assign({ error: ({ event }) => errorInfo(event.error) }), 'emitFailed'],
          },
        ],
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
        src: 'getExportStatus',
        input: ({ context }) => ({ taskId: context.taskId as string }),
        onDone: [
          {
            guard: 'exportReady',
            target: 'downloading',
            actions: emit(({ context }) => ({
              type: 'export.ready' as const,
              taskId: context.taskId as string,
            })),
          },
          {
            guard: 'exportTaskFailed',
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
                taskId: context.taskId as string,
                checks: context.checks,
              })),
            ],
          },
        ],
        onError: [
          {
            guard: 'tooManyCheckErrors',
            target: 'failed',
            actions: [assign({ error: ({ event }) => errorInfo(event.error) }), 'emitFailed'],
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
        src: 'downloadExport',
        input: ({ context }) => ({ taskId: context.taskId as string }),
        onDone: {
          target: 'done',
          actions: [
            assign({ bytes: ({ event }) => event.output.bytes }),
            emit(({ context, event }) => ({
              type: 'export.downloaded' as const,
              taskId: context.taskId as string,
              bytes: event.output.bytes,
            })),
          ],
        },
        onError: {
          target: 'failed',
          actions: [assign({ error: ({ event }) => errorInfo(event.error) }), 'emitFailed'],
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
