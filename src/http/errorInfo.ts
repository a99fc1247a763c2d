import { CovageError } from './errors.js';

/**
 * A failure as plain data, safe to keep in a machine's context and to persist: no error object,
 * no stack, no secret (messages of `CovageError`s never hold any).
 */
export interface ErrorInfo {
  kind: string;
  message: string;
  status?: number;
  /** Repeating the same call may succeed and cannot duplicate anything. */
  retriable: boolean;
  /** A write whose fate is unknown: reconcile before trying again. */
  ambiguous: boolean;
  retryAfterMs?: number;
}

/**
 * Describes any thrown value. A write that failed with a 5xx answer (other than a 503 that says
 * when to retry) is treated as ambiguous too: the server may have done the work before failing.
 */
export function errorInfo(error: unknown, write = false): ErrorInfo {
  if (error instanceof CovageError) {
    const status = 'status' in error && typeof error.status === 'number' ? error.status : undefined;
    const retryAfterMs =
      'retryAfterMs' in error && typeof error.retryAfterMs === 'number'
        ? error.retryAfterMs
        : undefined;
    const ambiguous =
      error.kind === 'ambiguous_write' ||
      (write && error.kind === 'http' && status !== undefined && status >= 500 && status !== 503);
    return {
      kind: error.kind,
      message: error.message,
      ...(status === undefined ? {} : { status }),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      retriable: error.retriable,
      ambiguous,
    };
  }
  if (error instanceof Error && (error as { kind?: unknown }).kind === 'store') {
    // The snapshot could not be saved before the call: nothing was sent.
    return { kind: 'store', message: error.message, retriable: true, ambiguous: false };
  }
  if (error instanceof Error && (error as { kind?: unknown }).kind === 'lease') {
    // Refused before the call by a lost or missing lease: nothing was sent.
    return { kind: 'lease', message: error.message, retriable: false, ambiguous: false };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    kind: 'unexpected',
    message: message.split('\n')[0] ?? 'unexpected error',
    retriable: false,
    ambiguous: write,
  };
}
