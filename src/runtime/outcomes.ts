/**
 * Where HTTP meaning stops: the API's answers read as what they mean for an order, so that the
 * machines see domain outcomes and plain failure info, never a status code.
 */
import type { FailureInfo } from '../../machines/shared/failure.js';
import { errorInfo } from '../http/errorInfo.js';
import { CovageHttpError } from '../http/errors.js';
import type { Issue } from '../rules/issue.js';

/** What a failed call becomes in a machine: plain data (a write's fate may be unknown). */
export function failureOf(error: unknown, write: boolean): FailureInfo {
  return errorInfo(error, write);
}

const status = (error: unknown) => (error instanceof CovageHttpError ? error.status : undefined);

/** A DELETE answered 404: the line is not there any more, which is what was asked. */
/** Runs an API call; its failure becomes plain failure info (a write's lost answer: maybe sent). */
export async function plainly<T>(write: boolean, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw failureOf(error, write);
  }
}

export const isAlreadyGone = (error: unknown) => status(error) === 404;

/** A confirmation answered 409: the session is probably confirmed already; read it back. */
export const isConfirmConflict = (error: unknown) => status(error) === 409;

interface Detail {
  path?: unknown;
  code?: unknown;
  message?: unknown;
}

/**
 * The findings of an API that refused a line (400 or 422), from the `details` of its error body
 * when it gives them, or `null` when the failure is not a refusal of the line itself.
 */
export function refusal(error: unknown): Issue[] | null {
  const code = status(error);
  if (code !== 400 && code !== 422) return null;
  const body = (error as CovageHttpError).body as { error?: { details?: unknown } } | undefined;
  const details = Array.isArray(body?.error?.details) ? (body.error.details as Detail[]) : [];
  const issues: Issue[] = details.map((detail) => ({
    path: typeof detail.path === 'string' ? detail.path : '',
    code: 'invalid_value',
    severity: 'error',
    message: [detail.code, detail.message].filter((part) => typeof part === 'string').join(': '),
  }));
  return issues.length > 0
    ? issues
    : [
        {
          path: '',
          code: 'invalid_value',
          severity: 'error',
          message: (error as Error).message,
        },
      ];
}
