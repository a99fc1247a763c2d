import type { Command } from 'commander';
import type { SessionReadMode } from '../../client/sessionRead.js';
import { randomKey } from '../../lines/externalId.js';
import { checkSession } from '../../rules/checkSession.js';
import type { LineDraft } from '../../rules/parseLine.js';
import {
  createOrderSession,
  InvalidLineError,
  type OrderSession,
} from '../../runtime/orderSession.js';
import { COVAGE_ENV } from '../apiFromEnv.js';
import { CliError, EXIT } from '../exitCodes.js';
import { takeLease } from '../lease.js';
import { collect, integer, positiveInteger, readFlags, withReadOptions } from '../optionParsers.js';
import { DETAIL_LIMIT, HEARTBEAT_MS } from '../progress/index.js';
import { readOrderFile } from '../readOrderFile.js';
import { type CliIo, processIo, runSession } from '../sessionRun.js';
import { DEFAULT_STATE_DIR, prepareStateDir, withOrigin } from '../stateDir.js';
import { reportingStoreErrors } from '../storeErrors.js';
import { plural } from '../style.js';
import {
  baseUrlFrom,
  baseUrlSource,
  embeddedTarget,
  remoteTarget,
  type Target,
} from '../target.js';
import { renderReport, toJsonReport } from './validate.js';

export interface SubmitFlags {
  baseUrl?: string;
  allowInsecureHttp?: boolean;
  json?: boolean;
  quiet?: boolean;
  allLines?: boolean;
  concurrency?: number;
  stateDir?: string;
  diaOffering?: string[];
  strictFormats?: boolean;
  seed?: number;
  sessionRead?: SessionReadMode;
  exportInterval?: number;
  outcomeDeadline?: number;
}

/** Lines added between two looks at the clock (and two turns of the event loop). */
const ADD_BATCH = 100;

/**
 * Adds the order's lines to the session. A large order takes a while: the event loop gets a turn
 * every {@link ADD_BATCH} lines, and a line on stderr says how far it is every few seconds.
 */
async function addLines(session: OrderSession, lines: readonly unknown[], io: CliIo) {
  const started = Date.now();
  let said = started;
  for (const [index, line] of lines.entries()) {
    try {
      // Read as a draft: addLine parses it and names what is wrong.
      session.addLine(line as LineDraft);
    } catch (error) {
      await session.stop();
      if (error instanceof InvalidLineError)
        throw new CliError(
          `line ${index + 1} (lines[${index}]): ${error.message}; nothing was sent`,
          EXIT.notReady,
        );
      throw error;
    }
    if ((index + 1) % ADD_BATCH !== 0) continue;
    await new Promise((resolve) => setImmediate(resolve));
    if (Date.now() - said < HEARTBEAT_MS) continue;
    said = Date.now();
    io.stderr.write(
      `covage-orders: ${((said - started) / 1000).toFixed(0)}s, preparing the session; ${index + 1} of ${plural(lines.length, 'line')} added\n`,
    );
  }
}

/**
 * Validates the order file (exactly as `validate`; not ready → exit 1, nothing sent), then
 * creates the session and its lines, confirms, and follows the outcome.
 */
