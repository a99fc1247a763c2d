/**
 * The Covage client of a CLI command, from a base URL and credentials in the environment. The
 * credentials are never flags (flags show in `ps` and in shell history).
 */
import type { CovageApi } from '../client/api.js';
import { createCovageClient } from '../client/index.js';
import { type AuthProvider, bearerToken, passwordGrant } from '../http/auth/index.js';
import { CovageConfigError } from '../http/errors.js';
import type { RetryOption } from '../http/retry.js';
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

/** `COVAGE_TOKEN` (a bearer token), else the OAuth password grant; throws `CliError` (exit 2). */
export function authFromEnv(env: Env): AuthProvider {
  const token = env[COVAGE_ENV.token];
  if (token) return bearerToken(token);
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
    });
  } catch (error) {
    if (error instanceof CovageConfigError)
      throw new CliError(`${COVAGE_ENV.tokenUrl}: ${error.message}`);
    throw error;
  }
}

/** A client on `baseUrl` with `auth`; a bad URL is a `CliError` (exit 2). */
export function clientFor(
  baseUrl: string,
  auth: AuthProvider,
  options: { retry?: RetryOption } = {},
): CovageApi {
  try {
    return createCovageClient({
      baseUrl,
      auth,
      headers: { 'User-Agent': 'covage-orders-cli' },
      ...(options.retry === undefined ? {} : { retry: options.retry }),
    });
  } catch (error) {
    if (error instanceof CovageConfigError)
      throw new CliError(`the API's base URL is refused: ${error.message}`);
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
