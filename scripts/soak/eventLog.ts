/**
 * A logger for the client and its auth provider that counts events (`http.retry`,
 * `http.unauthorized_retry`, `auth.token_refreshed`, …) and keeps every line it was given, so the
 * soak can report retries and scan everything that was logged for secrets.
 */
import type { Logger } from '../../src/http/logger.js';

export interface EventLog {
  logger: Logger;
  /** Events seen, by name. */
  readonly counts: Record<string, number>;
  /** `http.retry` events by reason (`status 503`, `connection lost (ECONNRESET)`, …). */
  readonly retryReasons: Record<string, number>;
  /** Every event as one JSON line. */
  readonly lines: string[];
  count(event: string): number;
}

export function createEventLog(): EventLog {
  const counts: Record<string, number> = {};
  const retryReasons: Record<string, number> = {};
  const lines: string[] = [];
  const record = (level: string, event: string, fields?: Record<string, unknown>) => {
    counts[event] = (counts[event] ?? 0) + 1;
    if (event === 'http.retry') {
      const reason = String(fields?.reason ?? 'unknown');
      retryReasons[reason] = (retryReasons[reason] ?? 0) + 1;
    }
    lines.push(JSON.stringify({ level, event, ...fields }));
  };
  return {
    logger: {
      debug: (event, fields) => record('debug', event, fields),
      warn: (event, fields) => record('warn', event, fields),
    },
    counts,
    retryReasons,
    lines,
    count: (event) => counts[event] ?? 0,
  };
}
