import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Issue } from '../rules/issue.js';

/** One entry of an error body's `details`: a field path, a stable code and a message. */
export interface ErrorDetail {
  path: string;
  code: string;
  message: string;
}

/** The sandbox's error body, everywhere: `{ "error": { "code", "message", "details"? } }`. */
export interface ErrorBody {
  error: { code: string; message: string; details?: ErrorDetail[] };
}

export function errorBody(code: string, message: string, details?: ErrorDetail[]): ErrorBody {
  return { error: details && details.length > 0 ? { code, message, details } : { code, message } };
}

/** An error a route throws; the app's error handler answers it as an {@link ErrorBody}. */
export class SandboxError extends Error {
  override readonly name = 'SandboxError';
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export function notFound(what: string): SandboxError {
  return new SandboxError(404, 'not_found', `${what} not found`);
}

export function detailsFromIssues(issues: readonly Issue[]): ErrorDetail[] {
  return issues.map(({ path, code, message }) => ({ path, code, message }));
}
