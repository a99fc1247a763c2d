import type { OAuthTokens } from './oauthTokens.js';

export type Identification = { user: string } | { error: 'missing' | 'invalid' | 'expired' };

/**
 * Who is calling. Users are named without their secret: `token-1` for the first static token,
 * `api-key-1` for the first API key, `user:<username>` for the password grant and
 * `client:<clientId>` for client credentials.
 */
export class Credentials {
  private readonly staticTokens: Map<string, string>;
  private readonly apiKeys: Map<string, string>;

  constructor(
    tokens: readonly string[],
    apiKeys: readonly string[],
    private readonly oauth: OAuthTokens,
  ) {
    this.staticTokens = new Map(tokens.map((token, index) => [token, `token-${index + 1}`]));
    this.apiKeys = new Map(apiKeys.map((key, index) => [key, `api-key-${index + 1}`]));
  }

  identify(
    authorization: string | undefined,
    apiKey: string | undefined,
    now: number,
  ): Identification {
    if (authorization !== undefined) {
      const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization);
      if (!match?.[1]) return { error: 'invalid' };
      const token = match[1];
      const user = this.staticTokens.get(token);
      if (user) return { user };
      const issued = this.oauth.userOf(token, now);
      if ('user' in issued) return issued;
      return { error: issued.error === 'expired' ? 'expired' : 'invalid' };
    }
    if (apiKey !== undefined) {
      const user = this.apiKeys.get(apiKey.trim());
      return user ? { user } : { error: 'invalid' };
    }
    return { error: 'missing' };
  }
}
