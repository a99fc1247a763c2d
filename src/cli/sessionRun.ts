/**
 * Runs a session to its end for `submit` and `resume`: progress while it works, the interrupt
 * rule (first SIGINT/SIGTERM: save and stop, exit 130; second: exit at once), then the table or
 * the JSON document, the one line that says what went wrong and what to do, and the exit code.
 */
import { LeaseLostError } from '../lease/leaseLostError.js';
import type { LineResult, OrderSession, SessionResult } from '../runtime/orderSession.js';
import type { Env } from './apiFromEnv.js';
import { EXIT } from './exitCodes.js';
import { watchInterrupts } from './interrupt.js';
import { withLineNumbers } from './lineNumbers.js';
import { type ProgressStreams, progressMode, startProgress } from './progress/index.js';
import { outcomeSentence, renderOutcome, TABLE_WIDTH } from './resultTable.js';
import { resumeCommand } from './stateDir.js';
import type { Target } from './target.js';

export interface CliIo extends ProgressStreams {
  env: Env;
}

/** The real process's streams and environment. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env };
}

export interface SessionRun {
  session: OrderSession;
  target: Pick<Target, 'baseUrl' | 'embedded' | 'credentials'>;
  stateDir: string;
  stateFile: string;
  flags: { json?: boolean; quiet?: boolean; allLines?: boolean };
  io: CliIo;
  /** Sets the session going (confirm, retry…), once progress is attached. */
  begin(): void;
  /**
   * Removes the state file of a session that created nothing on the API (`submit` only: a file
   * that existed before the command is kept).
   */
  forget?: () => Promise<void>;
}

export type RunState = SessionResult['state'] | 'interrupted';

const PHASES: Record<string, string> = {
  create_session: 'creating the session',
  sync: 'creating the lines',
  confirm: 'confirming',
  follow: 'reading the outcome',
};

/** A failure that only a change of configuration fixes: refused credentials, a refused setting. */
function isConfigurationFailure(result: SessionResult): boolean {
  const kind = result.error?.kind;
  return kind === 'auth' || kind === 'config' || kind === 'store';
}

/** The exit code of a session that ended in `state`. */
export function exitCodeOf(state: RunState, result: SessionResult): number {
  switch (state) {
    case 'completed':
      return EXIT.ok;
    case 'partial':
      return EXIT.partial;
    case 'rejected':
      return EXIT.rejected;
    case 'outcome_unknown':
      return EXIT.outcomeUnknown;
    case 'invalid':
      return EXIT.notReady;
    case 'failed':
      return isConfigurationFailure(result) ? EXIT.badInput : EXIT.apiFailure;
    case 'cancelled':
    case 'interrupted':
      return EXIT.interrupted;
  }
}

/** Nothing exists on the API for this session: no session id, no line created. */
function createdNothing(result: SessionResult): boolean {
  return result.sessionId === null && result.lines.every((line) => line.lineId === null);
}

/** What stopped a failed session, in one clause that says what to fix where that is known. */
function failureText(result: SessionResult, run: SessionRun): string {
  const error = result.error;
  const where = PHASES[result.phase ?? ''] ?? result.phase ?? 'working';
  if (error?.kind === 'store') return `cannot save the session state: ${error.message}`;
  if (error?.kind === 'auth')
    return `the API refused the credentials while ${where} (${error.message}): check ${run.target.credentials}`;
  if (error?.kind === 'config') return `${error.message}: check ${run.target.credentials}`;
  return `the session stopped while ${where}: ${error?.message ?? 'a line failed'}`;
}

/** The one line on stderr for a session that did not reach its outcome. */
function problemLine(
  state: RunState,
  result: SessionResult,
  run: SessionRun,
  forgotten: boolean,
): string | undefined {
  if (state === 'outcome_unknown') {
    const unknown = result.lines.filter((line) => line.machineState === 'outcome_unknown');
    return `the outcome of ${unknown.length === 1 ? '1 line' : `${unknown.length} lines`} (${unknown
      .map((line) => `line ${line.index + 1}`)
      .slice(0, 10)
      .join(
        ', ',
      )}${unknown.length > 10 ? ', …' : ''}) is unknown: neither order tracking nor the CSV export told it before the deadline; nothing was guessed, look them up with: covage-orders track covage`;
  }
  if (state === 'invalid')
    return `the session is not ready: ${result.issues.map((issue) => `${withLineNumbers(issue.path)} ${issue.code}`).join('; ')}`;
  if (state !== 'failed' && state !== 'interrupted' && state !== 'cancelled') return undefined;
  const what = state === 'failed' ? failureText(result, run) : 'interrupted';
  if (forgotten) return `${what}; nothing was created, no state kept: run the same command again`;
  if (run.target.embedded)
    return `${what}; the session was on the embedded sandbox, which stops with this command, so it cannot be resumed (state in ${run.stateFile})`;
  return `${what}; the session is saved, continue it with: ${resumeCommand(result.id, run.stateDir, run.target.baseUrl)}`;
}

