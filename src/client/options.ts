import type { Clock, Sleep } from '../http/abort.js';
import type { AuthProvider } from '../http/auth/types.js';
import type { Logger } from '../http/logger.js';
import type { RetryOption } from '../http/retry.js';
import type { FieldSpellingOption } from '../schemas/spelling.js';
import type { CovageOrder } from '../tracking/providers/covage/schema.js';
import type { CovageOrderFilter } from '../tracking/providers/covage/tracker.js';
import type { NormalizedOrder } from '../tracking/types.js';
import type { SessionReadMode } from './sessionRead.js';

/** What the client needs of a Covage tracker (`createCovageTracker`). */
export interface OrderLister {
  list(
    filter: CovageOrderFilter,
    options?: { signal?: AbortSignal },
  ): AsyncIterable<NormalizedOrder<CovageOrder>>;
}

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
   * Reading a session back with `GET /api/v1/product_order/{id}/` (an assumption: the doc
   * documents no read endpoint). `auto` (default) reads until that route answers 404, 405 or 501,
   * then uses the documented paths (order tracking, the CSV export) for the rest of the client's
   * life; `on` always reads; `off` never does. Without the read, `getSession` throws
   * `CovageReadUnavailableError`.
   */
  sessionRead?: SessionReadMode;
  /**
   * One CSV export start per this long for this client's user, shared by all its sessions (the
   * documented paths read sessions through the export). Default 300 000: the doc's 5 minutes.
   */
  exportIntervalMs?: number;
  /**
   * Covage order tracking, for the outcome without the session read: `createCovageTracker({ baseUrl,
   * auth })` from `covage-orders/tracking` (kept out of the main entry's bundle). Without it, the
   * outcome without the read comes from the CSV export alone.
   */
  orders?: OrderLister;
  /** The older switch: `true` is `sessionRead: 'on'`, `false` is `'off'`. */
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
