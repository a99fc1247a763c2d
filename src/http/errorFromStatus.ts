import {
  CovageAuthError,
  type CovageError,
  CovageHttpError,
  CovageRateLimitError,
} from './errors.js';
import { redactText, truncate } from './redact.js';

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
