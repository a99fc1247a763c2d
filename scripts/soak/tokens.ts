/**
 * Wraps a `fetch` so every token the token endpoint hands out is registered with the secret
 * scanner: access and refresh tokens are secrets as much as the password that got them.
 */
import type { SecretScanner } from './secrets.js';

export function capturingTokens(inner: typeof fetch, scanner: SecretScanner): typeof fetch {
  let issued = 0;
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const response = await inner(input, init);
    if (response.ok && url.includes('/protocol/openid-connect/token')) {
      const body = (await response
        .clone()
        .json()
        .catch(() => null)) as { access_token?: string; refresh_token?: string } | null;
      issued++;
      scanner.add(`access token #${issued}`, body?.access_token);
      scanner.add(`refresh token #${issued}`, body?.refresh_token);
    }
    return response;
  };
}
