import { randomBytes } from 'node:crypto';
import { EXAMPLE_SPELLING, type FieldSpelling, TABLE_SPELLING } from '../schemas/spelling.js';
import { isLoopbackHost } from './dashboard/access.js';
import { type ResolvedLimits, resolveLimits } from './limits.js';
import { checkScript, type ScriptedOutcome } from './script.js';
import { type ResolvedTrackingOptions, resolveTrackingOptions } from './tracking/options.js';
import type { FaultKind, SandboxClock, SandboxOptions } from './types.js';

export interface OAuthUser {
  username: string;
  password: string;
}
export interface OAuthClient {
  clientId: string;
  clientSecret: string;
}

/** Every option with its default applied and checked. */
export interface ResolvedOptions {
  port: number;
  host: string;
  tokens: string[];
  apiKeys: string[];
  adminToken: string;
  /** Required (given or generated) when `host` is not a loopback address. */
  dashboardToken: string | undefined;
  oauth: {
    users: OAuthUser[];
    clients: OAuthClient[];
    accessTokenTtlSeconds: number;
    refreshTokenTtlSeconds: number;
  };
  latencyMs: number;
  outcomeDelayMs: number;
  exportDurationMs: number;
  exportIntervalMs: number;
  faultRate: number;
  faultMix: Partial<Record<FaultKind, number>>;
  seed: number;
  clock: SandboxClock;
  diaOfferingIds: string[];
  maxBodyBytes: number;
  limits: ResolvedLimits;
  /** Allowed origins: exact origins, `*`, or `loopback` (any http(s) origin on a loopback name). */
  corsOrigins: string[];
  readSessionEndpoint: boolean;
  scriptedOutcomes: ScriptedOutcome[];
  responseSpelling: FieldSpelling;
  tracking: ResolvedTrackingOptions;
}

export const DEFAULT_TOKEN = 'sandbox-token';
/** In `corsOrigins`: any http(s) origin whose host is a loopback name. */
export const LOOPBACK_ORIGINS = 'loopback';
export const DEFAULT_FAULT_MIX: Partial<Record<FaultKind, number>> = {
  '500': 1,
  '502': 1,
  '503': 1,
  'reset-before': 1,
  'reset-after': 1,
};

const systemClock: SandboxClock = { now: () => Date.now() };

/** The doc's response examples write `enni2` and `cpe_network_number`, and a numeric VLAN. */
const EXAMPLE_RESPONSE_SPELLING: FieldSpelling = { ...EXAMPLE_SPELLING, vlanReference: 'number' };

function count(name: string, value: number | undefined, fallback: number, max?: number): number {
  const result = value ?? fallback;
  if (!Number.isFinite(result) || result < 0 || (max !== undefined && result > max))
    throw new RangeError(
      `sandbox option ${name} must be a number from 0${max === undefined ? '' : ` to ${max}`}`,
    );
  return result;
}

function texts(name: string, values: readonly string[] | undefined, fallback: string[]): string[] {
  const list = [...new Set(values ?? fallback)];
  if (list.some((value) => typeof value !== 'string' || value.trim() === ''))
    throw new RangeError(`sandbox option ${name} must hold non-empty strings`);
  return list;
}

/** The CORS origins: given ones checked and normalised, else loopback origins on a loopback host. */
function corsOrigins(given: readonly string[] | undefined, host: string): string[] {
  if (given === undefined) return isLoopbackHost(host) ? [LOOPBACK_ORIGINS] : [];
  return texts('corsOrigins', given, []).map((origin) => {
    if (origin === '*') return origin;
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      throw new RangeError(`sandbox option corsOrigins: "${origin}" is not an origin`);
    }
    if (!/^https?:$/.test(url.protocol) || url.origin !== origin.replace(/\/$/, ''))
      throw new RangeError(
        `sandbox option corsOrigins: "${origin}" is not an origin like http://localhost:5173`,
      );
    return url.origin;
  });
}

/** Applies defaults and rejects impossible values (a RangeError naming the option). */
export function resolveOptions(options: SandboxOptions): ResolvedOptions {
  const faultMix = options.faultMix ?? DEFAULT_FAULT_MIX;
  for (const [kind, weight] of Object.entries(faultMix)) count(`faultMix.${kind}`, weight, 0);
  const port = count('port', options.port, 0, 65535);
  if (!Number.isInteger(port)) throw new RangeError('sandbox option port must be an integer');
  const seed = options.seed ?? 1;
  if (!Number.isInteger(seed)) throw new RangeError('sandbox option seed must be an integer');
  const oauth = options.oauth ?? {};
  const host = options.host ?? '127.0.0.1';
  if (options.dashboardToken !== undefined) texts('dashboardToken', [options.dashboardToken], []);
  return {
    port,
    host,
    tokens: texts('tokens', options.tokens, [DEFAULT_TOKEN]),
    apiKeys: texts('apiKeys', options.apiKeys, []),
    adminToken: options.adminToken ?? randomBytes(18).toString('base64url'),
    dashboardToken:
      options.dashboardToken ??
      (isLoopbackHost(host) ? undefined : randomBytes(18).toString('base64url')),
    oauth: {
      users: [...(oauth.users ?? [])],
      clients: [...(oauth.clients ?? [])],
      accessTokenTtlSeconds: count('oauth.accessTokenTtlSeconds', oauth.accessTokenTtlSeconds, 300),
      refreshTokenTtlSeconds: count(
        'oauth.refreshTokenTtlSeconds',
        oauth.refreshTokenTtlSeconds,
        1800,
      ),
    },
    latencyMs: count('latencyMs', options.latencyMs, 0),
    outcomeDelayMs: count('outcomeDelayMs', options.outcomeDelayMs, 200),
    exportDurationMs: count('exportDurationMs', options.exportDurationMs, 200),
    exportIntervalMs: count('exportIntervalMs', options.exportIntervalMs, 300_000),
    faultRate: count('faultRate', options.faultRate, 0, 1),
    faultMix,
    seed,
    clock: options.clock ?? systemClock,
    diaOfferingIds: [...(options.diaOfferingIds ?? [])],
    maxBodyBytes: count('maxBodyBytes', options.maxBodyBytes, 1024 * 1024),
    limits: resolveLimits(options.limits),
    corsOrigins: corsOrigins(options.corsOrigins, host),
    readSessionEndpoint: options.readSessionEndpoint ?? true,
    scriptedOutcomes: checkScript(options.scriptedOutcomes ?? []),
    responseSpelling:
      options.responseSpelling === 'examples' ? EXAMPLE_RESPONSE_SPELLING : TABLE_SPELLING,
    tracking: resolveTrackingOptions(options.tracking, options.seedOrders),
  };
}
