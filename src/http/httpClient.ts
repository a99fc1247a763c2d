import ky, { type KyInstance } from 'ky';
import { type Clock, sleep as defaultSleep, type Sleep, systemClock } from './abort.js';
import type { AuthProvider } from './auth/types.js';
import {
  CovageAbortError,
  CovageAmbiguousWriteError,
  CovageAuthError,
  type CovageError,
  CovageHttpError,
  CovageNetworkError,
  CovageRateLimitError,
  CovageResponseError,
} from './errors.js';
import { type Logger, safeLogger } from './logger.js';
import { classifyFetchFailure } from './network.js';
import { redact, redactText, redactUrl, truncate } from './redact.js';
import {
  type AttemptOutcome,
  decideRetry,
  isIdempotentMethod,
  mayHaveBeenProcessed,
  parseRetryAfter,
  type RetryOption,
  type RetryOptions,
  resolveRetry,
} from './retry.js';
import { checkUrl, joinUrl, type SearchParams } from './url.js';

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

/** The default summary of an error body: `message`, `detail`, `error_description`, `error.message`. */
export function describeCommonErrorBody(body: unknown): string | undefined {
  if (typeof body === 'string') return body.trim() === '' ? undefined : body;
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  for (const key of ['message', 'detail', 'error_description', 'description']) {
    if (typeof record[key] === 'string') return record[key];
  }
  const nested = record.error;
  if (typeof nested === 'string') return nested;
  if (typeof nested === 'object' && nested !== null) {
    const message = (nested as Record<string, unknown>).message;
    if (typeof message === 'string') return message;
  }
  return undefined;
}

/**
 * The typed error for a non-2xx answer: `CovageAuthError` for 401/403, `CovageRateLimitError`
 * for 429, `CovageHttpError` otherwise. `body` must already be redacted.
 */
export function errorFromStatus(
  status: number,
  method: string,
  path: string,
  body: unknown,
  options: { retryAfterMs?: number; summary?: string } = {},
): CovageError {
  const detail = options.summary ? `: ${truncate(redactText(options.summary), 200)}` : '';
  if (status === 401 || status === 403) {
    return new CovageAuthError(
      `${method} ${path} answered ${status}${detail}`,
      status,
      method,
      path,
    );
  }
  if (status === 429) return new CovageRateLimitError(method, path, body, options.retryAfterMs);
  return new CovageHttpError(
    status,
    method,
    path,
    body,
    `${method} ${path} answered ${status}${detail}`,
  );
}

type Sent =
  | { type: 'response'; response: Response; body: unknown }
  | { type: 'failure'; outcome: Extract<AttemptOutcome, { type: 'not_sent' | 'no_answer' }> };

async function readBody(response: Response, type: ResponseType | 'error'): Promise<unknown> {
  if (type === 'stream') return response.body;
  const text = await response.text();
  if (type === 'none') return undefined;
  if (type === 'text') return text;
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    if (type === 'error') return truncate(text, 2000);
    throw new NotJson(text, error);
  }
}

class NotJson extends Error {
  constructor(
    readonly text: string,
    cause: unknown,
  ) {
    super('the body is not JSON', { cause });
  }
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const baseUrl = checkUrl(options.baseUrl, {
    name: 'baseUrl',
    allowInsecureHttp: options.allowInsecureHttp === true,
  });
  const timeoutMs = options.timeoutMs ?? 30_000;
  const defaultRetry = resolveRetry(options.retry);
  const logger = safeLogger(options.logger);
  const random = options.random ?? Math.random;
  const wait = options.sleep ?? defaultSleep;
  const clock = options.clock ?? systemClock;
  const describe = options.describeErrorBody ?? describeCommonErrorBody;
  const kyClient: KyInstance = ky.create({
    retry: 0,
    throwHttpErrors: false,
    timeout: timeoutMs,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });

  async function send(
    url: URL,
    request: HttpRequest,
    headers: Record<string, string>,
    accept: (status: number) => boolean,
  ): Promise<Sent> {
    const method = request.method;
    const path = url.pathname;
    const deadline = new AbortController();
    const timer = setTimeout(
      () => deadline.abort(new DOMException('attempt timed out', 'TimeoutError')),
      timeoutMs,
    );
    const signal = request.signal
      ? AbortSignal.any([request.signal, deadline.signal])
      : deadline.signal;
    const timedOut = () =>
      ({
        type: 'failure',
        outcome: { type: 'no_answer', reason: `timed out after ${timeoutMs} ms` },
      }) as const;
    try {
      let response: Response;
      try {
        response = await kyClient(url, {
          method,
          headers,
          signal,
          ...(request.json === undefined ? {} : { json: request.json }),
        });
      } catch (error) {
        if (request.signal?.aborted) throw new CovageAbortError(method, path);
        if (deadline.signal.aborted || (error instanceof Error && error.name === 'TimeoutError')) {
          return timedOut();
        }
        return { type: 'failure', outcome: classifyFetchFailure(error) };
      }
      const type: ResponseType | 'error' = accept(response.status)
        ? response.ok
          ? (request.responseType ?? 'json')
          : 'error'
        : 'error';
      try {
        const body = await readBody(response, type);
        return { type: 'response', response, body };
      } catch (error) {
        if (error instanceof NotJson) {
          throw new CovageResponseError(
            method,
            path,
            [{ path: '', message: 'the body is not JSON' }],
            redact(truncate(error.text, 2000)),
          );
        }
        if (request.signal?.aborted) throw new CovageAbortError(method, path);
        if (deadline.signal.aborted) return timedOut();
        return {
          type: 'failure',
          outcome: { type: 'no_answer', reason: 'the answer was cut off' },
        };
      }
    } finally {
      clearTimeout(timer);
    }
  }

