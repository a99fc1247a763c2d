/**
 * Typed errors shared by the Covage client and the tracking adapters. No error ever carries a
 * token, API key, password or client secret: messages and serialized forms are built from
 * method, path, status and body only, and bodies pass through `redact()` first.
 *
 * This module imports nothing from ky or Node, so the machines can use it to classify failures.
 */

export type CovageErrorKind =
  | 'http'
  | 'auth'
  | 'rate_limit'
  | 'ambiguous_write'
  | 'response'
  | 'network'
  | 'aborted'
  | 'config'
  | 'export_failed'
  | 'read_unavailable';

export abstract class CovageError extends Error {
  abstract readonly kind: CovageErrorKind;
  /** True when repeating the same call later may succeed and cannot duplicate anything. */
  abstract readonly retriable: boolean;

  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = {
      name: this.name,
      kind: this.kind,
      message: this.message,
    };
    for (const [key, value] of Object.entries(this)) {
      if (key !== 'cause') out[key] = value;
    }
    return out;
  }
}

/** A non-2xx answer. `body` is the parsed error body (or text), redacted. */
export class CovageHttpError extends CovageError {
  override readonly name: string = 'CovageHttpError';
  readonly kind: CovageErrorKind = 'http';
  readonly retriable: boolean;
  constructor(
    readonly status: number,
    readonly method: string,
    readonly path: string,
    readonly body: unknown,
    message?: string,
  ) {
    super(message ?? `${method} ${path} answered ${status}`);
    this.retriable = status >= 500 || status === 429 || status === 408;
  }
}

/** 401/403, or a token request that failed: credentials are missing, wrong or expired. */
export class CovageAuthError extends CovageError {
  override readonly name = 'CovageAuthError';
  readonly kind = 'auth' as const;
  readonly retriable = false;
  constructor(
    message: string,
    readonly status?: number,
    readonly method?: string,
    readonly path?: string,
  ) {
    super(message);
  }
}

/** 429 after the retries ran out (or with retries off). `retryAfterMs` says when to try again. */
export class CovageRateLimitError extends CovageHttpError {
  override readonly name = 'CovageRateLimitError';
  override readonly kind = 'rate_limit' as const;
  constructor(
    method: string,
    path: string,
    body: unknown,
    readonly retryAfterMs: number | undefined,
  ) {
    super(
      429,
      method,
      path,
      body,
      `${method} ${path} is rate limited${retryAfterMs === undefined ? '' : `; retry in ${Math.ceil(retryAfterMs / 1000)} s`}`,
    );
  }
}

/**
 * A write (POST) whose fate is unknown: it may or may not have been processed (a timeout, or the
 * connection dropped after the request was sent). It is never sent again blindly: the caller
 * reconciles, e.g. by reading the session back and matching the line's `external_id`.
 */
export class CovageAmbiguousWriteError extends CovageError {
  override readonly name = 'CovageAmbiguousWriteError';
  readonly kind = 'ambiguous_write' as const;
  readonly retriable = false;
  constructor(
    readonly method: string,
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${method} ${path}: no answer (${reason}); it may or may not have been processed`);
  }
}

/** A 2xx answer whose body does not match the contract. `issues` name the property paths. */
export class CovageResponseError extends CovageError {
  override readonly name = 'CovageResponseError';
  readonly kind = 'response' as const;
  readonly retriable = false;
  constructor(
    readonly method: string,
    readonly path: string,
    readonly issues: { path: string; message: string }[],
    readonly rawBody: unknown,
  ) {
    const first = issues[0];
    super(
      `${method} ${path}: unexpected response body${first ? ` at ${first.path || '(root)'}: ${first.message}` : ''}`,
    );
  }
}

/**
 * The request could not be completed and, for a write, was certainly not processed. `notSent`:
 * it never reached the server (connection refused, DNS, TLS, a blocked port), so it is safe to
 * send again; otherwise a read that got no answer (repeating a read changes nothing).
 */
export class CovageNetworkError extends CovageError {
  override readonly name = 'CovageNetworkError';
  readonly kind = 'network' as const;
  readonly retriable = true;
  constructor(
    readonly method: string,
    readonly path: string,
    readonly reason: string,
    readonly notSent = false,
  ) {
    super(
      notSent
        ? `${method} ${path} was not sent: ${reason}; safe to retry`
        : `${method} ${path}: no answer (${reason})`,
    );
  }
}

/** The caller aborted the call through its `AbortSignal`. */
export class CovageAbortError extends CovageError {
  override readonly name = 'CovageAbortError';
  readonly kind = 'aborted' as const;
  readonly retriable = false;
  constructor(
    readonly method: string,
    readonly path: string,
  ) {
    super(`${method} ${path}: aborted`);
  }
}

/**
 * The client or a provider was configured in a way it refuses, or asked for something it was told
 * not to do (plain `http://` to a non-loopback host, the session read endpoint turned off, …).
 */
export class CovageConfigError extends CovageError {
  override readonly name = 'CovageConfigError';
  readonly kind = 'config' as const;
  readonly retriable = false;
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** The CSV export task ended with `success: false`, or did not end in time. */
export class CovageExportError extends CovageError {
  override readonly name = 'CovageExportError';
  readonly kind = 'export_failed' as const;
  /** A new export may succeed, subject to the one-per-5-minutes limit. */
  readonly retriable = true;
  constructor(
    readonly taskId: string,
    readonly reason: 'failed' | 'timed_out',
    message?: string,
  ) {
    super(
      message ??
        (reason === 'failed'
          ? `export task ${taskId} failed`
          : `export task ${taskId} did not finish in time`),
    );
  }
}

/**
 * The session read (`GET /api/v1/product_order/{id}/`, an assumption: the doc documents no read
 * endpoint) is not used: turned off (`sessionRead: 'off'`), or, with `'auto'`, the API answered it
 * 404, 405 or 501, and the client switched to the documented paths (order tracking and the CSV
 * export) for the rest of its life. `status` is set on the call that found out.
 */
export class CovageReadUnavailableError extends CovageError {
  override readonly name = 'CovageReadUnavailableError';
  readonly kind = 'read_unavailable' as const;
  readonly retriable = false;
  constructor(
    message: string,
    readonly reason: 'off' | 'unavailable',
    readonly status?: number,
  ) {
    super(message);
  }
}

export function isCovageError(error: unknown): error is CovageError {
  return error instanceof CovageError;
}
