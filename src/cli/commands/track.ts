import { type Command, InvalidArgumentError, Option } from 'commander';
import { bearerToken } from '../../http/auth/index.js';
import {
  CovageAbortError,
  CovageAuthError,
  CovageConfigError,
  isCovageError,
} from '../../http/errors.js';
import { type SandboxHandle, startSandbox } from '../../sandbox/index.js';
import { SANDBOX_TRACKING_DEFAULTS } from '../../sandbox/tracking/index.js';
import {
  createAdobeTracker,
  createCovageTracker,
  createObapiTracker,
  createOrangeOrderingTracker,
  createOrangeTrackingTracker,
  type NormalizedOrder,
  type ObapiSort,
  TRACKING_PROVIDERS,
  type Tracker,
  type TrackingProvider,
} from '../../tracking/index.js';
import { authFromEnv, COVAGE_ENV, credentialsSource, insecureHint } from '../apiFromEnv.js';
import { CliError, EXIT } from '../exitCodes.js';
import { plural } from '../style.js';
import { createOrderTable } from '../trackTable.js';

export interface TrackFlags {
  baseUrl?: string;
  allowInsecureHttp?: boolean;
  json?: boolean;
  follow?: string;
  status?: string[];
  type?: string[];
  sort?: string;
  from?: string;
  to?: string;
  externalId?: string;
  offerId?: string[];
  customerId?: string;
  filter?: string[];
  limit?: number;
  pageSize?: number;
  concurrency?: number;
  intervalMs?: number;
  seedOrders?: number;
}

/** Credentials come from the environment only (never flags, so they stay out of `ps`). */
export const TRACK_ENV = {
  covageToken: 'COVAGE_TOKEN',
  orangeClientId: 'ORANGE_CLIENT_ID',
  orangeClientSecret: 'ORANGE_CLIENT_SECRET',
  orangeApiKey: 'ORANGE_API_KEY',
  obapiKey: 'OBAPI_KEY',
  adobeToken: 'ADOBE_TOKEN',
  adobeApiKey: 'ADOBE_API_KEY',
  adobeCustomerId: 'ADOBE_CUSTOMER_ID',
} as const;

type Env = Record<string, string | undefined>;

export interface TrackIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Aborts the listing or the follow (SIGINT/SIGTERM in the real CLI). */
  signal?: AbortSignal;
}

/** The flags each provider understands (the rest are refused, not ignored). */
const FLAGS_OF: Record<TrackingProvider, readonly (keyof TrackFlags)[]> = {
  covage: ['status', 'sort', 'externalId'],
  'orange-ordering': ['status', 'type', 'sort', 'filter'],
  'orange-tracking': ['status', 'sort', 'filter'],
  obapi: ['status', 'sort', 'from', 'to'],
  adobe: ['status', 'type', 'from', 'to', 'offerId', 'customerId'],
};
const FILTER_FLAGS: readonly (keyof TrackFlags)[] = [
  'status',
  'type',
  'sort',
  'from',
  'to',
  'externalId',
  'offerId',
  'customerId',
  'filter',
];
const FLAG_NAMES: Partial<Record<keyof TrackFlags, string>> = {
  externalId: '--external-id',
  offerId: '--offer-id',
  customerId: '--customer-id',
};

function checkFlags(provider: TrackingProvider, flags: TrackFlags) {
  for (const name of FILTER_FLAGS) {
    if (flags[name] === undefined || FLAGS_OF[provider].includes(name)) continue;
    const users = TRACKING_PROVIDERS.filter((p) => FLAGS_OF[p].includes(name));
    throw new CliError(
      `${FLAG_NAMES[name] ?? `--${name}`} does not apply to ${provider} (only to ${users.join(', ')})`,
    );
  }
}

function one(values: string[] | undefined, flag: string): string | undefined {
  if (values === undefined) return undefined;
  if (values.length > 1) throw new CliError(`${flag} takes one value for this provider`);
  return values[0];
}

function attributes(pairs: string[] | undefined): Record<string, string> | undefined {
  if (!pairs) return undefined;
  return Object.fromEntries(
    pairs.map((pair) => {
      const equals = pair.indexOf('=');
      if (equals <= 0) throw new CliError('--filter is written name=value');
      return [pair.slice(0, equals), pair.slice(equals + 1)];
    }),
  );
}