  async function request<T>(request: HttpRequest): Promise<HttpResponse<T>> {
    const method = request.method;
    const url = joinUrl(baseUrl, request.path, request.searchParams);
    const path = url.pathname;
    const logPath = redactUrl(url);
    const idempotent = request.idempotent ?? isIdempotentMethod(method);
    const retry: RetryOptions =
      request.retry === undefined
        ? defaultRetry
        : request.retry === false
          ? { ...defaultRetry, limit: 0 }
          : { ...defaultRetry, ...request.retry };
    const accept = (status: number) =>
      (status >= 200 && status < 300) || (request.acceptStatus?.includes(status) ?? false);

    let sends = 0;
    let policyAttempt = 0;
    let authRetried = false;
    let earlierMayHaveBeenProcessed = false;

    const decide = (outcome: AttemptOutcome) =>
      decideRetry({ method, idempotent, attempt: policyAttempt, outcome }, retry, random);

    /** Waits before the next attempt, remembering whether the failed one may have done something. */
    const pause = async (outcome: AttemptOutcome, delayMs: number): Promise<void> => {
      earlierMayHaveBeenProcessed ||= mayHaveBeenProcessed(outcome);
      logger.warn('http.retry', {
        method,
        path: logPath,
        attempt: sends,
        delayMs,
        reason: outcome.type === 'status' ? `status ${outcome.status}` : outcome.reason,
      });
      try {
        await wait(delayMs, request.signal);
      } catch {
        throw new CovageAbortError(method, path);
      }
    };

    for (;;) {
      if (request.signal?.aborted) throw new CovageAbortError(method, path);
      sends += 1;
      policyAttempt += 1;

      let authHeaders: Record<string, string> = {};
      if (options.auth) {
        try {
          authHeaders = await options.auth.authorize(
            request.signal ? { signal: request.signal } : {},
          );
        } catch (error) {
          if (request.signal?.aborted) throw new CovageAbortError(method, path);
          // A token endpoint that is down or unreachable: this request was never sent.
          const transient =
            (error instanceof CovageNetworkError || error instanceof CovageHttpError) &&
            error.retriable;
          if (!transient) throw error;
          const outcome: AttemptOutcome = { type: 'not_sent', reason: 'no credentials yet' };
          const decision = decide(outcome);
          if (!decision.retry) throw error;
          await pause(outcome, decision.delayMs);
          continue;
        }
      }

      const headers: Record<string, string> = {
        Accept: 'application/json',
        ...options.headers,
        ...options.attemptHeaders?.({ attempt: sends, method, path }),
        ...authHeaders,
        ...request.headers,
      };
      logger.debug('http.request', { method, path: logPath, attempt: sends });
      const sent = await send(url, request, headers, accept);

      if (sent.type === 'failure') {
        const outcome = sent.outcome;
        logger.warn('http.no_answer', {
          method,
          path: logPath,
          attempt: sends,
          reason: outcome.reason,
        });
        const decision = decide(outcome);
        if (decision.retry) {
          await pause(outcome, decision.delayMs);
          continue;
        }
        if (decision.ambiguous) {
          logger.warn('http.ambiguous_write', { method, path: logPath, reason: outcome.reason });
          throw new CovageAmbiguousWriteError(method, path, outcome.reason);
        }
        throw new CovageNetworkError(method, path, outcome.reason);
      }

      const { response, body } = sent;
      const status = response.status;
      logger.debug('http.response', { method, path: logPath, status, attempt: sends });
      if (accept(status)) {
        return {
          status,
          headers: response.headers,
          body: (response.ok ? body : redact(body)) as T,
          attempts: sends,
          earlierAttemptMayHaveBeenProcessed: earlierMayHaveBeenProcessed,
        };
      }

      // A rejected token: renew it once and send again (a 401 means nothing was processed).
      if (status === 401 && options.auth?.invalidate && !authRetried) {
        authRetried = true;
        policyAttempt -= 1;
        options.auth.invalidate(authHeaders);
        logger.warn('http.unauthorized_retry', { method, path: logPath, attempt: sends });
        continue;
      }

      const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'), clock.now());
      const outcome: AttemptOutcome =
        retryAfterMs === undefined
          ? { type: 'status', status }
          : { type: 'status', status, retryAfterMs };
      const decision = decide(outcome);
      if (decision.retry) {
        await pause(outcome, decision.delayMs);
        continue;
      }
      if (decision.ambiguous) {
        logger.warn('http.ambiguous_write', { method, path: logPath, status });
        throw new CovageAmbiguousWriteError(
          method,
          path,
          `answered ${status}, which does not tell whether it was processed`,
        );
      }
      const safeBody = redact(body);
      const summary = describe(safeBody);
      logger.debug('http.failed', { method, path: logPath, status, attempt: sends });
      throw errorFromStatus(status, method, path, safeBody, {
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
        ...(summary === undefined ? {} : { summary }),
      });
    }
  }

  return { baseUrl, request };
}
