import { type Clock, raceAbort } from '../abort.js';
import type { TokenGrant } from './tokenEndpoint.js';

/** A token held in memory, with absolute expiry times in ms. */
export interface CachedToken {
  accessToken: string;
  obtainedAt: number;
  expiresAt: number;
  refreshToken?: string;
  refreshExpiresAt?: number;
}

const MAX_EARLY_REFRESH_MS = 30_000;

/**
 * How long before expiry a token is renewed: 10 % of its lifetime, at most 30 s. A 300 s token
 * is renewed after 270 s; a 10 s token after 9 s.
 */
export function refreshMarginMs(lifetimeMs: number): number {
  return Math.min(MAX_EARLY_REFRESH_MS, Math.max(0, lifetimeMs) * 0.1);
}

export function isFresh(token: CachedToken, now: number): boolean {
  return now < token.expiresAt - refreshMarginMs(token.expiresAt - token.obtainedAt);
}

/** True while a refresh token can still be used (with the same early margin). */
export function canRefresh(token: CachedToken | undefined, now: number): boolean {
  if (token?.refreshToken === undefined) return false;
  if (token.refreshExpiresAt === undefined) return true;
  return now < token.refreshExpiresAt - refreshMarginMs(token.refreshExpiresAt - token.obtainedAt);
}

export function toCachedToken(grant: TokenGrant, now: number): CachedToken {
  return {
    accessToken: grant.accessToken,
    obtainedAt: now,
    expiresAt: now + grant.expiresInSeconds * 1000,
    ...(grant.refreshToken === undefined ? {} : { refreshToken: grant.refreshToken }),
    ...(grant.refreshExpiresInSeconds === undefined
      ? {}
      : { refreshExpiresAt: now + grant.refreshExpiresInSeconds * 1000 }),
  };
}

/**
 * Holds one token and renews it: shortly before expiry, or after the server rejected it. One
 * renewal in flight at a time; every caller waiting meanwhile shares its result. `renew` gets the
 * current token (possibly expired) so it can use the refresh token.
 */
export class TokenCache {
  #token: CachedToken | undefined;
  #inflight: Promise<CachedToken> | undefined;
  readonly #renew: (current: CachedToken | undefined) => Promise<CachedToken>;
  readonly #clock: Clock;

  constructor(renew: (current: CachedToken | undefined) => Promise<CachedToken>, clock: Clock) {
    this.#renew = renew;
    this.#clock = clock;
  }

  /** A fresh access token; renews it first when needed. */
  async accessToken(signal?: AbortSignal): Promise<string> {
    signal?.throwIfAborted();
    const token = this.#token;
    if (token !== undefined && isFresh(token, this.#clock.now())) return token.accessToken;
    if (this.#inflight === undefined) {
      const renewal = this.#renew(token).then((next) => {
        this.#token = next;
        return next;
      });
      this.#inflight = renewal;
      const clear = () => {
        if (this.#inflight === renewal) this.#inflight = undefined;
      };
      renewal.then(clear, clear);
    }
    const next = await raceAbort(this.#inflight, signal);
    return next.accessToken;
  }

  /** Marks `accessToken` (or the current token) as rejected; the refresh token is kept. */
  invalidate(accessToken?: string): void {
    const token = this.#token;
    if (token === undefined) return;
    if (accessToken !== undefined && accessToken !== token.accessToken) return;
    this.#token = { ...token, expiresAt: Number.NEGATIVE_INFINITY };
  }
}
