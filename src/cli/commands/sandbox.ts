import { type Command, InvalidArgumentError } from 'commander';
import { type SandboxLimits, type SandboxOptions, startSandbox } from '../../sandbox/index.js';
import { CliError, EXIT } from '../exitCodes.js';
import { style } from '../style.js';

export interface SandboxFlags {
  port?: number;
  host?: string;
  token?: string[];
  apiKey?: string[];
  adminToken?: string;
  dashboardToken?: string;
  oauthUser?: string[];
  oauthClient?: string[];
  latencyMs?: number;
  outcomeDelayMs?: number;
  exportIntervalMs?: number;
  exportDurationMs?: number;
  faultRate?: number;
  seed?: number;
  diaOffering?: string[];
  maxBodyBytes?: number;
  responseSpelling?: 'tables' | 'examples';
  readSession?: boolean;
  seedOrders?: number;
  corsOrigin?: string[];
  idleSessionMs?: number;
  sessionsPerUser?: number;
  linesPerUser?: number;
  bytesPerUser?: number;
}

/** Environment variables read by `covage-orders sandbox` (secrets stay out of `ps`). */
export const SANDBOX_ENV = {
  tokens: 'COVAGE_SANDBOX_TOKENS',
  apiKeys: 'COVAGE_SANDBOX_API_KEYS',
  adminToken: 'COVAGE_SANDBOX_ADMIN_TOKEN',
  dashboardToken: 'COVAGE_SANDBOX_DASHBOARD_TOKEN',
  oauthUsers: 'COVAGE_SANDBOX_OAUTH_USERS',
  oauthClients: 'COVAGE_SANDBOX_OAUTH_CLIENTS',
} as const;

function wholeNumber(name: string, max = Number.MAX_SAFE_INTEGER) {
  return (value: string) => {
    if (!/^\d+$/.test(value.trim()) || Number(value) > max)
      throw new InvalidArgumentError(`${name} is a whole number from 0 to ${max}`);
    return Number(value);
  };
}

function integer(value: string): number {
  if (!/^-?\d+$/.test(value.trim())) throw new InvalidArgumentError('an integer');
  return Number(value);
}

function rate(value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !(number >= 0 && number <= 1))
    throw new InvalidArgumentError('a number from 0 to 1, e.g. 0.1');
  return number;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function commaList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** `name:secret` pairs; the secret may itself contain colons. */
function pairs(values: readonly string[], what: string): [string, string][] {
  return values.map((value) => {
    const colon = value.indexOf(':');
    if (colon <= 0) throw new CliError(`${what} must be written name:secret`);
    return [value.slice(0, colon), value.slice(colon + 1)];
  });
}

/** Flags plus environment → `startSandbox` options. */
export function sandboxOptionsFrom(
  flags: SandboxFlags,
  env: Record<string, string | undefined>,
): SandboxOptions {
  const tokens = [...(flags.token ?? []), ...commaList(env[SANDBOX_ENV.tokens])];
  const apiKeys = [...(flags.apiKey ?? []), ...commaList(env[SANDBOX_ENV.apiKeys])];
  const users = pairs(
    [...(flags.oauthUser ?? []), ...commaList(env[SANDBOX_ENV.oauthUsers])],
    'an OAuth user',
  ).map(([username, password]) => ({ username, password }));
  const clients = pairs(
    [...(flags.oauthClient ?? []), ...commaList(env[SANDBOX_ENV.oauthClients])],
    'an OAuth client',
  ).map(([clientId, clientSecret]) => ({ clientId, clientSecret }));
  const options: SandboxOptions = {
    port: flags.port ?? 0,
    host: flags.host ?? '127.0.0.1',
    apiKeys,
    oauth: { users, clients },
    readSessionEndpoint: flags.readSession ?? true,
  };
  if (tokens.length > 0) options.tokens = tokens;
  const adminToken = flags.adminToken ?? env[SANDBOX_ENV.adminToken];
  if (adminToken) options.adminToken = adminToken;
  const dashboardToken = flags.dashboardToken ?? env[SANDBOX_ENV.dashboardToken];
  if (dashboardToken) options.dashboardToken = dashboardToken;
  if (flags.latencyMs !== undefined) options.latencyMs = flags.latencyMs;
  if (flags.outcomeDelayMs !== undefined) options.outcomeDelayMs = flags.outcomeDelayMs;
  if (flags.exportIntervalMs !== undefined) options.exportIntervalMs = flags.exportIntervalMs;
  if (flags.exportDurationMs !== undefined) options.exportDurationMs = flags.exportDurationMs;
  if (flags.faultRate !== undefined) options.faultRate = flags.faultRate;
  if (flags.seed !== undefined) options.seed = flags.seed;
  if (flags.diaOffering) options.diaOfferingIds = flags.diaOffering;
  if (flags.maxBodyBytes !== undefined) options.maxBodyBytes = flags.maxBodyBytes;
  if (flags.responseSpelling) options.responseSpelling = flags.responseSpelling;
  if (flags.seedOrders !== undefined) options.seedOrders = flags.seedOrders;
  if (flags.corsOrigin) options.corsOrigins = flags.corsOrigin;
  const limits: SandboxLimits = {};
  if (flags.idleSessionMs !== undefined) limits.idleSessionMs = flags.idleSessionMs;
  if (flags.sessionsPerUser !== undefined) limits.sessionsPerUser = flags.sessionsPerUser;
  if (flags.linesPerUser !== undefined) limits.linesPerUser = flags.linesPerUser;
  if (flags.bytesPerUser !== undefined) limits.bytesPerUser = flags.bytesPerUser;
  if (Object.keys(limits).length > 0) options.limits = limits;
  return options;
}

