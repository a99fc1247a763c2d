import { type Clock, systemClock } from '../abort.js';
import type { Logger } from '../logger.js';
import { safeLogger } from '../logger.js';
import { checkUrl } from '../url.js';

/** Options shared by the OAuth 2.0 providers. */
export interface OAuthCommonOptions {
  /** The token endpoint, e.g. `https://…/auth/realms/covage/protocol/openid-connect/token`. */
  tokenUrl: string | URL;
  /** Injectable `fetch` (defaults to the global one). */
  fetch?: typeof fetch;
  /** Injectable clock, for expiry. */
  clock?: Clock;
  /** Timeout of one token request, in ms. Default 30 000. */
  timeoutMs?: number;
  /** Lifetime assumed when the answer has no `expires_in`, in seconds. Default 300. */
  defaultExpiresInSeconds?: number;
  /** Allow a plain `http://` token URL to a host that is not loopback. */
  allowInsecureHttp?: boolean;
  logger?: Logger;
}

export interface ResolvedOAuthOptions {
  tokenUrl: URL;
  fetch: typeof fetch | undefined;
  clock: Clock;
  timeoutMs: number;
  defaultExpiresInSeconds: number;
  logger: Logger;
}

export function resolveOAuthOptions(options: OAuthCommonOptions): ResolvedOAuthOptions {
  return {
    tokenUrl: checkUrl(options.tokenUrl, {
      name: 'tokenUrl',
      allowInsecureHttp: options.allowInsecureHttp === true,
    }),
    fetch: options.fetch,
    clock: options.clock ?? systemClock,
    timeoutMs: options.timeoutMs ?? 30_000,
    defaultExpiresInSeconds: options.defaultExpiresInSeconds ?? 300,
    logger: safeLogger(options.logger),
  };
}

/** The `Authorization` value a token gives. */
export function bearer(accessToken: string): string {
  return `Bearer ${accessToken}`;
}

/** The access token inside headers `authorize` gave, for `invalidate`. */
export function bearerIn(headers: Record<string, string> | undefined): string | undefined {
  if (headers === undefined) return undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === 'authorization' && value.startsWith('Bearer ')) {
      return value.slice('Bearer '.length);
    }
  }
  return undefined;
}