export async function runSubmit(file: string, flags: SubmitFlags, io: CliIo): Promise<number> {
  const order = await readOrderFile(file);
  const diaOfferingIds = flags.diaOffering ?? [];
  const strictFormats = flags.strictFormats ?? false;
  const check = checkSession(order.lines, { diaOfferingIds, strictFormats });
  if (!check.ready) {
    if (flags.json)
      io.stdout.write(
        `${JSON.stringify({ state: 'not_ready', exitCode: EXIT.notReady, sent: false, ...toJsonReport(check) })}\n`,
      );
    else
      io.stdout.write(
        `${file}\n${renderReport(check, order.lines, { allLines: flags.allLines === true })}\nnothing was sent\n`,
      );
    return EXIT.notReady;
  }
  if (!flags.json && !flags.quiet)
    io.stdout.write(
      `${file}\n${renderReport(check, order.lines, { allLines: flags.allLines === true })}\n`,
    );

  // Configuration is checked before anything starts or is sent.
  const baseUrl = baseUrlFrom(flags.baseUrl, io.env);
  if (baseUrl && flags.seed !== undefined)
    throw new CliError('--seed applies to the embedded sandbox only (used without --base-url)');
  const remote = baseUrl
    ? remoteTarget(baseUrl, io.env, {
        source: baseUrlSource(flags.baseUrl),
        allowInsecureHttp: flags.allowInsecureHttp === true,
        ...readFlags(flags),
      })
    : undefined;
  const stateDir = flags.stateDir ?? DEFAULT_STATE_DIR;
  const store = await prepareStateDir(stateDir);
  const target: Target =
    remote ??
    (await embeddedTarget(io.env, {
      diaOfferingIds,
      ...(flags.seed === undefined ? {} : { seed: flags.seed }),
      ...(flags.sessionRead ? { sessionRead: flags.sessionRead } : {}),
    }));
  if (target.embedded)
    io.stderr.write(`covage-orders: embedded sandbox at ${target.baseUrl} (no --base-url given)\n`);
  // The session's lease, held from its first save: a `resume` of it while this runs is refused.
  const id = randomKey();
  const lease = await takeLease(stateDir, id, undefined, io).catch(async (error: unknown) => {
    await target.close();
    throw error;
  });
  try {
    const session = createOrderSession({
      id,
      lease,
      api: target.api,
      store: withOrigin(store, target.origin),
      request: order.session,
      options: {
        diaOfferingIds,
        strictFormats,
        ...(flags.concurrency === undefined ? {} : { concurrency: flags.concurrency }),
        ...(flags.outcomeDeadline === undefined
          ? {}
          : { outcomeDeadlineMs: flags.outcomeDeadline * 1000 }),
      },
    });
    await addLines(session, order.lines, io);
    return await runSession({
      session,
      target,
      stateDir,
      stateFile: store.pathOf(session.id),
      flags,
      io,
      begin: () => session.confirm(),
      forget: () => store.remove(session.id),
    });
  } finally {
    await lease.release().catch(() => {});
    await target.close();
  }
}

export function registerSubmit(
  program: Command,
  run: (action: () => Promise<number>) => Promise<void>,
) {
  withReadOptions(
    program
      .command('submit')
      .description(
        'validate an order file, create the session and its lines, confirm, and follow the outcome',
      )
      .argument(
        '<file>',
        'order file (JSON or YAML): { "session": {...}, "lines": [ <line>, ... ] }',
      )
      .option(
        '--base-url <url>',
        `the Covage API (also ${COVAGE_ENV.baseUrl}); without it, an embedded sandbox is used`,
      )
      .option(
        '--allow-insecure-http',
        'allow a plain http:// base URL that is not loopback (https:// otherwise)',
      )
      .option('--json', 'print one JSON document at the end, every line in it (progress on stderr)')
      .option('--quiet', 'no progress display; a line on stderr every 5 s of a long run')
      .option(
        '--all-lines',
        `a row per line in the final table (and the log), even past ${DETAIL_LIMIT} lines`,
      )
      .option(
        '--concurrency <n>',
        'lines created at the same time (default 8)',
        positiveInteger('--concurrency'),
      )
      .option('--state-dir <dir>', `where sessions are saved (default ${DEFAULT_STATE_DIR})`)
      .option(
        '--dia-offering <id>',
        'a product_offering_id that is a DIA offering (repeat the option for several)',
        collect,
      )
      .option('--strict-formats', 'treat the checks the doc does not state as errors'),
  )
    .option(
      '--outcome-deadline <seconds>',
      'without the session read: a line still unknown after this long is outcome_unknown (default 7200)',
      positiveInteger('--outcome-deadline'),
    )
    .option(
      '--seed <n>',
      'seed of the embedded sandbox (its outcomes and faults)',
      integer('--seed'),
    )
    .addHelpText(
      'after',
      `
Credentials (with --base-url) come from the environment, never from flags:
  ${COVAGE_ENV.token}, or ${COVAGE_ENV.username} + ${COVAGE_ENV.password} + ${COVAGE_ENV.tokenUrl} (+ ${COVAGE_ENV.clientId}).

Exit status: 0 completed, 3 partial, 4 rejected, 1 not ready (nothing sent), 2 bad input or
configuration (credentials refused: fix the variable named, nothing is kept if nothing was
created), 5 an API or network failure (the session is saved: see resume), 6 the session's lease
was lost to another command (this one sent nothing more), 7 outcome unknown (without the session
read, a line's outcome was not told before the deadline), 130 interrupted (saved; a second Ctrl+C
quits at once).`,
    )
    .action((file: string, flags: SubmitFlags) =>
      run(() => reportingStoreErrors(() => runSubmit(file, flags, processIo()))),
    );
}
