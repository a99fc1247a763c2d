import { type Clock, systemClock } from '../abort.js';
import type { Logger } from '../logger.js';
import { safeLogger } from '../logger.js';
import { checkUrl } from '../url.js';
import { type CachedToken, TokenCache } from './tokenCache.js';
import type { AuthProvider, AuthRequest } from './types.js';

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

/**
 * An OAuth 2.0 provider: sends the cached access token as a bearer token, renews it with
 * `renew` when needed (one renewal in flight at a time), and drops it when the API refused it.
 * Subclasses give `renew` and their `toJSON` (which never holds a secret).
 */
export abstract class CachedBearerAuth implements AuthProvider {
  readonly #cache: TokenCache;

  protected constructor(
    renew: (current: CachedToken | undefined) => Promise<CachedToken>,
    clock: Clock,
  ) {
    this.#cache = new TokenCache(renew, clock);
  }

  async authorize(request: AuthRequest): Promise<Record<string, string>> {
    return { Authorization: bearer(await this.#cache.accessToken(request.signal)) };
  }

  invalidate(rejected?: Record<string, string>): void {
    this.#cache.invalidate(bearerIn(rejected));
  }

  abstract toJSON(): { type: string };
}