export interface SandboxIo {
  env: Record<string, string | undefined>;
  out: (text: string) => void;
  err: (text: string) => void;
  /** Resolves when the sandbox should stop (SIGINT/SIGTERM in the CLI). */
  stop: Promise<unknown>;
}

/** How the dashboard is opened: a generated token is printed, a given one never is. */
function dashboardNote(token: string | undefined, given: string | undefined): string {
  if (token === undefined) return '';
  return token === given ? '  (asks for your dashboard token)' : `  (token: ${token})`;
}

/** The admin token: a generated one is printed, a given one never is (not even in part). */
function adminNote(token: string, given: string | undefined): string {
  return token === given ? '(the one you gave)' : token;
}

/** The banner's fault line: what is injected, or that nothing is. */
export function faultNote(options: SandboxOptions): string {
  const rate = options.faultRate ?? 0;
  const extras = [
    (options.latencyMs ?? 0) > 0 ? `latency ${options.latencyMs} ms` : '',
    options.readSessionEndpoint === false ? 'session read off' : '',
  ].filter((part) => part !== '');
  const faults =
    rate > 0
      ? style.yellow(`ACTIVE: ${Math.round(rate * 1000) / 10}% of API requests fail at random`)
      : 'none at random (X-Sandbox-Fault forces one)';
  return [faults, ...extras].join('; ');
}

/** Starts the sandbox, prints where it listens, and serves until `io.stop` resolves. */
export async function runSandbox(flags: SandboxFlags, io: SandboxIo): Promise<number> {
  const options = sandboxOptionsFrom(flags, io.env);
  let handle: Awaited<ReturnType<typeof startSandbox>>;
  try {
    handle = await startSandbox(options);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new CliError(`cannot start the sandbox: ${message}`);
  }
  const users = (options.tokens?.length ?? 1) + (options.apiKeys?.length ?? 0);
  const cors = options.corsOrigins ?? [];
  io.out(`${handle.url}\n`);
  io.err(
    [
      `${style.green('Covage sandbox')} listening on ${style.bold(handle.url)}`,
      `  admin token  ${adminNote(handle.adminToken, options.adminToken)}  (GET /__sandbox/state)`,
      `  dashboard    ${handle.url}/${dashboardNote(handle.dashboardToken, options.dashboardToken)}`,
      `  users        ${users}${options.tokens ? '' : ' (bearer token: sandbox-token)'}`,
      `  faults       ${faultNote(options)}`,
      `  CORS         ${cors.length > 0 ? cors.join(', ') : 'loopback origins (when on loopback)'}`,
      `  OpenAPI      ${handle.url}/openapi.json`,
      '  Ctrl+C stops it.',
      '',
    ].join('\n'),
  );
  await io.stop;
  await handle.close();
  io.err('Covage sandbox stopped\n');
  return EXIT.ok;
}

