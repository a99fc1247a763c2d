import type { Command } from 'commander';
import { createActor, waitFor } from 'xstate';
import { type ExportProgressEvent, exportMachine } from '../../../machines/export/index.js';
import { createExportActors } from '../../export/actors.js';
import { COVAGE_ENV } from '../apiFromEnv.js';
import { CliError, EXIT } from '../exitCodes.js';
import { fileSink, type Sink, streamSink } from '../exportSink.js';
import { watchInterrupts } from '../interrupt.js';
import { type Countdown, startCountdown } from '../progress/countdown.js';
import { type CliIo, processIo } from '../sessionRun.js';
import {
  baseUrlFrom,
  baseUrlSource,
  embeddedTarget,
  remoteTarget,
  type Target,
} from '../target.js';

export interface ExportFlags {
  out?: string;
  baseUrl?: string;
  allowInsecureHttp?: boolean;
  quiet?: boolean;
}

/**
 * Rate limits are left to the export machine (it waits them out with a countdown on screen):
 * the client itself does not sleep on a `Retry-After`.
 */
const EXPORT_RETRY = { maxRetryAfterMs: 0 };

/** A plain line for the steps worth one; the countdown and the summary are shown apart. */
function describe(event: ExportProgressEvent): string | undefined {
  if (event.type === 'export.started') return `export task ${event.taskId} started`;
  if (event.type === 'export.ready') return `export task ${event.taskId} ready: downloading`;
  return undefined;
}

/** Runs the export machine: start (waiting out 429s), check until ready, download to the sink. */
export async function runExport(flags: ExportFlags, io: CliIo): Promise<number> {
  const baseUrl = baseUrlFrom(flags.baseUrl, io.env);
  const target: Target = baseUrl
    ? remoteTarget(baseUrl, io.env, {
        retry: EXPORT_RETRY,
        source: baseUrlSource(flags.baseUrl),
        allowInsecureHttp: flags.allowInsecureHttp === true,
      })
    : await embeddedTarget(io.env, { retry: EXPORT_RETRY });
  const say = (text: string) => {
    if (!flags.quiet) io.stderr.write(`${text}\n`);
  };
  if (target.embedded)
    say(
      `covage-orders: embedded sandbox at ${target.baseUrl} (no --base-url given; it holds no order)`,
    );
  const sink: Sink = flags.out ? fileSink(flags.out) : streamSink(io.stdout);
  const actor = createActor(
    exportMachine.provide({ actors: createExportActors(target.api, (stream) => sink(stream)) }),
    { input: {} },
  );
  let countdown: Countdown | undefined;
  const stopCountdown = () => {
    countdown?.stop();
    countdown = undefined;
  };
  actor.on('*', (event) => {
    stopCountdown();
    if (event.type === 'export.rate_limited' && !flags.quiet) {
      countdown = startCountdown(
        io.stderr,
        event.retryInMs,
        (left) => `rate limited (one export per user every 5 minutes): starting again in ${left}`,
      );
      return;
    }
    const text = describe(event);
    if (text) say(text);
  });
  const interrupts = watchInterrupts(stopCountdown);
  try {
    actor.start();
    actor.send({ type: 'START' });
    const ended = waitFor(actor, (s) => s.status === 'done' || s.matches('failed'), {
      timeout: Number.POSITIVE_INFINITY,
    });
    const first = await Promise.race([ended, interrupts.signalled.then(() => null)]);
    stopCountdown();
    if (first === null) {
      actor.send({ type: 'CANCEL' });
      actor.stop();
      throw new CliError(
        `interrupted${flags.out ? `; ${flags.out} was left as it was` : ''}`,
        EXIT.interrupted,
      );
    }
    const context = first.context;
    actor.stop();
    if (first.matches('failed')) {
      if (context.error?.kind === 'auth')
        throw new CliError(
          `the API refused the credentials (${context.error.message}): check ${target.credentials}`,
          EXIT.badInput,
        );
      if (context.error?.kind === 'config')
        throw new CliError(`${context.error.message}: check ${target.credentials}`, EXIT.badInput);
      const why = context.taskFailed
        ? 'the export task failed on the API side'
        : (context.error?.message ?? 'unknown error');
      throw new CliError(`export failed: ${why}`, EXIT.apiFailure);
    }
    say(
      `exported ${context.bytes ?? 0} bytes${flags.out ? ` to ${flags.out}` : ''} (task ${context.taskId})`,
    );
    return EXIT.ok;
  } finally {
    stopCountdown();
    interrupts.dispose();
    await target.close();
  }
}

export function registerExport(
  program: Command,
  run: (action: () => Promise<number>) => Promise<void>,
) {
  program
    .command('export')
    .description(
      'download the CSV export of your order lines (waits out the rate limit with a countdown)',
    )
    .option(
      '--out <file>',
      'write the CSV to this file, replaced atomically, keeping its mode (new: 0600; default: stdout)',
    )
    .option(
      '--base-url <url>',
      `the Covage API (also ${COVAGE_ENV.baseUrl}); without it, an empty embedded sandbox`,
    )
    .option('--allow-insecure-http', 'allow a plain http:// base URL that is not loopback')
    .option('--quiet', 'no progress on stderr')
    .addHelpText(
      'after',
      `
The API allows one export start per user every 5 minutes: a 429 is waited out (Retry-After),
with a countdown on stderr. Credentials come from the environment, as for submit.

Exit status: 0 written, 2 bad flags or environment, 5 an API or network failure, 130 interrupted.`,
    )
    .action((flags: ExportFlags) => run(() => runExport(flags, processIo())));
}
