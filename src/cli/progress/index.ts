/**
 * Progress of a running session: a live view on a terminal, plain lines elsewhere (pipes, CI,
 * `--json` runs, where they go to stderr), or, with `--quiet`, only a heartbeat on stderr every
 * few seconds of a long run. Every display reads one {@link ProgressModel}, kept from the
 * session's events at O(1) per event.
 */
import type { ExportWindow } from '../../client/exportReader.js';
import type { OrderSession } from '../../runtime/orderSession.js';
import { describeWaiting } from '../../runtime/waiting.js';
import { plural } from '../style.js';
import { countParts, startLiveProgress } from './live.js';
import { ProgressModel } from './model.js';
import { describeEvent, isLineEvent } from './plain.js';
import { phaseLabel, sessionState } from './sessionPhase.js';

/** The export's window without its countdown: the plain log says "waiting", once. */
function steady(window: ExportWindow): ExportWindow {
  return window.phase === 'waiting' ? { phase: 'idle' } : window;
}

export type ProgressMode = 'live' | 'plain' | 'none';

export interface ProgressStreams {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number; rows?: number };
  stderr: NodeJS.WritableStream;
}

/** Sessions with more lines than this get summaries instead of a row (or a log line) per line. */
export const DETAIL_LIMIT = 50;
/** The heartbeat's period, with `--quiet` or a plain log of a large session. */
export const HEARTBEAT_MS = 5000;

/** Live only for a human on a terminal; never with `--json`. */
export function progressMode(
  flags: { json?: boolean; quiet?: boolean },
  stdoutIsTTY: boolean,
  env: Record<string, string | undefined>,
): ProgressMode {
  if (flags.quiet) return 'none';
  if (flags.json || !stdoutIsTTY || env.TERM === 'dumb' || env.CI) return 'plain';
  return 'live';
}

export interface Progress {
  stop(): void;
}

export interface ProgressOptions {
  streams: ProgressStreams;
  json: boolean;
  target: string;
  /** A row or log line per line whatever the session's size. */
  allLines?: boolean;
  heartbeatMs?: number;
}

/** One line saying where a session stands, from the counters. */
export function heartbeatText(model: ProgressModel, phase: string, elapsedMs: number): string {
  return `covage-orders: ${(elapsedMs / 1000).toFixed(0)}s, ${phase}; ${plural(model.size, 'line')}: ${countParts(model).join(', ')}`;
}

export function startProgress(
  session: OrderSession,
  mode: ProgressMode,
  options: ProgressOptions,
): Progress {
  const start = session.result();
  const model = new ProgressModel(start.lines, start.sessionId);
  const detailed = options.allLines === true || model.size <= DETAIL_LIMIT;
  const out = options.json ? options.streams.stderr : options.streams.stdout;
  let waitingText = '';
  const subscription = session.on('*', (event) => {
    if (event.type === 'session.waiting') {
      // One log line when what the session waits for changes (not at every second).
      const text = describeWaiting({ ...event, export: steady(event.export) }, Date.now());
      if (mode === 'plain' && text && text !== waitingText) out.write(`${text}\n`);
      waitingText = text;
      return;
    }
    model.apply(event);
    if (mode !== 'plain') return;
    // A large session's log keeps what needs a person: failures and warnings, not every success.
    if (
      isLineEvent(event) &&
      !detailed &&
      event.type !== 'line.failed' &&
      event.type !== 'line.warning'
    )
      return;
    const text = describeEvent(event, (key) => model.get(key)?.externalId);
    if (text) out.write(`${text}\n`);
  });
  const started = Date.now();
  const heartbeatEvery = options.heartbeatMs ?? HEARTBEAT_MS;
  const beat =
    mode === 'none' || (mode === 'plain' && !detailed)
      ? setInterval(() => {
          const phase = phaseLabel(sessionState(session));
          const stream = mode === 'none' ? options.streams.stderr : out;
          stream.write(`${heartbeatText(model, phase, Date.now() - started)}\n`);
        }, heartbeatEvery)
      : undefined;
  beat?.unref();
  const live =
    mode === 'live'
      ? startLiveProgress(
          session,
          model,
          options.streams.stdout as NodeJS.WriteStream,
          options.target,
        )
      : undefined;
  return {
    stop() {
      subscription.unsubscribe();
      if (beat) clearInterval(beat);
      live?.stop();
    },
  };
}
