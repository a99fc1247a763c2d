export { type ClientCredentialsOptions, clientCredentials } from './clientCredentials.js';
export { combineAuth } from './combine.js';
export type { OAuthCommonOptions } from './oauthCommon.js';
export { type PasswordGrantOptions, passwordGrant } from './passwordGrant.js';
export { type ApiKeyOptions, apiKey, bearerToken } from './static.js';
export type { AuthProvider, AuthRequest } from './types.js';
