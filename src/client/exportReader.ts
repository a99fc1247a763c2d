/**
 * The CSV export as a read of sessions, within the doc's rate limit: at most one export start per
 * `intervalMs` (the doc's 5 minutes) for the client's user, whatever the number of sessions asking.
 * Every caller asks for "an export started after this moment" (a write whose answer was lost is
 * looked for in an export started after it was sent); all callers waiting when an export starts
 * share it, and its file is read once, keeping only their sessions' rows. A 429 is honoured: the
 * next start waits for its `Retry-After` (else a whole interval).
 */

import type { ExportWindow } from '../../machines/session/events.js';
import {
  type Clock,
  sleep as defaultSleep,
  raceAbort,
  type Sleep,
  systemClock,
} from '../http/abort.js';
import { CovageExportError, CovageRateLimitError } from '../http/errors.js';
import type { ExportStatus, ExportTask } from '../schemas/export.js';
import type { SessionWithItems } from '../schemas/session.js';
import { type ExportedSessions, type ExportWant, readExportFile } from './exportFile.js';
import { paths } from './paths.js';

/** The three export calls (a `CovageApi` has them). */
export interface ExportCalls {
  startExport(): Promise<ExportTask>;
  getExportStatus(taskId: string): Promise<ExportStatus>;
  downloadExport(taskId: string): Promise<ReadableStream<Uint8Array>>;
}

export interface ExportReaderOptions {
  /** One export start per this long, per user. Default 300 000 (the doc's 5 minutes). */
  intervalMs?: number;
  /** First wait between status polls. Default 500 ms, growing ×1.5 up to `maxPollIntervalMs`. */
  pollIntervalMs?: number;
  /** Default 5 000 ms. */
  maxPollIntervalMs?: number;
  /** A task that has not ended after this long failed. Default 10 minutes. */
  maxTaskMs?: number;
  clock?: Clock;
  sleep?: Sleep;
}

/** Where the shared export stands, for a live view: waiting for its window, running, reading. */
export type { ExportWindow };

interface Run {
  wants: Set<ExportWant>;
  started: boolean;
  startedAt: number;
  /** The file is being read: the sessions kept are fixed. */
  reading: boolean;
  result: Promise<ExportedSessions>;
}

export interface ExportLook {
  /** The export's start (epoch ms): it reflects the sessions as they were then. */
  startedAt: number;
  sessions: ExportedSessions;
}

export class ExportReader {
  readonly intervalMs: number;
  readonly #api: ExportCalls;
  readonly #clock: Clock;
  readonly #sleep: Sleep;
  readonly #options: ExportReaderOptions;
  /** The earliest moment the next start is allowed. */
  #nextStartAt = 0;
  #next: Run | null = null;
  #window: ExportWindow = { phase: 'idle' };
  readonly #listeners = new Set<(window: ExportWindow) => void>();
  /** Export starts made (for tests and the soak: one per interval, not one per session). */
  starts = 0;

  constructor(api: ExportCalls, options: ExportReaderOptions = {}) {
    this.#api = api;
    this.#options = options;
    this.intervalMs = options.intervalMs ?? 300_000;
    this.#clock = options.clock ?? systemClock;
    this.#sleep = options.sleep ?? defaultSleep;
  }

  /** The reader's clock: `look`'s `after` is on it. */
  now(): number {
    return this.#clock.now();
  }

  get window(): ExportWindow {
    return this.#window;
  }

  /** Told each time the shared export changes phase. */
  onWindow(listener: (window: ExportWindow) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * The sessions `want` names, from the first export started at or after `after` (epoch ms).
   * Sessions the export does not list are absent from the answer.
   */
  async look(want: ExportWant, after: number, signal?: AbortSignal): Promise<ExportLook> {
    for (;;) {
      signal?.throwIfAborted();
      const run = this.#next ?? this.#schedule();
      // Joins an export not started yet, or started since `after` whose file is not read yet.
      if (!run.started || (run.startedAt >= after && !run.reading)) {
        run.wants.add(want);
        const sessions = await raceAbort(run.result, signal);
        return { startedAt: run.startedAt, sessions };
      }
      // Started before `after`, or already being read: wait for the next one.
      await raceAbort(
        run.result.then(
          () => {},
          () => {},
        ),
        signal,
      );
    }
  }

  /** One session by its API id, from an export started at or after `after`; null if not listed. */
  async session(
    sessionId: string,
    after: number,
    signal?: AbortSignal,
  ): Promise<SessionWithItems | null> {
    const look = await this.look({ sessionIds: [sessionId] }, after, signal);
    return look.sessions.byId.get(sessionId) ?? null;
  }

  #tell(window: ExportWindow): void {
    this.#window = window;
    for (const listener of this.#listeners) {
      try {
        listener(window);
      } catch {
        // A listener's failure is not the export's.
      }
    }
  }

  #schedule(): Run {
    const run: Run = {
      wants: new Set(),
      started: false,
      startedAt: 0,
      reading: false,
      result: Promise.resolve({ byId: new Map(), idsByExternalId: new Map() }),
    };
    this.#next = run;
    run.result = this.#run(run).finally(() => {
      if (this.#next === run) this.#next = null;
      this.#tell({ phase: 'idle' });
    });
    // Nobody may be waiting on a failed run: keep it from being an unhandled rejection.
    run.result.catch(() => {});
    return run;
  }

  async #run(run: Run): Promise<ExportedSessions> {
    let taskId = '';
    for (;;) {
      const wait = this.#nextStartAt - this.#clock.now();
      if (wait > 0) {
        this.#tell({ phase: 'waiting', startsAt: this.#nextStartAt });
        await this.#sleep(wait);
      }
      run.started = true;
      run.startedAt = this.#clock.now();
      this.#tell({ phase: 'running', startedAt: run.startedAt });
      try {
        taskId = (await this.#api.startExport()).task_id;
        this.starts += 1;
        // Counted from the answer: the API counted it at some moment before that.
        this.#nextStartAt = this.#clock.now() + this.intervalMs;
        break;
      } catch (error) {
        run.started = false;
        if (!(error instanceof CovageRateLimitError)) {
          // A start that failed otherwise counts as one: do not hammer the API.
          this.#nextStartAt = this.#clock.now() + Math.min(this.intervalMs, 30_000);
          throw error;
        }
        this.#nextStartAt = this.#clock.now() + (error.retryAfterMs ?? this.intervalMs);
      }
    }
    let interval = this.#options.pollIntervalMs ?? 500;
    const maxInterval = this.#options.maxPollIntervalMs ?? 5000;
    const maxTask = this.#options.maxTaskMs ?? 600_000;
    for (let waited = 0; ; ) {
      const status = await this.#api.getExportStatus(taskId);
      if (status.success === true) break;
      if (status.success === false) throw new CovageExportError(taskId, 'failed');
      if (waited >= maxTask) throw new CovageExportError(taskId, 'timed_out');
      await this.#sleep(interval);
      waited += interval;
      interval = Math.min(maxInterval, Math.round(interval * 1.5));
    }
    run.reading = true;
    this.#tell({ phase: 'reading', startedAt: run.startedAt });
    const stream = await this.#api.downloadExport(taskId);
    const sessionIds = new Set<string>();
    const sessionExternalIds = new Set<string>();
    for (const want of run.wants) {
      for (const id of want.sessionIds ?? []) sessionIds.add(id);
      for (const id of want.sessionExternalIds ?? []) sessionExternalIds.add(id);
    }
    return readExportFile(
      stream,
      { sessionIds, sessionExternalIds },
      { method: 'GET', path: paths.exportDownload(taskId) },
    );
  }
}
