import { CovageConfigError } from './errors.js';

/** `localhost` (and `*.localhost`), `127.0.0.0/8` and `[::1]`. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '[::1]' || host === '::1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export interface UrlCheckOptions {
  /** Allow plain `http://` to a host that is not loopback. */
  allowInsecureHttp?: boolean;
  /** What the URL is for, in messages: `baseUrl`, `tokenUrl`. */
  name?: string;
}

/**
 * Parses and checks a configured URL: `https:`, or `http:` to a loopback host (or anywhere when
 * `allowInsecureHttp` is set); no user name or password in it. Messages never repeat the URL's
 * credentials or query.
 */
export function checkUrl(value: string | URL, options: UrlCheckOptions = {}): URL {
  const name = options.name ?? 'url';
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    throw new CovageConfigError(`${name} is not a valid absolute URL`, 'invalid_url');
  }
  if (url.username !== '' || url.password !== '') {
    throw new CovageConfigError(
      `${name} must not carry a user name or password; use an auth provider`,
      'credentials_in_url',
    );
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol !== 'http:') {
    throw new CovageConfigError(
      `${name} must be an http(s) URL, not ${url.protocol}`,
      'invalid_url',
    );
  }
  if (isLoopbackHost(url.hostname) || options.allowInsecureHttp === true) return url;
  throw new CovageConfigError(
    `${name} uses plain http:// to ${url.hostname}, which is not a loopback host; use https:// (or set allowInsecureHttp)`,
    'insecure_http',
  );
}

export type QueryValue = string | number | boolean;
export type SearchParams = Record<string, QueryValue | readonly QueryValue[] | undefined | null>;

/**
 * Joins a base URL (which may carry a path prefix) and a path relative to it. The path's own
 * trailing slash is kept, as the order-taking doc's paths need it. Arrays become repeated keys.
 */
export function joinUrl(base: URL, path: string, searchParams?: SearchParams): URL {
  const prefix = base.href.endsWith('/') ? base.href : `${base.href}/`;
  const url = new URL(path.replace(/^\/+/, ''), prefix);
  if (searchParams !== undefined) {
    for (const [key, value] of Object.entries(searchParams)) {
      if (value === undefined || value === null) continue;
      const values: readonly QueryValue[] = Array.isArray(value) ? value : [value as QueryValue];
      for (const item of values) url.searchParams.append(key, String(item));
    }
  }
  return url;
}
