/**
 * Where a command sends its requests: the API at a base URL (`--base-url` or `COVAGE_BASE_URL`,
 * credentials from the environment), or, without one, a sandbox started in this process on a
 * free loopback port (the offline default), which stops when the command ends.
 */

import { randomBytes } from 'node:crypto';
import type { CovageApi } from '../client/api.js';
import type { SessionReadMode } from '../client/sessionRead.js';
import { bearerToken } from '../http/auth/index.js';
import type { RetryOption } from '../http/retry.js';
import { type SandboxOptions, startSandbox } from '../sandbox/index.js';
import type { SessionOrigin } from '../store/snapshotRecord.js';
import {
  authFromEnv,
  COVAGE_ENV,
  type ConnectionOptions,
  clientFor,
  credentialsSource,
  type Env,
  publicBaseUrl,
} from './apiFromEnv.js';
import { CliError } from './exitCodes.js';

/** Testing knobs of the embedded sandbox (documented in docs/cli.md). */
export const SANDBOX_KNOBS = {
  outcomeDelayMs: 'COVAGE_SANDBOX_OUTCOME_DELAY_MS',
  latencyMs: 'COVAGE_SANDBOX_LATENCY_MS',
  exportIntervalMs: 'COVAGE_SANDBOX_EXPORT_INTERVAL_MS',
} as const;

/** Long enough for the progress display to show the `in_progress` phase. */
export const EMBEDDED_OUTCOME_DELAY_MS = 800;

export interface Target {
  api: CovageApi;
  /** Safe to print and to store: no credentials. */
  baseUrl: string;
  embedded: boolean;
  origin: SessionOrigin;
  /** What to fix when the API refuses the credentials: the variables they came from. */
  credentials: string;
  close(): Promise<void>;
}

function knob(env: Env, name: string): number | undefined {
  const value = env[name];
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value.trim())) throw new CliError(`${name} is a whole number of milliseconds`);
  return Number(value);
}

/** The base URL from the flag or the environment, if any. */
export function baseUrlFrom(flag: string | undefined, env: Env): string | undefined {
  return flag ?? (env[COVAGE_ENV.baseUrl] || undefined);
}

/** Where the base URL came from, in messages: the flag, or the variable. */
export function baseUrlSource(flag: string | undefined): string {
  return flag === undefined ? COVAGE_ENV.baseUrl : '--base-url';
}

/** A client on the API at `baseUrl`, credentials from `env`. Sends nothing yet. */
export function remoteTarget(
  baseUrl: string,
  env: Env,
  options: ConnectionOptions & { retry?: RetryOption; source?: string } = {},
): Target {
  const api = clientFor(baseUrl, authFromEnv(env, options), options);
  const shown = publicBaseUrl(baseUrl);
  return {
    api,
    baseUrl: shown,
    embedded: false,
    origin: { baseUrl: shown },
    credentials: credentialsSource(env),
    close: async () => {},
  };
}

/** Starts a sandbox in this process, with a random token, and a client on it. */
export async function embeddedTarget(
  env: Env,
  options: Pick<SandboxOptions, 'diaOfferingIds' | 'seed'> & {
    retry?: RetryOption;
    sessionRead?: SessionReadMode;
  } = {},
): Promise<Target> {
  const token = randomBytes(18).toString('base64url');
  const latencyMs = knob(env, SANDBOX_KNOBS.latencyMs);
  const exportIntervalMs = knob(env, SANDBOX_KNOBS.exportIntervalMs);
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  try {
    sandbox = await startSandbox({
      port: 0,
      tokens: [token],
      outcomeDelayMs: knob(env, SANDBOX_KNOBS.outcomeDelayMs) ?? EMBEDDED_OUTCOME_DELAY_MS,
      ...(latencyMs === undefined ? {} : { latencyMs }),
      ...(exportIntervalMs === undefined ? {} : { exportIntervalMs }),
      ...(options.diaOfferingIds ? { diaOfferingIds: options.diaOfferingIds } : {}),
      ...(options.seed === undefined ? {} : { seed: options.seed }),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new CliError(`cannot start the embedded sandbox: ${message}`);
  }
  return {
    api: clientFor(sandbox.url, bearerToken(token), {
      retry: options.retry,
      // The client's export budget is the sandbox's rate limit.
      exportIntervalMs: exportIntervalMs ?? 300_000,
      ...(options.sessionRead ? { sessionRead: options.sessionRead } : {}),
    }),
    baseUrl: sandbox.url,
    embedded: true,
    origin: { baseUrl: sandbox.url, embeddedSandbox: true },
    credentials: 'the embedded sandbox',
    close: () => sandbox.close(),
  };
}
