/**
 * Tells, from a failed `fetch`, whether the request can have reached the server, and why it
 * failed, in words that name the host and the cause. Node's fetch (undici) rejects with
 * `TypeError('fetch failed')` whose `cause` (sometimes an `AggregateError`) carries a system error
 * `code`; browsers give a bare `TypeError`, which is read as "maybe sent".
 */

/** Codes meaning the connection was never established, so nothing was sent: what each says. */
const NEVER_SENT: Record<string, (host: string) => string> = {
  ECONNREFUSED: (host) => `connection refused by ${host}`,
  ENOTFOUND: (host) => `host name ${hostName(host)} not found`,
  EAI_AGAIN: (host) => `host name ${hostName(host)} could not be looked up (DNS)`,
  EAI_NONAME: (host) => `host name ${hostName(host)} not found`,
  EAI_FAIL: (host) => `host name ${hostName(host)} could not be looked up (DNS)`,
  EHOSTUNREACH: (host) => `${host} unreachable`,
  ENETUNREACH: (host) => `no network route to ${host}`,
  EADDRNOTAVAIL: (host) => `cannot connect to ${host} (address not available)`,
  UND_ERR_CONNECT_TIMEOUT: (host) => `no connection to ${host} in time`,
};

/** `api.example:8443` → `api.example`. */
function hostName(host: string): string {
  return host.replace(/:\d+$/, '');
}

const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH)/;

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

/** Every message on an error and its `cause` chain (undici's "bad port" has no code). */
function errorMessages(error: unknown, depth = 0): string[] {
  if (depth > 5 || typeof error !== 'object' || error === null) return [];
  const record = error as { message?: unknown; cause?: unknown };
  const own = typeof record.message === 'string' ? [record.message] : [];
  return [...own, ...errorMessages(record.cause, depth + 1)];
}

export interface FetchFailure {
  /** `not_sent`: certainly never reached the server; `no_answer`: may have. */
  type: 'not_sent' | 'no_answer';
  /**
   * A short reason without secrets, naming the host when it is known:
   * `connection refused by 127.0.0.1:4010 (ECONNREFUSED)`, `connection lost (UND_ERR_SOCKET)`.
   */
  reason: string;
}

/**
 * `fetch` refuses some header values before sending anything: a line break, or a character
 * outside Latin-1 (`€`). Its message quotes the value, which may be a token: never shown.
 */
const INVALID_HEADER = /invalid header (value|name)|ByteString|header.*(invalid|not a valid)/i;

export function isInvalidHeaderError(error: unknown): boolean {
  return (
    error instanceof TypeError &&
    error.cause === undefined &&
    INVALID_HEADER.test(error.message ?? '')
  );
}

export function classifyFetchFailure(error: unknown, host = 'the server'): FetchFailure {
  if (isInvalidHeaderError(error))
    return {
      type: 'not_sent',
      reason: 'a header value cannot be sent (a line break, or a character outside Latin-1)',
    };
  const codes = errorCodes(error);
  const neverSent = codes.find((code) => code in NEVER_SENT);
  if (neverSent !== undefined) {
    const what = NEVER_SENT[neverSent] as (host: string) => string;
    return { type: 'not_sent', reason: `${what(host)} (${neverSent})` };
  }
  const tls = codes.find((code) => TLS_CODE.test(code));
  if (tls !== undefined) return { type: 'not_sent', reason: `TLS failure with ${host} (${tls})` };
  if (errorMessages(error).some((message) => message === 'bad port'))
    return {
      type: 'not_sent',
      reason: `fetch refuses to connect to the port of ${host} (a blocked port)`,
    };
  const code = codes[0];
  return { type: 'no_answer', reason: code ? `connection lost (${code})` : 'connection lost' };
}
