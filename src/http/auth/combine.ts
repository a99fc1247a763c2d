import type { AuthProvider, AuthRequest } from './types.js';

class CombinedAuth implements AuthProvider {
  readonly #providers: readonly AuthProvider[];
  constructor(providers: readonly AuthProvider[]) {
    this.#providers = providers;
  }
  async authorize(request: AuthRequest): Promise<Record<string, string>> {
    const parts = await Promise.all(this.#providers.map((provider) => provider.authorize(request)));
    return Object.assign({}, ...parts);
  }
  invalidate(rejected?: Record<string, string>): void {
    for (const provider of this.#providers) provider.invalidate?.(rejected);
  }
  toJSON() {
    return { type: 'combined', providers: this.#providers.length };
  }
}

/**
 * Several providers' headers on every request, e.g. Orange's client-credentials bearer token plus
 * its `X-Api-Key`: `combineAuth(clientCredentials({…}), apiKey({ key }))`. A later provider's
 * header wins over an earlier one of the same name.
 */
export function combineAuth(...providers: AuthProvider[]): AuthProvider {
  return new CombinedAuth(providers);
}
