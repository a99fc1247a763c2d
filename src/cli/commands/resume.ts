import type { Command } from 'commander';
import type { CovageApi } from '../../client/api.js';
import type { SessionReadMode } from '../../client/sessionRead.js';
import type { Lease } from '../../lease/types.js';
import { type OrderSession, resumeOrderSession } from '../../runtime/orderSession.js';
import type { SnapshotRecord } from '../../store/snapshotRecord.js';
import { COVAGE_ENV, publicBaseUrl } from '../apiFromEnv.js';
import { CliError } from '../exitCodes.js';
import { DEFAULT_WAIT_S, LEASE_TTL_ENV, takeLease } from '../lease.js';
import { positiveInteger, readFlags, withReadOptions } from '../optionParsers.js';
import { topState } from '../progress/sessionPhase.js';
import { type CliIo, processIo, runSession } from '../sessionRun.js';
import { DEFAULT_STATE_DIR, existingStateDir, findRecord, withOrigin } from '../stateDir.js';
import { reportingStoreErrors } from '../storeErrors.js';
import { baseUrlFrom, baseUrlSource, remoteTarget, type Target } from '../target.js';

export interface ResumeFlags {
  stateDir?: string;
  baseUrl?: string;
  allowInsecureHttp?: boolean;
  json?: boolean;
  quiet?: boolean;
  allLines?: boolean;
  wait?: boolean | string;
  sessionRead?: SessionReadMode;
  exportInterval?: number;
}

const FINAL_STATES = ['completed', 'partial', 'rejected', 'cancelled', 'outcome_unknown'];

/** An API for a session that is over: it needs none, and must not call one. */
function noApi(): CovageApi {
  const refuse = async (): Promise<never> => {
    throw new Error('this session is over: no request is needed');
  };
  return {
    createSession: refuse,
    createLine: refuse,
    updateLine: refuse,
    deleteLine: refuse,
    confirmSession: refuse,
    getSession: refuse,
    startExport: refuse,
    getExportStatus: refuse,
    downloadExport: refuse,
  };
}

/**
 * Where a stored session goes on. The state file never decides where credentials are sent: the
 * base URL comes from `--base-url` or `COVAGE_BASE_URL`, and must be the API the session was sent
 * to (its `origin`); without either, a session that needs requests is refused (exit 2), as is a
 * mismatch. A session that is over needs no API at all.
 */
function targetFor(record: SnapshotRecord, flags: ResumeFlags, io: CliIo): Target {
  const origin = record.origin;
  if (FINAL_STATES.includes(record.state))
    return {
      api: noApi(),
      baseUrl: origin?.baseUrl ?? '',
      embedded: origin?.embeddedSandbox === true,
      origin: origin ?? { baseUrl: '' },
      credentials: 'none (the session is over)',
      close: async () => {},
    };
  if (origin?.embeddedSandbox)
    throw new CliError(
      `session ${record.id} was sent to the embedded sandbox of the command that ran it, and that sandbox is gone with it: it cannot be resumed (submit with --base-url for sessions that can)`,
    );
  const given = baseUrlFrom(flags.baseUrl, io.env);
  const source = baseUrlSource(flags.baseUrl);
  if (!given) {
    if (!origin)
      throw new CliError(
        `the stored session does not say which API it was sent to: pass --base-url (or set ${COVAGE_ENV.baseUrl})`,
      );
    throw new CliError(
      `session ${record.id} was sent to ${origin.baseUrl}: to go on there, set ${COVAGE_ENV.baseUrl}=${origin.baseUrl} (or pass --base-url ${origin.baseUrl}); a state file alone never decides where credentials are sent`,
    );
  }
  if (origin && publicBaseUrl(given) !== origin.baseUrl)
    throw new CliError(
      `${source} is ${publicBaseUrl(given)}, but session ${record.id} was sent to ${origin.baseUrl}: a session goes on at the API it was sent to (set ${source} to that, or submit the order again there)`,
    );
  return remoteTarget(given, io.env, {
    source,
    allowInsecureHttp: flags.allowInsecureHttp === true,
    ...readFlags(flags),
  });
}

