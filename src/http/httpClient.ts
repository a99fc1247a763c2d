import { sleep as defaultSleep, systemClock } from './abort.js';
import { sendAttempt } from './attempt.js';
import { describeCommonErrorBody, errorFromStatus } from './errorFromStatus.js';
import {
  CovageAbortError,
  CovageAmbiguousWriteError,
  CovageConfigError,
  CovageHttpError,
  CovageNetworkError,
} from './errors.js';
import { safeLogger, silentLogger } from './logger.js';
import { redact, redactUrl } from './redact.js';
import {
  type AttemptOutcome,
  decideRetry,
  isIdempotentMethod,
  mayHaveBeenProcessed,
  parseRetryAfter,
  type RetryOptions,
  resolveRetry,
} from './retry.js';
import type { HttpClient, HttpClientOptions, HttpRequest, HttpResponse } from './types.js';
import { checkUrl, joinUrl } from './url.js';

export { describeCommonErrorBody, errorFromStatus } from './errorFromStatus.js';
export type {
  AttemptInfo,
  HttpClient,
  HttpClientOptions,
  HttpMethod,
  HttpRequest,
  HttpResponse,
  ResponseType,
} from './types.js';

/**
 * The name of the first header whose value `fetch` would refuse (a line break or another control
 * character, or a character above U+00FF), if any. Checked before sending, so that such a value
 * is reported as what it is, without repeating it (it is often a token).
 */
export function unsendableHeader(headers: Record<string, string>): string | undefined {
  for (const [name, value] of Object.entries(headers)) {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is looked for
    if (/[\u0000-\u0008\u000a-\u001f\u007f]|[^\u0000-\u00ff]/.test(value)) return name;
  }
  return undefined;
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
  // Looked up at each attempt, as a test or an app may replace the global one later.
  const fetchFn: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  async function request<T>(request: HttpRequest): Promise<HttpResponse<T>> {
    const method = request.method;
    const url = joinUrl(baseUrl, request.path, request.searchParams);
    const path = url.pathname;
    // Only logged: not worked out when nothing is logged.
    const logPath = logger === silentLogger ? '' : redactUrl(url);
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
      const unsendable = unsendableHeader(headers);
      if (unsendable !== undefined) {
        throw new CovageConfigError(
          `${method} ${path} was not sent: the ${unsendable} header's value cannot be sent (a line break, a control character or a character outside Latin-1, such as "€"); its value is not shown`,
          'invalid_header',
        );
      }
      logger.debug('http.request', { method, path: logPath, attempt: sends });
      const sent = await sendAttempt(fetchFn, timeoutMs, url, request, headers, accept);

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
        throw new CovageNetworkError(method, path, outcome.reason, outcome.type === 'not_sent');
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
