import { inspect } from 'node:util';
import { expect, it } from 'vitest';
import type { Logger } from '../../../src/http/logger.js';
import { SECRET_VALUES } from './secrets.js';

/**
 * Collects, for one test file, every error the client threw, in every form a user could see it
 * (message, `toString()`, `JSON.stringify`, `util.inspect`, stack), every log line, and every
 * credential actually sent on the wire (so tokens the sandbox issued are checked too).
 */
const seen: string[] = [];
const sentCredentials = new Set<string>();

export function recordError(error: unknown): void {
  if (error instanceof Error) {
    seen.push(error.message, String(error), error.stack ?? '');
  }
  seen.push(JSON.stringify(error) ?? '', inspect(error, { depth: 10, showHidden: false }));
}

/** A logger that keeps every line (event and fields) for the leak check. */
export function recordingLogger(lines: string[] = []): Logger & { lines: string[] } {
  const push = (level: string, event: string, fields?: Record<string, unknown>) => {
    const line = `${level} ${event} ${JSON.stringify(fields ?? {})}`;
    lines.push(line);
    seen.push(line, inspect(fields, { depth: 10 }));
  };
  return {
    lines,
    debug: (event, fields) => push('debug', event, fields),
    warn: (event, fields) => push('warn', event, fields),
  };
}

/** Awaits a call that must fail, records its error and returns it. */
export async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    recordError(error);
    if (!(error instanceof Error)) throw new Error(`not an Error: ${String(error)}`);
    return error;
  }
  throw new Error('expected the call to fail, and it succeeded');
}

/** Remembers a credential that went over the wire (tokens issued by the sandbox included). */
export function noteSentCredential(value: string | null | undefined): void {
  if (!value) return;
  const bare = value.replace(/^(Bearer|Basic)\s+/i, '');
  if (bare.length >= 8) sentCredentials.add(bare);
}

/** What the leak check has collected so far (for the dedicated test). */
export function collected(): { texts: readonly string[]; credentials: readonly string[] } {
  return { texts: seen, credentials: [...sentCredentials] };
}

/** Texts that contain a secret or a credential that was sent. */
export function leaks(): string[] {
  const secrets = [...SECRET_VALUES, ...sentCredentials];
  return seen.filter((text) => secrets.some((secret) => text.includes(secret)));
}

/**
 * Registers, as this file's last test, the check that none of the test secrets (nor any token
 * sent) appears in what the file's client calls threw or logged.
 */
export function itLeaksNoSecrets(): void {
  it('leaks no token, API key, password or client secret into errors or logs', () => {
    expect(seen.length).toBeGreaterThan(0);
    expect(leaks()).toEqual([]);
  });
}
