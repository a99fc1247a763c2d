import { CovageConfigError } from '../errors.js';
import { addSecret } from '../redact.js';
import type { AuthProvider } from './types.js';

function requireSecret(value: string, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new CovageConfigError(`${what} must be a non-empty string`, 'missing_credentials');
  }
  addSecret(value);
  return value;
}

class BearerTokenAuth implements AuthProvider {
  #token: string;
  constructor(token: string) {
    this.#token = requireSecret(token, 'the bearer token');
  }
  async authorize(): Promise<Record<string, string>> {
    return { Authorization: `Bearer ${this.#token}` };
  }
  toJSON() {
    return { type: 'bearerToken' };
  }
}

/** A static bearer token, sent as `Authorization: Bearer <token>` (obapi's API key, too). */
export function bearerToken(token: string): AuthProvider {
  return new BearerTokenAuth(token);
}

class ApiKeyAuth implements AuthProvider {
  readonly header: string;
  #key: string;
  constructor(header: string, key: string) {
    this.header = header;
    this.#key = requireSecret(key, 'the API key');
  }
  async authorize(): Promise<Record<string, string>> {
    return { [this.header]: this.#key };
  }
  toJSON() {
    return { type: 'apiKey', header: this.header };
  }
}

export interface ApiKeyOptions {
  /** The header's name. Default `X-Api-Key`. */
  header?: string;
  key: string;
}

/** An API key in a header, `X-Api-Key` by default. */
export function apiKey(options: ApiKeyOptions): AuthProvider {
  return new ApiKeyAuth(options.header ?? 'X-Api-Key', options.key);
}
