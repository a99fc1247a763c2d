/**
 * Redaction: what keeps tokens, API keys, passwords and client secrets out of error messages,
 * serialized errors and log lines. Three layers, applied to anything that might hold a secret:
 *
 * 1. keys whose name says "secret" (`password`, `client_secret`, `access_token`, `x-api-key`,
 *    `authorization`, …) have their value replaced, at any depth;
 * 2. strings are scrubbed of credential shapes (`Bearer …`, `Basic …`, JWTs, `token=…` pairs), where
 *    what follows the scheme looks like a credential, not like a word (`the token endpoint`);
 * 3. strings are scrubbed of every secret the auth providers registered (see {@link addSecret}),
 *    so a server that echoes a credential back in an error body cannot leak it either.
 */

export const REDACTED = '[redacted]';

const SENSITIVE_KEY_PARTS = [
  'password',
  'passwd',
  'secret',
  'token',
  'apikey',
  'authorization',
  'cookie',
  'credential',
  'privatekey',
];

/** True for a key such as `password`, `client_secret`, `refresh_token`, `X-Api-Key`, `Cookie`. */
export function isSensitiveKey(key: string): boolean {
  const normalized = key.toLowerCase().replace(/[^a-z]/g, '');
  return SENSITIVE_KEY_PARTS.some((part) => normalized.includes(part));
}

const MAX_SECRETS = 256;
const MIN_SECRET_LENGTH = 4;
const secrets = new Set<string>();

/**
 * Registers a value that must never be printed (a token, key, password, secret). Process-wide and
 * bounded (the oldest entries are dropped past 256), so rotated tokens do not accumulate.
 */
export function addSecret(value: string | undefined): void {
  if (value === undefined || value.length < MIN_SECRET_LENGTH) return;
  secrets.delete(value);
  secrets.add(value);
  if (secrets.size > MAX_SECRETS) {
    const oldest = secrets.values().next();
    if (!oldest.done) secrets.delete(oldest.value);
  }
}

/**
 * What follows an auth scheme's name when it is a credential and not a word of a sentence
 * ("the token endpoint", "a bearer token", "basic authentication"): a digit, a character of
 * token68 other than a letter, a lower-to-upper case change inside it, or 20 characters and more.
 */
function looksLikeCredential(value: string): boolean {
  const core = value.replace(/\.+$/, ''); // the end of a sentence is not part of it
  return /[0-9._~+/=-]/.test(core) || /[a-z][A-Z]|[A-Z]{2}[a-z]/.test(core) || core.length >= 20;
}

const AUTH_SCHEME = /\b(Bearer|Basic|Token)(\s+)([A-Za-z0-9._~+/=-]+)/gi;

const CREDENTIAL_PATTERNS: [RegExp, string][] = [
  [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, REDACTED],
  [
    /\b(access_token|refresh_token|id_token|token|password|client_secret|api_key|apikey|key|secret)=[^&\s"',;]+/gi,
    `$1=${REDACTED}`,
  ],
];

/** Scrubs one string: credential shapes, then every registered secret. */
export function redactText(text: string): string {
  let out = text.replace(AUTH_SCHEME, (whole, scheme: string, space: string, value: string) =>
    looksLikeCredential(value) ? `${scheme}${space}${REDACTED}` : whole,
  );
  for (const [pattern, replacement] of CREDENTIAL_PATTERNS) out = out.replace(pattern, replacement);
  // Longest first, so a secret that contains another is replaced whole.
  const known = [...secrets].sort((a, b) => b.length - a.length);
  for (const secret of known) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out;
}

const MAX_DEPTH = 8;

/**
 * Returns a redacted copy of `value`: sensitive keys' values replaced, strings scrubbed. Plain
 * objects and arrays are copied; other objects (Headers, errors, class instances) are reduced
 * to what is safe to show. Never mutates its input.
 */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[…]';
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  if (typeof Headers !== 'undefined' && value instanceof Headers) {
    const out: Record<string, string> = {};
    value.forEach((item, key) => {
      out[key] = isSensitiveKey(key) ? REDACTED : redactText(item);
    });
    return out;
  }
  if (value instanceof Error) return { name: value.name, message: redactText(value.message) };
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = isSensitiveKey(key) && item !== undefined ? REDACTED : redact(item, depth + 1);
  }
  return out;
}

/** A URL for logs: its path and query, with the values of sensitive query parameters redacted. */
export function redactUrl(url: string | URL): string {
  let parsed: URL;
  try {
    parsed = new URL(String(url));
  } catch {
    return redactText(String(url));
  }
  parsed.username = '';
  parsed.password = '';
  for (const key of [...parsed.searchParams.keys()]) {
    if (isSensitiveKey(key) || key.toLowerCase() === 'key') parsed.searchParams.set(key, REDACTED);
  }
  return redactText(`${parsed.pathname}${parsed.search}`);
}

/** Cuts a long text for a message: the first `max` characters and a marker. */
export function truncate(text: string, max = 500): string {
  return text.length <= max
    ? text
    : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}
