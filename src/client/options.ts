import type { Clock, Sleep } from '../http/abort.js';
import type { AuthProvider } from '../http/auth/types.js';
import type { Logger } from '../http/logger.js';
import type { RetryOption } from '../http/retry.js';
import type { FieldSpellingOption } from '../schemas/spelling.js';

export interface CovageClientOptions {
  /** The API's root, e.g. `https://api.covage.example`. Plain `http://` only to loopback. */
  baseUrl: string | URL;
  /** `bearerToken(…)`, `apiKey(…)`, `passwordGrant(…)`, `clientCredentials(…)`, `combineAuth(…)`. */
  auth: AuthProvider;
  /** Timeout of one attempt, in ms. Default 30 000. */
  timeoutMs?: number;
  /**
   * Default `{ limit: 4, backoffLimitMs: 30000, baseDelayMs: 300, maxRetryAfterMs: 60000 }`;
   * `false` = no retry.
   */
  retry?: RetryOption;
  /** The spelling line bodies are sent in: `'tables'` (default), `'examples'`, or per field. */
  fieldSpelling?: FieldSpellingOption;
  /** Injectable `fetch`. */
  fetch?: typeof fetch;
  /** Allow plain `http://` to a host that is not loopback. */
  allowInsecureHttp?: boolean;
  /**
   * Whether `GET /api/v1/product_order/{id}/` exists (an assumption: the doc documents no read
   * endpoint). Default true; when false, `getSession` throws a `CovageConfigError`.
   */
  readSessionEndpoint?: boolean;
  logger?: Logger;
  /** For the backoff's jitter. Default `Math.random`. */
  random?: () => number;
  /** Waits between attempts and during `exportCsv`. Default a real, abortable timer. */
  sleep?: Sleep;
  /** For `Retry-After` dates. Default `Date.now`. */
  clock?: Clock;
  /** Headers sent on every request (e.g. `User-Agent`). */
  headers?: Record<string, string>;
}