function listOf(value: string | undefined): string[] | undefined {
  return value
    ?.split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** The provider's own filter, from the flags. */
export function filterFor(provider: TrackingProvider, flags: TrackFlags): Record<string, unknown> {
  checkFlags(provider, flags);
  const drop = (filter: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined));
  switch (provider) {
    case 'covage':
      return drop({
        state: flags.status,
        externalId: flags.externalId,
        ordering: listOf(flags.sort),
      });
    case 'orange-ordering':
      return drop({
        status: one(flags.status, '--status'),
        type: one(flags.type, '--type'),
        sort: listOf(flags.sort),
        attributes: attributes(flags.filter),
      });
    case 'orange-tracking': {
      const status = one(flags.status, '--status');
      if (status !== undefined && status !== 'Current' && status !== 'Closed')
        throw new CliError('--status is Current or Closed for orange-tracking');
      return drop({ status, sort: listOf(flags.sort), attributes: attributes(flags.filter) });
    }
    case 'obapi': {
      const sorts: readonly ObapiSort[] = ['date_asc', 'date_desc', 'ref_asc', 'ref_desc'];
      if (flags.sort !== undefined && !(sorts as readonly string[]).includes(flags.sort))
        throw new CliError(`--sort is one of ${sorts.join(', ')} for obapi`);
      return drop({
        status: one(flags.status, '--status'),
        sort: flags.sort,
        dateStart: flags.from,
        dateEnd: flags.to,
      });
    }
    case 'adobe':
      return drop({
        status: flags.status,
        orderType: flags.type,
        offerId: flags.offerId,
        startDate: flags.from,
        endDate: flags.to,
      });
  }
}

function required(env: Env, names: readonly string[], provider: string): string[] {
  const missing = names.filter((name) => !env[name]);
  if (missing.length > 0)
    throw new CliError(
      `${provider} needs ${missing.join(', ')} in the environment (credentials are never flags)`,
    );
  return names.map((name) => env[name] as string);
}

interface Target {
  baseUrl: string;
  /** Credentials of the embedded sandbox, used when the environment has none. */
  embedded: boolean;
}

// biome-ignore lint/suspicious/noExplicitAny: a tracker of any provider, used through the common interface
type AnyTracker = Tracker<any, unknown>;

/** The tracker for a provider, with credentials from the environment (or the sandbox's). */
export function trackerFor(
  provider: TrackingProvider,
  flags: TrackFlags,
  env: Env,
  target: Target,
): AnyTracker {
  const common = {
    baseUrl: target.baseUrl,
    ...(flags.allowInsecureHttp ? { allowInsecureHttp: true } : {}),
    ...(flags.pageSize ? { pageSize: flags.pageSize } : {}),
    ...(flags.concurrency ? { concurrency: flags.concurrency } : {}),
    follow: {
      intervalMs: flags.intervalMs ?? (target.embedded ? 500 : 5000),
      maxIntervalMs: target.embedded ? 4000 : 120_000,
    },
  };
  const defaults: Env = target.embedded
    ? {
        [TRACK_ENV.covageToken]: 'sandbox-token',
        [TRACK_ENV.orangeClientId]: SANDBOX_TRACKING_DEFAULTS.orangeClient.clientId,
        [TRACK_ENV.orangeClientSecret]: SANDBOX_TRACKING_DEFAULTS.orangeClient.clientSecret,
        [TRACK_ENV.orangeApiKey]: SANDBOX_TRACKING_DEFAULTS.orangeApiKey,
        [TRACK_ENV.obapiKey]: SANDBOX_TRACKING_DEFAULTS.obapiKey,
        [TRACK_ENV.adobeToken]: SANDBOX_TRACKING_DEFAULTS.adobeToken,
        [TRACK_ENV.adobeApiKey]: SANDBOX_TRACKING_DEFAULTS.adobeApiKey,
        [TRACK_ENV.adobeCustomerId]: SANDBOX_TRACKING_DEFAULTS.adobeCustomerId,
      }
    : {};
  const vars = target.embedded ? defaults : env;
  switch (provider) {
    case 'covage': {
      // Covage's own API: the same credentials as `submit` (a token, or the password grant).
      if (!target.embedded) return createCovageTracker({ ...common, auth: authFromEnv(env) });
      const [token] = required(vars, [TRACK_ENV.covageToken], provider);
      return createCovageTracker({ ...common, auth: bearerToken(token as string) });
    }
    case 'orange-ordering':
    case 'orange-tracking': {
      const [clientId, clientSecret, apiKey] = required(
        vars,
        [TRACK_ENV.orangeClientId, TRACK_ENV.orangeClientSecret, TRACK_ENV.orangeApiKey],
        provider,
      );
      const options = { ...common, clientId, clientSecret, apiKey } as const;
      return provider === 'orange-ordering'
        ? createOrangeOrderingTracker(options)
        : createOrangeTrackingTracker(options);
    }
    case 'obapi': {
      const [apiKey] = required(vars, [TRACK_ENV.obapiKey], provider);
      return createObapiTracker({ ...common, apiKey: apiKey as string });
    }
    case 'adobe': {
      const [token, apiKey] = required(
        vars,
        [TRACK_ENV.adobeToken, TRACK_ENV.adobeApiKey],
        provider,
      );
      const customerId = flags.customerId ?? vars[TRACK_ENV.adobeCustomerId];
      if (!customerId)
        throw new CliError(`adobe needs --customer-id or ${TRACK_ENV.adobeCustomerId}`);
      return createAdobeTracker({
        ...common,
        customerId,
        token: token as string,
        apiKey: apiKey as string,
      });
    }
  }
}

