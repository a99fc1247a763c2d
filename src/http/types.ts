import type { Clock, Sleep } from './abort.js';
import type { AuthProvider } from './auth/types.js';
import type { Logger } from './logger.js';
import type { RetryOption } from './retry.js';
import type { SearchParams } from './url.js';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * What a 2xx answer's body becomes: `json` (parsed, `undefined` when empty), `text`, `stream`
 * (the raw `ReadableStream`, not read), or `none` (read and dropped).
 */
export type ResponseType = 'json' | 'text' | 'stream' | 'none';

export interface HttpRequest {
  method: HttpMethod;
  /** Relative to the base URL; a trailing slash is kept. */
  path: string;
  searchParams?: SearchParams;
  /** A JSON body. */
  json?: unknown;
  /** Extra headers for this call (every attempt), e.g. a correlation id or a test's fault. */
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Whether sending it twice has the effect of sending it once. Defaults by method. */
  idempotent?: boolean;
  /** Default `json`. */
  responseType?: ResponseType;
  /** Non-2xx statuses answered to the caller instead of thrown (body read as an error body). */
  acceptStatus?: readonly number[];
  /** Overrides the client's retry options for this call; `false` = no retry. */
  retry?: RetryOption;
}

export interface HttpResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  /** Requests sent for this call, retries included. */
  attempts: number;
  /**
   * True when an earlier attempt of this call failed in a way that may still have changed
   * something (no answer, or a 5xx), so that e.g. a DELETE answering 404 now may mean "done".
   */
  earlierAttemptMayHaveBeenProcessed: boolean;
}

export interface AttemptInfo {
  /** 1 for the first send of a call, then 2, 3, … */
  attempt: number;
  method: HttpMethod;
  path: string;
}

export interface HttpClientOptions {
  /** `https://…`, or `http://` to a loopback host (else `allowInsecureHttp`). May carry a path. */
  baseUrl: string | URL;
  auth?: AuthProvider;
  /** Timeout of one attempt (answer and, except for streams, its body), in ms. Default 30 000. */
  timeoutMs?: number;
  /** Default `{ limit: 4, backoffLimitMs: 30000, baseDelayMs: 300, maxRetryAfterMs: 60000 }`. */
  retry?: RetryOption;
  fetch?: typeof fetch;
  allowInsecureHttp?: boolean;
  logger?: Logger;
  /** For the backoff's jitter; default `Math.random`. */
  random?: () => number;
  /** Waits between attempts; default a real, abortable `setTimeout`. */
  sleep?: Sleep;
  /** For `Retry-After` dates; default `Date.now`. */
  clock?: Clock;
  /** Headers on every request. */
  headers?: Record<string, string>;
  /** Headers computed for each attempt, e.g. a fresh `X-Request-Id`. */
  attemptHeaders?: (info: AttemptInfo) => Record<string, string>;
  /** A one-line summary of an error body, for messages. Default: common `message` fields. */
  describeErrorBody?: (body: unknown) => string | undefined;
}

export interface HttpClient {
  readonly baseUrl: URL;
  /**
   * Sends a request with auth, retries and typed errors. Throws `CovageHttpError` (or
   * `CovageAuthError` for 401/403, `CovageRateLimitError` for 429), `CovageAmbiguousWriteError`,
   * `CovageNetworkError`, `CovageResponseError` (a 2xx body that is not JSON), `CovageAbortError`.
   */
  request<T = unknown>(request: HttpRequest): Promise<HttpResponse<T>>;
}
