import { randomBytes } from 'node:crypto';

interface Grant {
  user: string;
  expiresAt: number;
  /** The client a refresh token was issued to; a refresh must come from the same client. */
  clientId: string;
}

/** The answer of the token endpoint, as OAuth 2.0 (RFC 6749 §5.1) and Keycloak write it. */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token?: string;
  refresh_expires_in?: number;
  scope: string;
}

export type AccessLookup = { user: string } | { error: 'unknown' | 'expired' };

function newToken(prefix: string): string {
  return `${prefix}.${randomBytes(24).toString('base64url')}`;
}

/**
 * Tokens of one kind (access or refresh), in issue order. Every token of a kind lives as long, so
 * issue order is expiry order: forgetting the expired ones looks only at the oldest (O(1) per
 * issue, amortised, however many are live). A user holds at most `perUser` live tokens of a kind;
 * beyond, their oldest one is revoked.
 */
class GrantQueue {
  private readonly grants = new Map<string, Grant>();
  private readonly byUser = new Map<string, Set<string>>();

  constructor(private readonly perUser: number) {}

  get size(): number {
    return this.grants.size;
  }

  get(token: string): Grant | undefined {
    return this.grants.get(token);
  }

  add(token: string, grant: Grant, now: number) {
    this.forgetExpired(now);
    this.grants.set(token, grant);
    const own = this.byUser.get(grant.user) ?? new Set<string>();
    this.byUser.set(grant.user, own);
    own.add(token);
    if (own.size > this.perUser) {
      const oldest = own.values().next().value;
      if (oldest !== undefined) this.delete(oldest);
    }
  }

  private delete(token: string) {
    const grant = this.grants.get(token);
    if (!grant) return;
    this.grants.delete(token);
    const own = this.byUser.get(grant.user);
    own?.delete(token);
    if (own?.size === 0) this.byUser.delete(grant.user);
  }

  private forgetExpired(now: number) {
    for (const [token, grant] of this.grants) {
      if (now < grant.expiresAt) break;
      this.delete(token);
    }
  }
}

/** Access and refresh tokens issued by the sandbox's token endpoint; expiry follows the clock. */
export class OAuthTokens {
  private readonly access: GrantQueue;
  private readonly refresh: GrantQueue;

  constructor(
    private readonly accessTtlSeconds: number,
    private readonly refreshTtlSeconds: number,
    tokensPerUser = 1000,
  ) {
    this.access = new GrantQueue(tokensPerUser);
    this.refresh = new GrantQueue(tokensPerUser);
  }

  /** Live tokens (access + refresh), for the counts route. */
  get live(): number {
    return this.access.size + this.refresh.size;
  }

  issue(user: string, clientId: string, now: number, withRefresh: boolean): TokenResponse {
    const accessToken = newToken('sbx-at');
    this.access.add(
      accessToken,
      { user, clientId, expiresAt: now + this.accessTtlSeconds * 1000 },
      now,
    );
    const response: TokenResponse = {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: this.accessTtlSeconds,
      scope: 'openid',
    };
    if (withRefresh) {
      const refreshToken = newToken('sbx-rt');
      this.refresh.add(
        refreshToken,
        { user, clientId, expiresAt: now + this.refreshTtlSeconds * 1000 },
        now,
      );
      response.refresh_token = refreshToken;
      response.refresh_expires_in = this.refreshTtlSeconds;
    }
    return response;
  }

  /** The user of an access token, or why there is none. */
  userOf(accessToken: string, now: number): AccessLookup {
    const grant = this.access.get(accessToken);
    if (!grant) return { error: 'unknown' };
    if (now >= grant.expiresAt) return { error: 'expired' };
    return { user: grant.user };
  }

  /** A new access token (and refresh token) for a valid refresh token of that client. */
  redeem(refreshToken: string, clientId: string, now: number): TokenResponse | undefined {
    const grant = this.refresh.get(refreshToken);
    if (!grant || now >= grant.expiresAt || grant.clientId !== clientId) return undefined;
    return this.issue(grant.user, clientId, now, true);
  }
}
