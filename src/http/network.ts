/**
 * Tells, from a failed `fetch`, whether the request can have reached the server. Node's fetch
 * (undici) rejects with `TypeError('fetch failed')` whose `cause` (sometimes an
 * `AggregateError`) carries a system error `code`; browsers give a bare `TypeError`, which is
 * read as "maybe sent".
 */

/** Codes meaning the connection was never established, so nothing was sent. */
const NEVER_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);

const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_)/;

/** Every `code` found on an error, its `cause` chain and an `AggregateError`'s `errors`. */
export function errorCodes(error: unknown, depth = 0): string[] {
  if (depth > 5 || typeof error !== 'object' || error === null) return [];
  const codes: string[] = [];
  const record = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof record.code === 'string') codes.push(record.code);
  codes.push(...errorCodes(record.cause, depth + 1));
  if (Array.isArray(record.errors)) {
    for (const item of record.errors) codes.push(...errorCodes(item, depth + 1));
  }
  return codes;
}

export interface FetchFailure {
  /** `not_sent`: certainly never reached the server; `no_answer`: may have. */
  type: 'not_sent' | 'no_answer';
  /** A short reason without secrets: `connection refused (ECONNREFUSED)`, `connection reset`. */
  reason: string;
}

export function classifyFetchFailure(error: unknown): FetchFailure {
  const codes = errorCodes(error);
  const neverSent = codes.find((code) => NEVER_SENT_CODES.has(code) || TLS_CODE.test(code));
  if (neverSent !== undefined) {
    const what =
      neverSent === 'ECONNREFUSED'
        ? 'connection refused'
        : neverSent.startsWith('E') && !neverSent.startsWith('ERR_')
          ? 'could not connect'
          : 'could not connect securely';
    return { type: 'not_sent', reason: `${what} (${neverSent})` };
  }
  const code = codes[0];
  return { type: 'no_answer', reason: code ? `connection lost (${code})` : 'connection lost' };
}