/** A line as the JSON document shows it: as the runtime gives it, plus its 1-based number. */
function jsonLine(line: LineResult) {
  return { line: line.index + 1, ...line };
}

export function jsonDocument(
  state: RunState,
  result: SessionResult,
  run: SessionRun,
  forgotten = false,
) {
  const resumable = (state === 'failed' || state === 'interrupted') && !run.target.embedded;
  return {
    state,
    exitCode: exitCodeOf(state, result),
    id: result.id,
    sessionId: result.sessionId,
    baseUrl: run.target.baseUrl,
    embeddedSandbox: run.target.embedded,
    stateFile: forgotten ? null : run.stateFile,
    ...(state === 'failed' ? { phase: result.phase, error: result.error ?? null } : {}),
    ...(resumable && !forgotten
      ? { resume: resumeCommand(result.id, run.stateDir, run.target.baseUrl) }
      : {}),
    issues: result.issues,
    lines: result.lines.map(jsonLine),
  };
}

/** Runs the session until it settles or is interrupted; prints the outcome; returns the exit code. */
export async function runSession(run: SessionRun): Promise<number> {
  const { session, io, flags } = run;
  const mode = progressMode(flags, io.stdout.isTTY === true, io.env);
  const progress = startProgress(session, mode, {
    streams: io,
    json: flags.json === true,
    target: run.target.embedded ? 'embedded sandbox' : run.target.baseUrl,
    allLines: flags.allLines === true,
  });
  let progressStopped = false;
  const stopProgress = () => {
    if (progressStopped) return;
    progressStopped = true;
    progress.stop();
  };
  const interrupts = watchInterrupts(stopProgress);
  // The one note when an auto client finds the API has no session read.
  const note = session.on('session.read_unavailable', (event) => {
    io.stderr.write(
      `covage-orders: note: ${event.message}; --session-read off skips the read from the start\n`,
    );
  });
  try {
    // Going on first: a restored session that failed must not count as settled before its retry.
    run.begin();
    const settled = session.settled();
    settled.catch(() => {});
    let first: SessionResult | null;
    try {
      first = await Promise.race([settled, interrupts.signalled.then(() => null)]);
    } catch (error) {
      if (!(error instanceof LeaseLostError)) throw error;
      // Another runner has the session now: this one sent nothing more, and says so.
      stopProgress();
      if (flags.json)
        io.stdout.write(
          `${JSON.stringify({ state: 'lease_lost', exitCode: EXIT.locked, id: session.id, error: error.message })}\n`,
        );
      io.stderr.write(`covage-orders: ${error.message}\n`);
      return EXIT.locked;
    }
    await session.stop();
    stopProgress();
    const state: RunState = first === null ? 'interrupted' : first.state;
    const result = first ?? session.result();
    const code = exitCodeOf(state, result);
    let forgotten = false;
    if (state === 'failed' && run.forget && createdNothing(result)) {
      await run.forget();
      forgotten = true;
    }
    if (flags.json) {
      io.stdout.write(`${JSON.stringify(jsonDocument(state, result, run, forgotten))}\n`);
    } else if (!forgotten) {
      // (A session that created nothing has no table worth showing: the one line says it all.)
      const width = io.stdout.isTTY ? (io.stdout.columns ?? TABLE_WIDTH) : TABLE_WIDTH;
      io.stdout.write(`${renderOutcome(result.lines, { allLines: flags.allLines, width })}\n`);
      if (
        state === 'completed' ||
        state === 'partial' ||
        state === 'rejected' ||
        state === 'outcome_unknown'
      )
        io.stdout.write(`${outcomeSentence(result)}\n`);
    }
    const problem = problemLine(state, result, run, forgotten);
    if (problem) io.stderr.write(`covage-orders: ${problem}\n`);
    return code;
  } finally {
    note.unsubscribe();
    stopProgress();
    interrupts.dispose();
  }
}
