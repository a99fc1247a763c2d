import { CovageAuthError, CovageConfigError } from '../errors.js';
import { addSecret } from '../redact.js';
import { CachedBearerAuth, type OAuthCommonOptions, resolveOAuthOptions } from './oauthCommon.js';
import { type CachedToken, canRefresh, toCachedToken } from './tokenCache.js';
import { requestToken } from './tokenEndpoint.js';
import type { AuthProvider } from './types.js';

export interface PasswordGrantOptions extends OAuthCommonOptions {
  /** Default `api-client`, as Covage documents. */
  clientId?: string;
  username: string;
  password: string;
}

class PasswordGrantAuth extends CachedBearerAuth {
  constructor(options: PasswordGrantOptions) {
    if (!options.username || !options.password) {
      throw new CovageConfigError(
        'the password grant needs a username and a password',
        'missing_credentials',
      );
    }
    addSecret(options.password);
    const resolved = resolveOAuthOptions(options);
    const clientId = options.clientId ?? 'api-client';
    const username = options.username;
    const password = options.password;
    const call = (form: Record<string, string>) =>
      requestToken({
        tokenUrl: resolved.tokenUrl,
        form,
        fetch: resolved.fetch,
        timeoutMs: resolved.timeoutMs,
        defaultExpiresInSeconds: resolved.defaultExpiresInSeconds,
        logger: resolved.logger,
      });

    const login = async (): Promise<CachedToken> => {
      const grant = await call({ grant_type: 'password', client_id: clientId, username, password });
      resolved.logger.debug('auth.token_obtained', {
        grant: 'password',
        expiresInSeconds: grant.expiresInSeconds,
      });
      return toCachedToken(grant, resolved.clock.now());
    };

    const renew = async (current: CachedToken | undefined): Promise<CachedToken> => {
      const refreshToken = current?.refreshToken;
      if (refreshToken === undefined || !canRefresh(current, resolved.clock.now())) return login();
      try {
        const grant = await call({
          grant_type: 'refresh_token',
          client_id: clientId,
          refresh_token: refreshToken,
        });
        resolved.logger.debug('auth.token_refreshed', {
          grant: 'refresh_token',
          expiresInSeconds: grant.expiresInSeconds,
        });
        // A server that does not rotate refresh tokens may leave it out: keep the old one.
        const next = toCachedToken(grant, resolved.clock.now());
        return next.refreshToken === undefined && current?.refreshToken !== undefined
          ? {
              ...next,
              refreshToken: current.refreshToken,
              ...(current.refreshExpiresAt === undefined
                ? {}
                : { refreshExpiresAt: current.refreshExpiresAt }),
            }
          : next;
      } catch (error) {
        if (!(error instanceof CovageAuthError)) throw error;
        resolved.logger.warn('auth.refresh_rejected', {
          grant: 'refresh_token',
          status: error.status,
        });
        return login();
      }
    };
    super(renew, resolved.clock);
  }

  toJSON() {
    return { type: 'passwordGrant' };
  }
}

/**
 * The OAuth 2.0 password grant, Covage's documented login (a Keycloak token endpoint,
 * `client_id=api-client`, a service account's username and password). The access token is cached
 * and renewed shortly before expiry with the refresh token; when the refresh token has expired or
 * is refused, a full login is made again.
 */
export function passwordGrant(options: PasswordGrantOptions): AuthProvider {
  return new PasswordGrantAuth(options);
}
