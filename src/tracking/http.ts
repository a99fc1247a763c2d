/**
 * What every tracking adapter shares on top of `src/http`: the options, the HTTP client, and a
 * GET that parses its answer with a zod schema.
 */
import type { z } from 'zod';
import type { AuthProvider } from '../http/auth/types.js';
import { createHttpClient, type HttpClient, type HttpClientOptions } from '../http/httpClient.js';
import { parseBody } from '../http/parse.js';
import type { SearchParams } from '../http/url.js';
import type { FollowRunOptions } from './follow.js';
import { DEFAULT_CONCURRENCY } from './listing.js';

/** Options every tracker takes: the HTTP layer's (timeouts, retries, fetch, logger) and paging. */
export interface TrackerOptions
  extends Omit<HttpClientOptions, 'auth' | 'headers' | 'attemptHeaders' | 'baseUrl'> {
  baseUrl: string | URL;
  /** Pages fetched at the same time once the first page gave the total. Default 6. */
  concurrency?: number;
  /** Items asked per page. Default: the API's largest. */
  pageSize?: number;
  /** Defaults for `follow` (intervals, backoff; `clock` for XState delays in tests). */
  follow?: FollowRunOptions;
}

export interface GetOptions {
  searchParams?: SearchParams;
  signal?: AbortSignal | undefined;
  headers?: Record<string, string>;
}

export interface Parsed<T> {
  body: T;
  headers: Headers;
  path: string;
}

export interface TrackerHttp {
  client: HttpClient;
  concurrency: number;
  follow: FollowRunOptions;
  getJson<S extends z.ZodType>(
    path: string,
    schema: S,
    options?: GetOptions,
  ): Promise<Parsed<z.output<S>>>;
}

export function trackerHttp(
  options: TrackerOptions,
  auth: AuthProvider,
  extra: Pick<HttpClientOptions, 'headers' | 'attemptHeaders'> = {},
): TrackerHttp {
  const { concurrency, pageSize: _pageSize, follow, ...http } = options;
  const client = createHttpClient({ ...http, ...extra, auth });
  return {
    client,
    concurrency: concurrency ?? DEFAULT_CONCURRENCY,
    follow: follow ?? {},
    async getJson(path, schema, call = {}) {
      const response = await client.request({
        method: 'GET',
        path,
        ...(call.searchParams ? { searchParams: call.searchParams } : {}),
        ...(call.signal ? { signal: call.signal } : {}),
        ...(call.headers ? { headers: call.headers } : {}),
      });
      const body = parseBody(schema, response.body, { method: 'GET', path });
      return { body, headers: response.headers, path };
    },
  };
}

/** A list filter's value that may be one or several. */
export function asList<T>(value: T | readonly T[] | undefined): T[] | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? [...value] : [value as T];
}

/** Within 1..max (whole). */
export function clampPageSize(value: number | undefined, max: number): number {
  if (value === undefined) return max;
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`pageSize must be a positive integer, got ${value}`);
  return Math.min(value, max);
}
