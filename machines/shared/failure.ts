/**
 * A failed call as the machines keep it: plain data, safe in a context and in a stored snapshot
 * (no error object, no stack, no secret). The runtime's actors reject with this shape; anything
 * else an actor throws is described by `failureFrom`.
 */
export interface FailureInfo {
  /** What kind of failure: `http`, `rate_limit`, `network`, `store`, `unexpected`, … */
  kind: string;
  message: string;
  /** The API's status code, when it answered. */
  status?: number;
  /** The same call may succeed later and cannot duplicate anything. */
  retriable: boolean;
  /** A write whose fate is unknown: it may have landed; reconcile before trying again. */
  ambiguous: boolean;
  /** How long the API asked to wait before trying again. */
  retryAfterMs?: number;
}

function isFailureInfo(value: unknown): value is FailureInfo {
  if (typeof value !== 'object' || value === null) return false;
  const info = value as Partial<FailureInfo>;
  return (
    typeof info.kind === 'string' &&
    typeof info.message === 'string' &&
    typeof info.retriable === 'boolean' &&
    typeof info.ambiguous === 'boolean'
  );
}

/**
 * Reads what an actor rejected with. Plain failure info is kept as it is (without extra fields);
 * any other value is `unexpected`, and for a write it may have landed (`ambiguous`).
 */
export function failureFrom(error: unknown, write = false): FailureInfo {
  if (isFailureInfo(error)) {
    const { kind, message, status, retriable, ambiguous, retryAfterMs } = error;
    return {
      kind,
      message,
      ...(status === undefined ? {} : { status }),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      retriable,
      ambiguous,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    kind: 'unexpected',
    message: message.split('\n')[0] || 'unexpected error',
    retriable: false,
    ambiguous: write,
  };
}
