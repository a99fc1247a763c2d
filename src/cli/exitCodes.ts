/** Exit codes of every `covage-orders` command. */
export const EXIT = {
  /** Done: ready (validate), or the session completed (submit). */
  ok: 0,
  /** Not ready: the order breaks a rule; nothing was sent. */
  notReady: 1,
  /** Bad input or configuration: unreadable file, not an order, bad flag or environment. */
  badInput: 2,
  /** The session ended `partial`. */
  partial: 3,
  /** The session ended `rejected`. */
  rejected: 4,
  /** An API or network failure the command could not get past; state is kept for `resume`. */
  apiFailure: 5,
  /**
   * Another runner holds the session (its lease), or this one lost it while running: this command
   * sent nothing (more); the runner holding it goes on.
   */
  locked: 6,
  /**
   * Without the session read, a line's outcome was still unknown at the deadline
   * (`outcome_unknown`): nothing was guessed; look the lines up on Covage order tracking later.
   */
  outcomeUnknown: 7,
  /** Interrupted (SIGINT/SIGTERM); state is kept for `resume`. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error the CLI reports as one line on stderr, then exits with `exitCode`. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: ExitCode = EXIT.badInput,
  ) {
    super(message);
  }
}
