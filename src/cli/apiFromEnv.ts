/**
 * The Covage client of a CLI command, from a base URL and credentials in the environment. The
 * credentials are never flags (flags show in `ps` and in shell history), and never printed.
 */
import type { CovageApi } from '../client/api.js';
import { createCovageClient } from '../client/index.js';
import type { SessionReadMode } from '../client/sessionRead.js';
import { type AuthProvider, bearerToken, passwordGrant } from '../http/auth/index.js';
import { CovageConfigError } from '../http/errors.js';
import { unsendableHeader } from '../http/httpClient.js';
import type { RetryOption } from '../http/retry.js';
import { createCovageTracker } from '../tracking/providers/covage/tracker.js';
import { CliError } from './exitCodes.js';

export const COVAGE_ENV = {
  baseUrl: 'COVAGE_BASE_URL',
  token: 'COVAGE_TOKEN',
  username: 'COVAGE_USERNAME',
  password: 'COVAGE_PASSWORD',
  tokenUrl: 'COVAGE_TOKEN_URL',
  clientId: 'COVAGE_CLIENT_ID',
} as const;

export type Env = Record<string, string | undefined>;

const CREDENTIALS_HELP = `set ${COVAGE_ENV.token}, or ${COVAGE_ENV.username}, ${COVAGE_ENV.password} and ${COVAGE_ENV.tokenUrl} (credentials are never flags)`;

/** Where the credentials in use come from, for a message that says what to fix. */
export function credentialsSource(env: Env): string {
  return env[COVAGE_ENV.token]
    ? COVAGE_ENV.token
    : `${COVAGE_ENV.username} and ${COVAGE_ENV.password} (the password grant at ${COVAGE_ENV.tokenUrl})`;
}

export interface ConnectionOptions {
  /** Plain `http://` to a host that is not loopback (`--allow-insecure-http`). */
  allowInsecureHttp?: boolean;
  /** `--session-read auto|on|off` (default auto). */
  sessionRead?: SessionReadMode;
  /** One CSV export start per this long (`--export-interval`; default the doc's 5 minutes). */
  exportIntervalMs?: number;
}

/** `COVAGE_TOKEN` (a bearer token), else the OAuth password grant; throws `CliError` (exit 2). */
export function authFromEnv(env: Env, options: ConnectionOptions = {}): AuthProvider {
  const token = env[COVAGE_ENV.token];
  if (token) {
    if (unsendableHeader({ Authorization: `Bearer ${token.trim()}` }) !== undefined)
      throw new CliError(
        `${COVAGE_ENV.token} holds a line break, a control character or a character outside Latin-1 (such as "€"), which cannot be sent in a header: set it to the token alone (its value is not shown)`,
      );
    return bearerToken(token.trim());
  }
  const grant = [COVAGE_ENV.username, COVAGE_ENV.password, COVAGE_ENV.tokenUrl] as const;
  const given = grant.filter((name) => env[name]);
  if (given.length === 0) throw new CliError(`no credentials for the API: ${CREDENTIALS_HELP}`);
  const missing = grant.filter((name) => !env[name]);
  if (missing.length > 0)
    throw new CliError(`the password grant also needs ${missing.join(', ')} in the environment`);
  try {
    return passwordGrant({
      tokenUrl: env[COVAGE_ENV.tokenUrl] as string,
      username: env[COVAGE_ENV.username] as string,
      password: env[COVAGE_ENV.password] as string,
      ...(env[COVAGE_ENV.clientId] ? { clientId: env[COVAGE_ENV.clientId] } : {}),
      ...(options.allowInsecureHttp ? { allowInsecureHttp: true } : {}),
    });
  } catch (error) {
    if (error instanceof CovageConfigError)
      throw new CliError(`${COVAGE_ENV.tokenUrl}: ${insecureHint(error.message)}`);
    throw error;
  }
}

/** The library's advice (`allowInsecureHttp`) in the command line's words. */
export function insecureHint(message: string): string {
  return message.replace('(or set allowInsecureHttp)', '(or pass --allow-insecure-http)');
}

/** A client on `baseUrl` with `auth`; a bad URL is a `CliError` (exit 2) naming where it came from. */
export function clientFor(
  baseUrl: string,
  auth: AuthProvider,
  options: ConnectionOptions & { retry?: RetryOption; source?: string } = {},
): CovageApi {
  try {
    return createCovageClient({
      baseUrl,
      auth,
      // Covage order tracking on the same API, for the outcome without the session read.
      orders: createCovageTracker({
        baseUrl,
        auth,
        ...(options.allowInsecureHttp ? { allowInsecureHttp: true } : {}),
      }),
      headers: { 'User-Agent': 'covage-orders-cli' },
      ...(options.retry === undefined ? {} : { retry: options.retry }),
      ...(options.allowInsecureHttp ? { allowInsecureHttp: true } : {}),
      ...(options.sessionRead ? { sessionRead: options.sessionRead } : {}),
      ...(options.exportIntervalMs === undefined
        ? {}
        : { exportIntervalMs: options.exportIntervalMs }),
    });
  } catch (error) {
    if (error instanceof CovageConfigError)
      throw new CliError(
        `${options.source ?? "the API's base URL"} is refused: ${insecureHint(error.message)}`,
      );
    throw error;
  }
}

/** The base URL as it is safe to store and print: no user, password, query or fragment. */
export function publicBaseUrl(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    url.username = '';
    url.password = '';
    url.search = '';
    url.hash = '';
    return url.href.replace(/\/$/, '');
  } catch {
    return baseUrl;
  }
}
