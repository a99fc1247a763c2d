/**
 * The retry policy, as pure functions: given the method, the attempt that just failed and how it
 * failed, decide whether to send again and after what delay. No I/O, no clock, no randomness of
 * its own (both are passed in), so it is tested on its own.
 *
 * - Idempotent calls (GET, HEAD, PUT, DELETE, and PATCH by default) are retried on network
 *   failures, timeouts, 5xx (but 501 and 505) and 429.
 * - Non-idempotent calls (POST, and a PATCH flagged `idempotent: false` such as the confirm call)
 *   are retried only when the server cannot have processed them: 429, 503 with `Retry-After`, or
 *   a request that was never sent (connection refused, DNS failure, TLS failure). A timeout, a
 *   connection dropped after sending, or a gateway's 502/504 leave their fate unknown: the
 *   decision says `ambiguous`, and the caller raises `CovageAmbiguousWriteError`.
 * - The delay is the server's `Retry-After` when it gives one, else a capped exponential backoff
 *   with full jitter: `random() × min(backoffLimitMs, baseDelayMs × 2^(attempt-1))`.
 * - A `Retry-After` longer than `maxRetryAfterMs` is not waited out: the call fails with the
 *   delay in the error, for the caller to schedule.
 */

export interface RetryOptions {
  /** Retries after the first attempt (0 = none). */
  limit: number;
  /** The cap of the exponential backoff, in ms. */
  backoffLimitMs: number;
  /** The backoff's first step, in ms. */
  baseDelayMs: number;
  /** The longest `Retry-After` waited out before giving up with a rate-limit error, in ms. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryOptions = {
  limit: 4,
  backoffLimitMs: 30_000,
  baseDelayMs: 300,
  maxRetryAfterMs: 60_000,
};

/** `false` turns retries off; a partial object overrides the defaults. */
export type RetryOption = Partial<RetryOptions> | false;

export function resolveRetry(option: RetryOption | undefined): RetryOptions {
  if (option === false) return { ...DEFAULT_RETRY, limit: 0 };
  return { ...DEFAULT_RETRY, ...option };
}

/** How one attempt ended, when it did not end well. */
export type AttemptOutcome =
  /** The server answered with this status (`retryAfterMs` parsed from `Retry-After`). */
  | { type: 'status'; status: number; retryAfterMs?: number }
  /** The request never reached the server: connection refused, DNS or TLS failure. */
  | { type: 'not_sent'; reason: string }
  /** The request was (or may have been) sent and no answer came: timeout, connection reset. */
  | { type: 'no_answer'; reason: string };

export type RetryDecision =
  | { retry: true; delayMs: number }
  | {
      retry: false;
      /** True when a write may or may not have been processed: never send it again blindly. */
      ambiguous: boolean;
    };

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'PATCH']);

/**
 * Methods retried as idempotent by default. PATCH is in the list because this API's line update
 * sends the whole change again with the same effect; a PATCH that is not (the session confirm)
 * says so with `idempotent: false`.
 */
export function isIdempotentMethod(method: string): boolean {
  return IDEMPOTENT_METHODS.has(method.toUpperCase());
}

/** Capped exponential backoff with full jitter, for the retry after attempt `attempt` (1-based). */
export function backoffDelay(
  attempt: number,
  options: Pick<RetryOptions, 'baseDelayMs' | 'backoffLimitMs'>,
  random: () => number,
): number {
  const exponent = Math.max(0, attempt - 1);
  const ceiling = Math.min(options.backoffLimitMs, options.baseDelayMs * 2 ** exponent);
  const drawn = random();
  const r = Number.isFinite(drawn) ? Math.min(1, Math.max(0, drawn)) : 1;
  return Math.round(r * ceiling);
}

/**
 * `Retry-After` as a delay in ms from `nowMs`: delta-seconds (`"120"`, `"1.5"`) or an HTTP date
 * (`"Wed, 21 Oct 2015 07:28:00 GMT"`). A date in the past gives 0. Anything else: `undefined`.
 */
export function parseRetryAfter(
  value: string | null | undefined,
  nowMs: number,
): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // An HTTP date always names a month or a weekday; this keeps `Date.parse` from reading "5".
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

const GATEWAY_STATUSES = new Set([502, 504]);

function isRetriableStatusForIdempotent(status: number): boolean {
  if (status === 429 || status === 408) return true;
  return status >= 500 && status <= 599 && status !== 501 && status !== 505;
}

/**
 * True when a failed attempt may still have changed something on the server (so that a later
 * "not found" on a DELETE can mean "already done").
 */
export function mayHaveBeenProcessed(outcome: AttemptOutcome): boolean {
  if (outcome.type === 'not_sent') return false;
  if (outcome.type === 'no_answer') return true;
  if (outcome.status === 429) return false;
  if (outcome.status === 503 && outcome.retryAfterMs !== undefined) return false;
  return outcome.status >= 500;
}

export interface RetryInput {
  method: string;
  /** Defaults to {@link isIdempotentMethod}. */
  idempotent?: boolean;
  /** The attempt that just failed, 1-based. */
  attempt: number;
  outcome: AttemptOutcome;
}

export function decideRetry(
  input: RetryInput,
  options: RetryOptions,
  random: () => number,
): RetryDecision {
  const idempotent = input.idempotent ?? isIdempotentMethod(input.method);
  const { outcome } = input;
  const ambiguous = !idempotent && isAmbiguous(outcome);
  const stop: RetryDecision = { retry: false, ambiguous };
  if (ambiguous) return stop;

  let retriable: boolean;
  if (outcome.type === 'not_sent') retriable = true;
  else if (outcome.type === 'no_answer') retriable = idempotent;
  else if (idempotent) retriable = isRetriableStatusForIdempotent(outcome.status);
  else
    retriable =
      outcome.status === 429 || (outcome.status === 503 && outcome.retryAfterMs !== undefined);

  if (!retriable || input.attempt > options.limit) return stop;

  const retryAfterMs = outcome.type === 'status' ? outcome.retryAfterMs : undefined;
  if (retryAfterMs !== undefined) {
    if (retryAfterMs > options.maxRetryAfterMs) return stop;
    return { retry: true, delayMs: retryAfterMs };
  }
  return { retry: true, delayMs: backoffDelay(input.attempt, options, random) };
}

function isAmbiguous(outcome: AttemptOutcome): boolean {
  if (outcome.type === 'no_answer') return true;
  return outcome.type === 'status' && GATEWAY_STATUSES.has(outcome.status);
}
