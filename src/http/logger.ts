import { redact } from './redact.js';

/**
 * What the HTTP layer logs through: an event name (`http.retry`, `auth.token_refreshed`, …) and
 * plain fields (method, path, status, attempt, delay). Never headers, never bodies with
 * credentials: fields pass through {@link redact} before they reach the logger.
 */
export interface Logger {
  debug(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
}

export const silentLogger: Logger = {
  debug() {},
  warn() {},
};

/**
 * Wraps a logger so every field is redacted and a throwing logger cannot break a call.
 * Without a logger, returns the silent one.
 */
export function safeLogger(logger: Logger | undefined): Logger {
  if (logger === undefined) return silentLogger;
  const emit = (level: 'debug' | 'warn', event: string, fields?: Record<string, unknown>) => {
    try {
      logger[level](
        event,
        fields === undefined ? undefined : (redact(fields) as Record<string, unknown>),
      );
    } catch {
      // A logger's failure is not the call's failure.
    }
  };
  return {
    debug: (event, fields) => emit('debug', event, fields),
    warn: (event, fields) => emit('warn', event, fields),
  };
}
