/**
 * Runs a session to its end for `submit` and `resume`: progress while it works, the interrupt
 * rule (first SIGINT/SIGTERM: save and stop, exit 130; second: exit at once), then the table or
 * the JSON document, and the exit code.
 */
import type { OrderSession, SessionResult } from '../runtime/orderSession.js';
import type { Env } from './apiFromEnv.js';
import { EXIT } from './exitCodes.js';
import { watchInterrupts } from './interrupt.js';
import { type ProgressStreams, progressMode, startProgress } from './progress/index.js';
import { outcomeSentence, renderResultTable } from './resultTable.js';
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
  target: Pick<Target, 'baseUrl' | 'embedded'>;
  stateDir: string;
  stateFile: string;
  flags: { json?: boolean; quiet?: boolean };
  io: CliIo;
  /** Sets the session going (confirm, retry…), once progress is attached. */
  begin(): void;
}

export type RunState = SessionResult['state'] | 'interrupted';

const PHASES: Record<string, string> = {
  create_session: 'creating the session',
  sync: 'creating the lines',
  confirm: 'confirming',
  follow: 'reading the outcome',
};

/** The exit code of a session that ended in `state`. */
export function exitCodeOf(state: RunState, result: SessionResult): number {
  switch (state) {
    case 'completed':
      return EXIT.ok;
    case 'partial':
      return EXIT.partial;
    case 'rejected':
      return EXIT.rejected;
    case 'invalid':
      return EXIT.notReady;
    case 'failed':
      return result.error?.kind === 'store' ? EXIT.badInput : EXIT.apiFailure;
    case 'cancelled':
    case 'interrupted':
      return EXIT.interrupted;
  }
}

/** The one line on stderr for a session that did not reach its outcome. */
function problemLine(state: RunState, result: SessionResult, run: SessionRun): string | undefined {
  if (state === 'invalid')
    return `the session is not ready: ${result.issues.map((issue) => `${issue.path} ${issue.code}`).join('; ')}`;
  if (state !== 'failed' && state !== 'interrupted' && state !== 'cancelled') return undefined;
  const what =
    state === 'failed'
      ? result.error?.kind === 'store'
        ? `cannot save the session state: ${result.error.message}`
        : `the session stopped while ${PHASES[result.phase ?? ''] ?? result.phase ?? 'working'}: ${result.error?.message ?? 'a line failed'}`
      : 'interrupted';
  if (run.target.embedded)
    return `${what}; the session was on the embedded sandbox, which stops with this command, so it cannot be resumed (state in ${run.stateFile})`;
  return `${what}; the session is saved, continue it with: ${resumeCommand(result.id, run.stateDir)}`;
}

export function jsonDocument(state: RunState, result: SessionResult, run: SessionRun) {
  const resumable = (state === 'failed' || state === 'interrupted') && !run.target.embedded;
  return {
    state,
    exitCode: exitCodeOf(state, result),
    id: result.id,
    sessionId: result.sessionId,
    baseUrl: run.target.baseUrl,
    embeddedSandbox: run.target.embedded,
    stateFile: run.stateFile,
    ...(state === 'failed' ? { phase: result.phase, error: result.error ?? null } : {}),
    ...(resumable ? { resume: resumeCommand(result.id, run.stateDir) } : {}),
    issues: result.issues,
    lines: result.lines,
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
  });
  let progressStopped = false;
  const stopProgress = () => {
    if (progressStopped) return;
    progressStopped = true;
    progress.stop();
  };
  const interrupts = watchInterrupts(stopProgress);
  try {
    // Going on first: a restored session that failed must not count as settled before its retry.
    run.begin();
    const settled = session.settled();
    settled.catch(() => {});
    const first = await Promise.race([settled, interrupts.signalled.then(() => null)]);
    await session.stop();
    stopProgress();
    const state: RunState = first === null ? 'interrupted' : first.state;
    const result = first ?? session.result();
    const code = exitCodeOf(state, result);
    if (flags.json) {
      io.stdout.write(`${JSON.stringify(jsonDocument(state, result, run))}\n`);
    } else {
      io.stdout.write(`${renderResultTable(result.lines)}\n`);
      if (state === 'completed' || state === 'partial' || state === 'rejected')
        io.stdout.write(`${outcomeSentence(result)}\n`);
    }
    const problem = problemLine(state, result, run);
    if (problem) io.stderr.write(`covage-orders: ${problem}\n`);
    return code;
  } finally {
    stopProgress();
    interrupts.dispose();
  }
}
