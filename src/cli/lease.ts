/**
 * The CLI's leases: one per session, as files in `<state dir>/.leases`. `submit` and `resume`
 * hold the session's lease while they run, so that two commands never run one session at once;
 * `--wait` waits (a bounded time, said on stderr) for a session another command is running.
 */
import { join } from 'node:path';
import { createFileLeases } from '../lease/fileLeases.js';
import type { Lease } from '../lease/types.js';
import type { Env } from './apiFromEnv.js';
import { CliError } from './exitCodes.js';
import type { CliIo } from './sessionRun.js';

export const LEASE_DIR = '.leases';
/** Seconds `--wait` waits when given without a value. */
export const DEFAULT_WAIT_S = 60;
export const LEASE_TTL_ENV = 'COVAGE_LEASE_TTL_MS';

/** `--wait` as commander gives it: absent, `true` (no value) or a number of seconds. */
export function waitSeconds(wait: boolean | string | undefined): number {
  if (wait === undefined || wait === false) return 0;
  if (wait === true) return DEFAULT_WAIT_S;
  const seconds = Number(wait);
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 86_400)
    throw new CliError(`--wait: "${wait}" is not a number of seconds between 0 and 86400`);
  return seconds;
}

/** `COVAGE_LEASE_TTL_MS`, checked (undefined when unset: the default). */
export function leaseTtlFrom(env: Env): number | undefined {
  const text = env[LEASE_TTL_ENV];
  if (text === undefined || text === '') return undefined;
  const ms = Number(text);
  if (!Number.isInteger(ms) || ms < 200 || ms > 3_600_000)
    throw new CliError(
      `${LEASE_TTL_ENV}: "${text}" is not a whole number of ms between 200 and 3600000`,
    );
  return ms;
}

/** Takes the lease of session `key` in `stateDir` (or waits up to `wait` seconds for it). */
export async function takeLease(
  stateDir: string,
  key: string,
  wait: boolean | string | undefined,
  io: CliIo,
): Promise<Lease> {
  const seconds = waitSeconds(wait);
  const ttlMs = leaseTtlFrom(io.env);
  const leases = createFileLeases(join(stateDir, LEASE_DIR), ttlMs === undefined ? {} : { ttlMs });
  return leases.acquire(key, {
    waitMs: seconds * 1000,
    onWait: (holder) =>
      io.stderr.write(
        `covage-orders: session ${key} is being run by pid ${holder.pid} on ${holder.host} (since ${holder.since}); waiting up to ${seconds} s for it\n`,
      ),
  });
}
