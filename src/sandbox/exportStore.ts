import { randomUUID } from 'node:crypto';
import { type ExportRow, toCsv } from './csv.js';
import { notFound, SandboxError } from './errors.js';
import { isoDate } from './time.js';

export interface ExportTask {
  id: string;
  user: string;
  startedAt: number;
  /** When the task is done (clock ms): `startedAt + exportDurationMs`. */
  doneAt: number;
  /** Forced to fail (`success: false`) by the start request. */
  fails: boolean;
  rows: number;
  /** The file, made in the background from the rows as they were at the start. */
  csv: Promise<string>;
}

export interface ExportStatusBody {
  task_id: string;
  success: boolean | null;
  started: string;
  stopped: string | null;
}

/**
 * CSV export tasks: one start per user per interval, each done `durationMs` after its start; the
 * last `perUser` tasks of each user are kept.
 */
export class ExportStore {
  private readonly tasks = new Map<string, ExportTask>();
  private readonly lastStart = new Map<string, number>();
  private readonly byUser = new Map<string, ExportTask[]>();

  constructor(
    private readonly intervalMs: number,
    private readonly durationMs: number,
    /** Tasks kept per user; the oldest is forgotten beyond. */
    private readonly perUser = 5,
  ) {}

  start(user: string, rows: ExportRow[], now: number, fails: boolean): ExportTask {
    const last = this.lastStart.get(user);
    if (last !== undefined && now < last + this.intervalMs) {
      const seconds = Math.max(1, Math.ceil((last + this.intervalMs - now) / 1000));
      throw new SandboxError(
        429,
        'rate_limited',
        `one export per ${Math.round(this.intervalMs / 1000)} s per user: retry in ${seconds} s`,
        undefined,
        { 'Retry-After': String(seconds) },
      );
    }
    this.lastStart.set(user, now);
    const csv = toCsv(rows);
    csv.catch(() => {});
    const task: ExportTask = {
      id: randomUUID(),
      user,
      startedAt: now,
      doneAt: now + this.durationMs,
      fails,
      rows: rows.length,
      csv,
    };
    this.tasks.set(task.id, task);
    const own = this.byUser.get(user) ?? [];
    own.push(task);
    while (own.length > this.perUser) {
      const oldest = own.shift();
      if (oldest) this.tasks.delete(oldest.id);
    }
    this.byUser.set(user, own);
    return task;
  }

  /** The user's task; 404 for anyone else's. */
  get(user: string, taskId: string): ExportTask {
    const task = this.tasks.get(taskId);
    if (!task || task.user !== user) throw notFound('export task');
    return task;
  }

  status(task: ExportTask, now: number): ExportStatusBody {
    const done = now >= task.doneAt;
    return {
      task_id: task.id,
      success: done ? !task.fails : null,
      started: isoDate(task.startedAt),
      stopped: done ? isoDate(task.doneAt) : null,
    };
  }

  /** The file of a task that succeeded; 404 while it runs or when it failed. */
  async file(task: ExportTask, now: number): Promise<string> {
    if (now < task.doneAt)
      throw new SandboxError(404, 'export_not_ready', 'the export is still running');
    if (task.fails) throw new SandboxError(404, 'export_failed', 'the export failed: no file');
    return task.csv;
  }

  count(): number {
    return this.tasks.size;
  }

  all(): ExportTask[] {
    return [...this.tasks.values()];
  }
}
