import { CovageConfigError } from '../errors.js';
import { addSecret } from '../redact.js';
import { CachedBearerAuth, type OAuthCommonOptions, resolveOAuthOptions } from './oauthCommon.js';
import { toCachedToken } from './tokenCache.js';
import { requestToken } from './tokenEndpoint.js';
import type { AuthProvider } from './types.js';

export interface ClientCredentialsOptions extends OAuthCommonOptions {
  clientId: string;
  clientSecret: string;
  /** Space-separated scopes, sent as `scope` when given. */
  scope?: string;
}

/** `application/x-www-form-urlencoded` encoding of one value (RFC 6749 §2.3.1). */
function formEncode(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, '+');
}

/** Base64 of a string's UTF-8 bytes, with `btoa` (works in browsers and Node). */
export function base64Utf8(value: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(value)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The HTTP Basic client authentication of RFC 6749 §2.3.1. */
export function basicClientAuth(clientId: string, clientSecret: string): string {
  return `Basic ${base64Utf8(`${formEncode(clientId)}:${formEncode(clientSecret)}`)}`;
}

class ClientCredentialsAuth extends CachedBearerAuth {
  constructor(options: ClientCredentialsOptions) {
    if (!options.clientId || !options.clientSecret) {
      throw new CovageConfigError(
        'client credentials need a clientId and a clientSecret',
        'missing_credentials',
      );
    }
    addSecret(options.clientSecret);
    const resolved = resolveOAuthOptions(options);
    const authorization = basicClientAuth(options.clientId, options.clientSecret);
    addSecret(authorization.slice('Basic '.length));
    const form: Record<string, string> = { grant_type: 'client_credentials' };
    if (options.scope !== undefined) form.scope = options.scope;

    const renew = async () => {
      const grant = await requestToken({
        tokenUrl: resolved.tokenUrl,
        form,
        headers: { Authorization: authorization },
        fetch: resolved.fetch,
        timeoutMs: resolved.timeoutMs,
        defaultExpiresInSeconds: resolved.defaultExpiresInSeconds,
        logger: resolved.logger,
      });
      resolved.logger.debug('auth.token_obtained', {
        grant: 'client_credentials',
        expiresInSeconds: grant.expiresInSeconds,
      });
      // RFC 6749 §4.4.3: no refresh token here; a new token is simply requested again.
      const { refreshToken: _ignored, ...rest } = toCachedToken(grant, resolved.clock.now());
      return rest;
    };
    super(renew, resolved.clock);
  }

  toJSON() {
    return { type: 'clientCredentials' };
  }
}

/**
 * The OAuth 2.0 client credentials grant, as the Orange docs describe it: the client id and
 * secret in an HTTP Basic header to the token endpoint; the access token cached and requested
 * again shortly before expiry.
 */
export function clientCredentials(options: ClientCredentialsOptions): AuthProvider {
  return new ClientCredentialsAuth(options);
}
