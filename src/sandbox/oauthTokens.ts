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

/** Access and refresh tokens issued by the sandbox's token endpoint; expiry follows the clock. */
export class OAuthTokens {
  private readonly access = new Map<string, Grant>();
  private readonly refresh = new Map<string, Grant>();

  constructor(
    private readonly accessTtlSeconds: number,
    private readonly refreshTtlSeconds: number,
  ) {}

  issue(user: string, clientId: string, now: number, withRefresh: boolean): TokenResponse {
    this.forgetExpired(now);
    const accessToken = newToken('sbx-at');
    this.access.set(accessToken, {
      user,
      clientId,
      expiresAt: now + this.accessTtlSeconds * 1000,
    });
    const response: TokenResponse = {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: this.accessTtlSeconds,
      scope: 'openid',
    };
    if (withRefresh) {
      const refreshToken = newToken('sbx-rt');
      this.refresh.set(refreshToken, {
        user,
        clientId,
        expiresAt: now + this.refreshTtlSeconds * 1000,
      });
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

  private forgetExpired(now: number) {
    for (const map of [this.access, this.refresh])
      for (const [token, grant] of map) if (now >= grant.expiresAt) map.delete(token);
  }
}
