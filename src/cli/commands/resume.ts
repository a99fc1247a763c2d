import type { Command } from 'commander';
import type { CovageApi } from '../../client/api.js';
import { type OrderSession, resumeOrderSession } from '../../runtime/orderSession.js';
import type { SnapshotRecord } from '../../store/snapshotRecord.js';
import { COVAGE_ENV } from '../apiFromEnv.js';
import { CliError } from '../exitCodes.js';
import { topState } from '../progress/sessionPhase.js';
import { type CliIo, processIo, runSession } from '../sessionRun.js';
import { DEFAULT_STATE_DIR, existingStateDir, findRecord, withOrigin } from '../stateDir.js';
import { reportingStoreErrors } from '../storeErrors.js';
import { baseUrlFrom, remoteTarget, type Target } from '../target.js';

export interface ResumeFlags {
  stateDir?: string;
  baseUrl?: string;
  json?: boolean;
  quiet?: boolean;
}

const FINAL_STATES = ['completed', 'partial', 'rejected', 'cancelled'];

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

/** Where a stored session goes on: its recorded API, `--base-url`, or nowhere (it is over). */
function targetFor(record: SnapshotRecord, flags: ResumeFlags, io: CliIo): Target {
  const origin = record.origin;
  if (FINAL_STATES.includes(record.state))
    return {
      api: noApi(),
      baseUrl: origin?.baseUrl ?? '',
      embedded: origin?.embeddedSandbox === true,
      origin: origin ?? { baseUrl: '' },
      close: async () => {},
    };
  if (origin?.embeddedSandbox)
    throw new CliError(
      `session ${record.id} was sent to the embedded sandbox of the command that ran it, and that sandbox is gone with it: it cannot be resumed (submit with --base-url for sessions that can)`,
    );
  const baseUrl = flags.baseUrl ?? origin?.baseUrl ?? baseUrlFrom(undefined, io.env);
  if (!baseUrl)
    throw new CliError(
      `the stored session does not say which API it was sent to: pass --base-url (or set ${COVAGE_ENV.baseUrl})`,
    );
  const target = remoteTarget(baseUrl, io.env);
  if (origin && target.baseUrl !== origin.baseUrl)
    io.stderr.write(
      `covage-orders: the session was sent to ${origin.baseUrl}; going on at ${target.baseUrl} as --base-url says\n`,
    );
  return target;
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
  const record = await findRecord(store, id);
  const target = targetFor(record, flags, io);
  // A session that is over keeps its record as it was.
  const origin = FINAL_STATES.includes(record.state) ? record.origin : target.origin;
  const session = await resumeOrderSession(withOrigin(store, origin), record.id, {
    api: target.api,
  });
  return runSession({
    session,
    target,
    stateDir,
    stateFile: store.pathOf(record.id),
    flags,
    io,
    begin: () => goOn(session),
  });
}

export function registerResume(
  program: Command,
  run: (action: () => Promise<number>) => Promise<void>,
) {
  program
    .command('resume')
    .description('continue a saved session (interrupted, or stopped by an API or network failure)')
    .argument('<id>', 'the id printed by submit (or the API session id)')
    .option('--state-dir <dir>', `where sessions are saved (default ${DEFAULT_STATE_DIR})`)
    .option(
      '--base-url <url>',
      'the API, when it is not the one the session was sent to (default: the saved one)',
    )
    .option('--json', 'print one JSON document at the end (progress goes to stderr)')
    .option('--quiet', 'no progress display')
    .addHelpText(
      'after',
      `
Credentials come from the environment, as for submit (${COVAGE_ENV.token}, or ${COVAGE_ENV.username} +
${COVAGE_ENV.password} + ${COVAGE_ENV.tokenUrl}). A session that is over is shown again, without requests.
A session sent to the embedded sandbox cannot be resumed: that sandbox stopped with its command.
Exit status: as submit (0 completed, 3 partial, 4 rejected, 2 bad input, 5 API failure, 130).`,
    )
    .action((id: string, flags: ResumeFlags) =>
      run(() => reportingStoreErrors(() => runResume(id, flags, processIo()))),
    );
}
