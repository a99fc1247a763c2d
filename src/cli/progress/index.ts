/**
 * Progress of a running session: a live view on a terminal, plain lines elsewhere (pipes, CI,
 * `--json` runs, where they go to stderr), or nothing with `--quiet`.
 */
import type { OrderSession } from '../../runtime/orderSession.js';
import { startLiveProgress } from './live.js';
import { describeEvent } from './plain.js';

export type ProgressMode = 'live' | 'plain' | 'none';

export interface ProgressStreams {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number; rows?: number };
  stderr: NodeJS.WritableStream;
}

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

export function startProgress(
  session: OrderSession,
  mode: ProgressMode,
  options: { streams: ProgressStreams; json: boolean; target: string },
): Progress {
  if (mode === 'none') return { stop() {} };
  if (mode === 'live')
    return startLiveProgress(session, options.streams.stdout as NodeJS.WriteStream, options.target);
  const out = options.json ? options.streams.stderr : options.streams.stdout;
  const externalIds = new Map(session.result().lines.map((line) => [line.key, line.externalId]));
  const subscription = session.on('*', (event) => {
    const text = describeEvent(event, (key) => externalIds.get(key));
    if (text) out.write(`${text}\n`);
  });
  return { stop: () => subscription.unsubscribe() };
}
