/**
 * The token endpoint's memory: expired tokens are forgotten as new ones are issued (looking only
 * at the oldest, so an issue costs the same with 80 000 live tokens as with none), and one user
 * holds at most `tokensPerUser` live tokens of a kind (the oldest is revoked beyond).
 */
import { describe, expect, it } from 'vitest';
import { OAuthTokens } from '../../src/sandbox/oauthTokens.js';

describe('issued tokens', () => {
  it('expired tokens are forgotten as new ones are issued', () => {
    const tokens = new OAuthTokens(300, 1800, 100_000);
    for (let n = 0; n < 1000; n++) tokens.issue(`user:${n % 7}`, 'api-client', n, true);
    expect(tokens.live).toBe(2000);
    // 1800 s later every access token and refresh token issued at 0..999 ms has expired.
    const late = tokens.issue('user:late', 'api-client', 1_800_999, true);
    expect(tokens.live).toBe(2);
    expect(tokens.userOf(late.access_token, 1_800_999)).toEqual({ user: 'user:late' });
  });

  it('a user holds at most tokensPerUser live tokens: the oldest is revoked', () => {
    const tokens = new OAuthTokens(300, 1800, 3);
    const issued = [1, 2, 3, 4].map((n) => tokens.issue('user:alice', 'api-client', n, true));
    const other = tokens.issue('user:bob', 'api-client', 5, true);
    expect(tokens.userOf(issued[0]?.access_token ?? '', 10)).toEqual({ error: 'unknown' });
    expect(tokens.redeem(issued[0]?.refresh_token ?? '', 'api-client', 10)).toBeUndefined();
    for (const kept of issued.slice(1))
      expect(tokens.userOf(kept.access_token, 10)).toEqual({ user: 'user:alice' });
    expect(tokens.userOf(other.access_token, 10)).toEqual({ user: 'user:bob' });
    expect(tokens.live).toBe(8);
  });

  it('an expired token is told apart from an unknown one until it is forgotten', () => {
    const tokens = new OAuthTokens(1, 2, 10);
    const grant = tokens.issue('client:acme', 'acme', 0, false);
    expect(tokens.userOf(grant.access_token, 1000)).toEqual({ error: 'expired' });
    tokens.issue('client:acme', 'acme', 1000, false);
    expect(tokens.userOf(grant.access_token, 1000)).toEqual({ error: 'unknown' });
  });
});
