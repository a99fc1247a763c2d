/**
 * `covage-orders worker --store postgres://…`: runs the sessions of a shared PostgreSQL store that
 * need work (handed to the workers, or left by a runner that went away), several at a time, until
 * SIGINT/SIGTERM (or, with `--exit-when-idle`, until there is nothing left to do). Run as many as
 * you like on one database: they share the load, and never run one session at once.
 */
import type { Command } from 'commander';
import { createPostgresStore, type PostgresStore } from '../../store/postgres/store.js';
import { createWorker } from '../../worker/createWorker.js';
import type { WorkerEvent } from '../../worker/types.js';
import { COVAGE_ENV } from '../apiFromEnv.js';
import { CliError, EXIT } from '../exitCodes.js';
import { watchInterrupts } from '../interrupt.js';
import { LEASE_TTL_ENV, leaseTtlFrom } from '../lease.js';
import { positiveInteger } from '../optionParsers.js';
import { type CliIo, processIo } from '../sessionRun.js';
import { baseUrlFrom, baseUrlSource, remoteTarget } from '../target.js';

export const STORE_ENV = 'COVAGE_STORE_URL';

export interface WorkerFlags {
  store?: string;
  baseUrl?: string;
  allowInsecureHttp?: boolean;
  concurrency?: number;
  exitWhenIdle?: boolean;
  schema?: string;
}

/** A store URL without its password, for messages. */
function shownUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the store URL';
  }
}

function describe(event: WorkerEvent): string | undefined {
  switch (event.type) {
    case 'claimed':
      return undefined;
    case 'finished':
      return `session ${event.id} ${event.result.state} (${event.result.lines.length} lines)`;
    case 'deferred':
      return `session ${event.id} stopped ${event.state}: ${event.reason}; tried again in ${Math.round(event.retryInMs / 1000)} s`;
    case 'lost':
      return event.message;
    case 'error':
      return `${event.id ? `session ${event.id}: ` : ''}${event.message}`;
  }
}

export async function runWorker(flags: WorkerFlags, io: CliIo): Promise<number> {
  const url = flags.store ?? io.env[STORE_ENV];
  if (!url) throw new CliError(`no store: pass --store postgres://… (or set ${STORE_ENV})`);
  if (!/^postgres(ql)?:\/\//.test(url))
    throw new CliError(`--store: ${shownUrl(url)} is not a postgres:// URL`);
  const baseUrl = baseUrlFrom(flags.baseUrl, io.env);
  if (!baseUrl)
    throw new CliError(
      `no API: pass --base-url (or set ${COVAGE_ENV.baseUrl}); the worker runs the sessions sent there`,
    );
  const target = remoteTarget(baseUrl, io.env, {
    source: baseUrlSource(flags.baseUrl),
    allowInsecureHttp: flags.allowInsecureHttp === true,
  });
  const ttl = leaseTtlFrom(io.env);
  let store: PostgresStore;
  try {
    store = await createPostgresStore({
      connectionString: url,
      ...(flags.schema ? { schema: flags.schema } : {}),
      ...(ttl === undefined ? {} : { leaseTtlMs: ttl }),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new CliError(`cannot use the store ${shownUrl(url)}: ${message}`);
  }
  const worker = createWorker({
    api: target.api,
    store,
    baseUrl: target.baseUrl,
    ...(flags.concurrency === undefined ? {} : { concurrency: flags.concurrency }),
    onEvent: (event) => {
      const text = describe(event);
      if (text) io.stderr.write(`covage-orders worker: ${text}\n`);
    },
  });
  const interrupts = watchInterrupts();
  try {
    io.stderr.write(
      `covage-orders worker: pid ${process.pid}, sessions of ${target.baseUrl} in ${shownUrl(url)}\n`,
    );
    worker.start();
    const stopped = await Promise.race([
      interrupts.signalled.then(() => 'signal' as const),
      ...(flags.exitWhenIdle ? [worker.idle().then(() => 'idle' as const)] : []),
    ]);
    await worker.stop();
    return stopped === 'signal' ? EXIT.interrupted : EXIT.ok;
  } finally {
    interrupts.dispose();
    await store.close().catch(() => {});
  }
}

export function registerWorker(
  program: Command,
  run: (action: () => Promise<number>) => Promise<void>,
) {
  program
    .command('worker')
    .description('run the sessions of a shared PostgreSQL store that need work (many at once)')
    .option('--store <url>', `the PostgreSQL store, postgres://… (also ${STORE_ENV})`)
    .option('--schema <name>', 'the schema of its tables (default covage_orders)')
    .option(
      '--base-url <url>',
      `the API (also ${COVAGE_ENV.baseUrl}): only sessions sent there are run`,
    )
    .option('--allow-insecure-http', 'allow a plain http:// base URL that is not loopback')
    .option(
      '--concurrency <n>',
      'sessions run at once (default 4)',
      positiveInteger('--concurrency'),
    )
    .option('--exit-when-idle', 'exit once no session needs work (instead of waiting for more)')
    .addHelpText(
      'after',
      `
Credentials come from the environment, as for submit (${COVAGE_ENV.token}, or the password grant);
the database password from PGPASSWORD rather than the URL (a URL shows in ps). Each session is
claimed with its lease (${LEASE_TTL_ENV}, default 30000 ms): a worker that dies or stalls past it
loses its sessions to the others, which look up every line not shown as created before sending it.

Exit status: 0 stopped when idle (--exit-when-idle), 2 bad flag, store or configuration, 130
stopped by SIGINT/SIGTERM (the sessions under way are saved and released to the other workers).`,
    )
    .action((flags: WorkerFlags) => run(() => runWorker(flags, processIo())));
}