/** The variables that hold a provider's credentials, for a message that says what to fix. */
function credentialVariables(provider: TrackingProvider, env: Env, embedded: boolean): string {
  if (embedded) return "the embedded sandbox's credentials";
  switch (provider) {
    case 'covage':
      return credentialsSource(env);
    case 'orange-ordering':
    case 'orange-tracking':
      return `${TRACK_ENV.orangeClientId}, ${TRACK_ENV.orangeClientSecret} and ${TRACK_ENV.orangeApiKey}`;
    case 'obapi':
      return TRACK_ENV.obapiKey;
    case 'adobe':
      return `${TRACK_ENV.adobeToken}, ${TRACK_ENV.adobeApiKey} and the customer id`;
  }
}

/** A failure as the one line the command ends with: credentials and settings exit 2. */
function failure(error: unknown, credentials: string): CliError {
  if (error instanceof CliError) return error;
  if (error instanceof CovageAbortError) return new CliError('interrupted', EXIT.interrupted);
  if (error instanceof CovageConfigError)
    return new CliError(insecureHint(error.message), EXIT.badInput);
  if (error instanceof CovageAuthError)
    return new CliError(
      `the API refused the credentials (${error.message}): check ${credentials}`,
      EXIT.badInput,
    );
  if (isCovageError(error)) return new CliError(error.message, EXIT.apiFailure);
  if (error instanceof RangeError || error instanceof TypeError)
    return new CliError(error.message, EXIT.badInput);
  throw error;
}

export async function runTrack(
  providerName: string,
  flags: TrackFlags,
  env: Env,
  io: TrackIo,
): Promise<number> {
  if (!(TRACKING_PROVIDERS as readonly string[]).includes(providerName))
    throw new CliError(`unknown provider "${providerName}"; use ${TRACKING_PROVIDERS.join(', ')}`);
  const provider = providerName as TrackingProvider;
  const filter = filterFor(provider, flags);
  // Covage's own API is where COVAGE_BASE_URL points, as for submit; the others need --base-url.
  const baseUrl =
    flags.baseUrl ?? (provider === 'covage' ? env.COVAGE_BASE_URL || undefined : undefined);
  let sandbox: SandboxHandle | undefined;
  try {
    if (!baseUrl) {
      const seedOrders = flags.seedOrders ?? SANDBOX_TRACKING_DEFAULTS.seedOrders;
      sandbox = await startSandbox({ seedOrders, tracking: { progressStepMs: 2000 } });
      io.stderr(
        `covage-orders: embedded sandbox at ${sandbox.url} (no --base-url given), ${plural(seedOrders, 'seeded order')} per provider\n`,
      );
    }
    const tracker = trackerFor(provider, flags, env, {
      baseUrl: baseUrl ?? (sandbox as SandboxHandle).url,
      embedded: sandbox !== undefined,
    });
    const following = flags.follow !== undefined;
    const table = flags.json
      ? undefined
      : createOrderTable(provider, io.stdout, { fullWidth: following });
    const print = (order: NormalizedOrder) => {
      if (table) table.push(order);
      else io.stdout(`${JSON.stringify(order)}\n`);
    };
    const signal = io.signal ? { signal: io.signal } : {};
    if (flags.follow !== undefined) {
      let last: NormalizedOrder | undefined;
      for await (const order of tracker.follow(flags.follow, signal)) {
        print(order);
        last = order;
      }
      table?.end();
      if (table && last) io.stderr(`${last.id}: final status ${last.status}\n`);
      return EXIT.ok;
    }
    let count = 0;
    try {
      for await (const order of tracker.list(filter, signal)) {
        print(order);
        count++;
        if (flags.limit !== undefined && count >= flags.limit) break;
      }
    } finally {
      // What was read is shown, even when the listing stops part-way.
      table?.end();
    }
    if (table) io.stderr(`${plural(count, 'order')}\n`);
    return EXIT.ok;
  } catch (error) {
    throw failure(error, credentialVariables(provider, env, sandbox !== undefined));
  } finally {
    await sandbox?.close();
  }
}

