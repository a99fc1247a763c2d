/**
 * covage-orders/auth — the OAuth 2.0 grants: Covage's documented login (`passwordGrant`, the
 * password grant on its Keycloak token endpoint) and `clientCredentials` (Orange's APIs). They
 * hold a user's password or a client secret, so they belong on a server (the CLI, a worker, an
 * app's backend); a page gets its token from its backend and uses `bearerToken` from the main
 * entry. Kept out of the main entry so that a browser bundle does not carry them.
 */
export { type ClientCredentialsOptions, clientCredentials } from './clientCredentials.js';
export type { OAuthCommonOptions } from './oauthCommon.js';
export { type PasswordGrantOptions, passwordGrant } from './passwordGrant.js';
