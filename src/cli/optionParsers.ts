import { type Command, InvalidArgumentError } from 'commander';
import { SESSION_READ_MODES, type SessionReadMode } from '../client/sessionRead.js';

/** A whole number from 1 (`--concurrency 4`). */
export function positiveInteger(flag: string) {
  return (value: string): number => {
    if (!/^\d+$/.test(value.trim()) || Number(value) < 1 || !Number.isSafeInteger(Number(value)))
      throw new InvalidArgumentError(`${flag} is a whole number from 1`);
    return Number(value);
  };
}

/** Any integer (`--seed -3`). */
export function integer(flag: string) {
  return (value: string): number => {
    if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(Number(value)))
      throw new InvalidArgumentError(`${flag} is an integer`);
    return Number(value);
  };
}

/** `--session-read auto|on|off`. */
export function sessionReadMode(value: string): SessionReadMode {
  const mode = value.trim().toLowerCase();
  if (!SESSION_READ_MODES.includes(mode as SessionReadMode))
    throw new InvalidArgumentError(`--session-read is one of ${SESSION_READ_MODES.join(', ')}`);
  return mode as SessionReadMode;
}

/** Collects a repeatable option's values (`--dia-offering A --dia-offering B`). */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Quotes a value for a POSIX shell when it needs it (used in the commands we print). */
export function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`;
}

/** The client's read options from `--session-read` and `--export-interval`. */
export function readFlags(flags: { sessionRead?: SessionReadMode; exportInterval?: number }) {
  return {
    ...(flags.sessionRead ? { sessionRead: flags.sessionRead } : {}),
    ...(flags.exportInterval === undefined
      ? {}
      : { exportIntervalMs: flags.exportInterval * 1000 }),
  };
}

/** `--session-read` and `--export-interval`: how a command that runs a session learns outcomes. */
export function withReadOptions(command: Command): Command {
  return command
    .option(
      '--session-read <mode>',
      'auto (default): read the session back until the API answers that route 404/405/501; on; off: order tracking and the CSV export only',
      sessionReadMode,
    )
    .option(
      '--export-interval <seconds>',
      'one CSV export start per this long, for the documented paths (default 300: the doc)',
      positiveInteger('--export-interval'),
    );
}