/** A promise that resolves on the first SIGINT or SIGTERM, then stops listening for them. */
function onTermination(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export function registerSandbox(
  program: Command,
  run: (action: () => Promise<number>) => Promise<void>,
) {
  program
    .command('sandbox')
    .description(
      'run the Covage sandbox: a local HTTP server that behaves as the order-taking doc says',
    )
    .option('--port <n>', 'port to listen on (0: a free port)', wholeNumber('--port', 65535), 0)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option(
      '--token <token>',
      `a bearer token, one user each (repeatable; also ${SANDBOX_ENV.tokens}, comma-separated)`,
      collect,
    )
    .option(
      '--api-key <key>',
      `an X-Api-Key, one user each (repeatable; also ${SANDBOX_ENV.apiKeys})`,
      collect,
    )
    .option(
      '--admin-token <token>',
      `the token of /__sandbox/* (default: random; also ${SANDBOX_ENV.adminToken})`,
    )
    .option(
      '--dashboard-token <token>',
      `protects the dashboard at / (required off loopback: default random there; also ${SANDBOX_ENV.dashboardToken})`,
    )
    .option(
      '--oauth-user <name:password>',
      `an OAuth password-grant user (repeatable; also ${SANDBOX_ENV.oauthUsers})`,
      collect,
    )
    .option(
      '--oauth-client <id:secret>',
      `an OAuth client-credentials client (repeatable; also ${SANDBOX_ENV.oauthClients})`,
      collect,
    )
    .option('--latency-ms <n>', 'added to every request', wholeNumber('--latency-ms'))
    .option(
      '--outcome-delay-ms <n>',
      'from confirmation to the outcome (default 200)',
      wholeNumber('--outcome-delay-ms'),
    )
    .option(
      '--export-interval-ms <n>',
      'one CSV export start per user per interval (default 300000)',
      wholeNumber('--export-interval-ms'),
    )
    .option(
      '--export-duration-ms <n>',
      'how long an export task runs (default 200)',
      wholeNumber('--export-duration-ms'),
    )
    .option('--fault-rate <x>', 'share of API requests given a random fault, 0..1', rate)
    .option('--seed <n>', 'seed of the line outcomes and random faults (default 1)', integer)
    .option(
      '--dia-offering <id>',
      'a product_offering_id that is a DIA offering (repeatable)',
      collect,
    )
    .option(
      '--max-body-bytes <n>',
      'largest request body (default 1048576)',
      wholeNumber('--max-body-bytes'),
    )
    .option(
      '--response-spelling <spelling>',
      'tables (enni_2, cpe_networking_number) or examples (enni2, cpe_network_number)',
      (value: string) => {
        if (value !== 'tables' && value !== 'examples')
          throw new InvalidArgumentError('tables or examples');
        return value;
      },
    )
    .option(
      '--no-read-session',
      'turn off GET /api/v1/product_order/{id}/ (an assumption beyond the doc)',
    )
    .option(
      '--seed-orders <n>',
      'generated orders per order-tracking provider (default 30)',
      wholeNumber('--seed-orders', 100_000),
    )
    .option(
      '--cors-origin <origin>',
      'a web origin allowed to call the sandbox, e.g. http://localhost:5173, or * (repeatable; default: loopback origins when on loopback)',
      collect,
    )
    .option(
      '--idle-session-ms <n>',
      'forget an order session nobody called on for this long (default 3600000)',
      wholeNumber('--idle-session-ms'),
    )
    .option(
      '--sessions-per-user <n>',
      'order sessions one user may hold (default 1000)',
      wholeNumber('--sessions-per-user'),
    )
    .option(
      '--lines-per-user <n>',
      'order lines one user may hold (default 10000)',
      wholeNumber('--lines-per-user'),
    )
    .option(
      '--bytes-per-user <n>',
      'bytes of order data one user may hold (default 16777216)',
      wholeNumber('--bytes-per-user'),
    )
    .addHelpText(
      'after',
      [
        '',
        'Prints the URL on stdout, details on stderr; stops cleanly on SIGINT/SIGTERM (exit 0).',
        '',
        'Examples:',
        '  covage-orders sandbox --port 8080 --outcome-delay-ms 2000',
        '  covage-orders sandbox --fault-rate 0.05 --seed 42 --no-read-session',
        '  covage-orders sandbox --cors-origin http://localhost:5173 --export-interval-ms 1000',
      ].join('\n'),
    )
    .action((flags: SandboxFlags) =>
      run(() =>
        runSandbox(flags, {
          env: process.env,
          out: (text) => process.stdout.write(text),
          err: (text) => process.stderr.write(text),
          stop: onTermination(),
        }),
      ),
    );
}