/** Sets a restored session going again: retries a failed step, confirms an unconfirmed draft. */
function goOn(session: OrderSession): void {
  const state = topState(session);
  if (session.actor.getSnapshot().hasTag('failed')) session.retry();
  else if (state === 'draft' || state === 'created') session.confirm();
}

/**
 * Continues a saved session where it stopped: writes that may have been under way are
 * reconciled first, so no line is created twice and the confirmation is never sent twice.
 */
export async function runResume(id: string, flags: ResumeFlags, io: CliIo): Promise<number> {
  const stateDir = flags.stateDir ?? DEFAULT_STATE_DIR;
  const store = await existingStateDir(stateDir);
  let record = await findRecord(store, id);
  // One runner per session: a session that is not over is run under its lease, and read again
  // once it is held (the runner before may have gone further).
  let lease: Lease | undefined;
  if (!FINAL_STATES.includes(record.state)) {
    lease = await takeLease(stateDir, record.id, flags.wait, io);
    record = await findRecord(store, record.id);
  }
  try {
    const target = targetFor(record, flags, io);
    // A session that is over keeps its record as it was.
    const origin = FINAL_STATES.includes(record.state) ? record.origin : target.origin;
    const session = await resumeOrderSession(withOrigin(store, origin), record.id, {
      api: target.api,
      ...(lease && !FINAL_STATES.includes(record.state) ? { lease } : {}),
    });
    return await runSession({
      session,
      target,
      stateDir,
      stateFile: store.pathOf(record.id),
      flags,
      io,
      begin: () => goOn(session),
    });
  } finally {
    await lease?.release().catch(() => {});
  }
}

export function registerResume(
  program: Command,
  run: (action: () => Promise<number>) => Promise<void>,
) {
  withReadOptions(
    program
      .command('resume')
      .description(
        'continue a saved session (interrupted, or stopped by an API or network failure)',
      )
      .argument('<id>', 'the id printed by submit (or the API session id)')
      .option('--state-dir <dir>', `where sessions are saved (default ${DEFAULT_STATE_DIR})`)
      .option(
        '--base-url <url>',
        `the API the session was sent to (also ${COVAGE_ENV.baseUrl}); it must match the state file`,
      )
      .option('--allow-insecure-http', 'allow a plain http:// base URL that is not loopback'),
  )
    .option('--json', 'print one JSON document at the end, every line in it (progress on stderr)')
    .option('--quiet', 'no progress display; a line on stderr every 5 s of a long run')
    .option('--all-lines', 'a row per line in the final table, however many there are')
    .option(
      '--wait [seconds]',
      `wait for a session another command is running (default ${DEFAULT_WAIT_S} s), instead of exit 6`,
    )
    .addHelpText(
      'after',
      `
The API and the credentials come from the command line and the environment, never from the state
file: --base-url or ${COVAGE_ENV.baseUrl} must be the API the session was sent to (else exit 2), and
${COVAGE_ENV.token} (or ${COVAGE_ENV.username} + ${COVAGE_ENV.password} + ${COVAGE_ENV.tokenUrl}) as for submit.
A session that is over is shown again, without requests or credentials. A session sent to the
embedded sandbox cannot be resumed: that sandbox stopped with its command.

One command runs a session at a time (a lease in the state directory, kept alive every few
seconds; ${LEASE_TTL_ENV} sets how long it outlives a paused command, default 30000). A session
another command is running is refused (exit 6, naming it) unless --wait is given; one whose
command died is taken over at once, its unconfirmed lines looked up before anything is sent.

Exit status: as submit (0 completed, 3 partial, 4 rejected, 2 bad input or configuration, 5 API
failure, 6 run by another command, 130 interrupted).`,
    )
    .action((id: string, flags: ResumeFlags) =>
      run(() => reportingStoreErrors(() => runResume(id, flags, processIo()))),
    );
}