function positive(name: string) {
  return (value: string) => {
    if (!/^\d+$/.test(value.trim()) || Number(value) < 1)
      throw new InvalidArgumentError(`${name} is a whole number from 1`);
    return Number(value);
  };
}

function collect(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  ];
}

export function registerTrack(
  program: Command,
  run: (action: () => Promise<number>) => Promise<void>,
) {
  program
    .command('track')
    .description('list or follow orders at Covage, Orange, obapi or Adobe, as normalized orders')
    .argument('<provider>', TRACKING_PROVIDERS.join(' | '))
    .option(
      '--base-url <url>',
      'the API (covage: also COVAGE_BASE_URL; default: an embedded sandbox, seeded with orders)',
    )
    .option('--allow-insecure-http', 'allow a plain http:// base URL that is not loopback')
    .option('--json', 'one JSON object per line (the normalized order, raw record included)')
    .option('--follow <id>', 'follow one order: print it, then each change, until it is final')
    .option('--status <value>', 'status filter (repeatable or comma-separated where ORed)', collect)
    .option('--type <value>', 'orange-ordering type; adobe order-type (repeatable)', collect)
    .option('--sort <fields>', 'covage ordering, orange sort (-field descending), obapi sort')
    .option('--from <date>', 'obapi date_start, adobe start-date')
    .option('--to <date>', 'obapi date_end, adobe end-date')
    .option('--external-id <id>', 'covage: the line external_id')
    .option('--offer-id <id>', 'adobe: offer id (repeatable, ORed)', collect)
    .option('--customer-id <id>', `adobe customer (or ${TRACK_ENV.adobeCustomerId})`)
    .option(
      '--filter <name=value>',
      'orange: any other attribute (repeatable)',
      (value, previous: string[] = []) => [...previous, value],
    )
    .option('--limit <n>', 'stop after n orders', positive('--limit'))
    .option('--page-size <n>', 'orders asked per page', positive('--page-size'))
    .option(
      '--concurrency <n>',
      'pages fetched at once after the first (default 6)',
      positive('--concurrency'),
    )
    .option(
      '--interval-ms <n>',
      'first delay between two polls of --follow',
      positive('--interval-ms'),
    )
    .addOption(
      new Option('--seed-orders <n>', 'orders per provider in the embedded sandbox')
        .argParser(positive('--seed-orders'))
        .hideHelp(),
    )
    .addHelpText(
      'after',
      `
Credentials come from the environment: ${COVAGE_ENV.token} (or the password grant, as for
submit), ${Object.values(TRACK_ENV).slice(1).join(', ')}.
Without --base-url (covage: nor ${COVAGE_ENV.baseUrl}), an embedded sandbox is started, seeded with
orders, and its own credentials are used.

Exit status: 0 done, 2 bad flags or environment (credentials refused included), 5 an API or
network failure, 130 interrupted.`,
    )
    .action((provider: string, flags: TrackFlags) =>
      run(async () => {
        const controller = new AbortController();
        const stop = () => controller.abort();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        try {
          return await runTrack(provider, flags, process.env, {
            stdout: (text) => process.stdout.write(text),
            stderr: (text) => process.stderr.write(text),
            signal: controller.signal,
          });
        } finally {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
        }
      }),
    );
}
