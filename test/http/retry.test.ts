import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AttemptOutcome,
  backoffDelay,
  DEFAULT_RETRY,
  decideRetry,
  mayHaveBeenProcessed,
  parseRetryAfter,
  resolveRetry,
} from '../../src/http/retry.js';

const half = () => 0.5;
const options = DEFAULT_RETRY;
const status = (code: number, retryAfterMs?: number): AttemptOutcome =>
  retryAfterMs === undefined
    ? { type: 'status', status: code }
    : { type: 'status', status: code, retryAfterMs };
const refused: AttemptOutcome = { type: 'not_sent', reason: 'connection refused (ECONNREFUSED)' };
const reset: AttemptOutcome = { type: 'no_answer', reason: 'connection lost' };
const timeout: AttemptOutcome = { type: 'no_answer', reason: 'timed out after 30000 ms' };

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-07-08T10:30:00Z');

  it('reads delta-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('1.5', now)).toBe(1500);
  });

  it('reads an HTTP date as the time left until it', () => {
    expect(parseRetryAfter('Tue, 08 Jul 2025 10:30:45 GMT', now)).toBe(45_000);
  });

  it('reads a date in the past as "now"', () => {
    expect(parseRetryAfter('Tue, 08 Jul 2025 10:00:00 GMT', now)).toBe(0);
  });

  it('ignores what is neither', () => {
    for (const value of [undefined, null, '', 'soon', '-5', '5 s']) {
      expect(parseRetryAfter(value, now)).toBeUndefined();
    }
  });
});

describe('backoffDelay', () => {
  it('doubles from the base delay up to the cap, scaled by the jitter', () => {
    const one = () => 1;
    expect(backoffDelay(1, options, one)).toBe(300);
    expect(backoffDelay(2, options, one)).toBe(600);
    expect(backoffDelay(3, options, one)).toBe(1200);
    expect(backoffDelay(20, options, one)).toBe(30_000);
    expect(backoffDelay(3, options, half)).toBe(600);
  });

  it('always lies between 0 and the cap (full jitter)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ min: 0, max: 1 }), (attempt, r) => {
        const delay = backoffDelay(attempt, options, () => r);
        return delay >= 0 && delay <= options.backoffLimitMs;
      }),
    );
  });
});

describe('decideRetry: GET, PATCH and DELETE', () => {
  for (const method of ['GET', 'PATCH', 'DELETE']) {
    it(`${method} is retried on network errors, timeouts, 5xx and 429`, () => {
      for (const outcome of [
        refused,
        reset,
        timeout,
        status(500),
        status(502),
        status(503),
        status(504),
        status(429),
      ]) {
        expect(decideRetry({ method, attempt: 1, outcome }, options, half)).toEqual({
          retry: true,
          delayMs: 150,
        });
      }
    });

    it(`${method} is not retried on 4xx other than 408 and 429`, () => {
      for (const code of [400, 401, 403, 404, 409, 422]) {
        expect(decideRetry({ method, attempt: 1, outcome: status(code) }, options, half)).toEqual({
          retry: false,
          ambiguous: false,
        });
      }
    });
  }

  it("waits the server's Retry-After rather than the backoff", () => {
    expect(
      decideRetry({ method: 'GET', attempt: 1, outcome: status(429, 2000) }, options, half),
    ).toEqual({
      retry: true,
      delayMs: 2000,
    });
  });

  it('gives up after the limit', () => {
    expect(
      decideRetry({ method: 'GET', attempt: 4, outcome: status(500) }, options, half).retry,
    ).toBe(true);
    expect(decideRetry({ method: 'GET', attempt: 5, outcome: status(500) }, options, half)).toEqual(
      {
        retry: false,
        ambiguous: false,
      },
    );
  });

  it('does not wait out a Retry-After longer than maxRetryAfterMs', () => {
    const decision = decideRetry(
      { method: 'GET', attempt: 1, outcome: status(429, 300_000) },
      options,
      half,
    );
    expect(decision).toEqual({ retry: false, ambiguous: false });
  });

  it('retry: false means no retry at all', () => {
    expect(
      decideRetry({ method: 'GET', attempt: 1, outcome: status(503) }, resolveRetry(false), half)
        .retry,
    ).toBe(false);
  });
});

describe('decideRetry: POST (and the confirm PATCH, flagged not idempotent)', () => {
  const writes = [{ method: 'POST' }, { method: 'PATCH', idempotent: false }];

  for (const write of writes) {
    const name = write.idempotent === false ? 'a non-idempotent PATCH' : 'POST';

    it(`${name} is retried when the server cannot have processed it: 429, 503 with Retry-After, refused`, () => {
      expect(decideRetry({ ...write, attempt: 1, outcome: status(429) }, options, half)).toEqual({
        retry: true,
        delayMs: 150,
      });
      expect(
        decideRetry({ ...write, attempt: 1, outcome: status(503, 1000) }, options, half),
      ).toEqual({ retry: true, delayMs: 1000 });
      expect(decideRetry({ ...write, attempt: 1, outcome: refused }, options, half)).toEqual({
        retry: true,
        delayMs: 150,
      });
    });

    it(`${name} that timed out or lost its connection is ambiguous, never re-sent`, () => {
      expect(decideRetry({ ...write, attempt: 1, outcome: timeout }, options, half)).toEqual({
        retry: false,
        ambiguous: true,
      });
      expect(decideRetry({ ...write, attempt: 1, outcome: reset }, options, half)).toEqual({
        retry: false,
        ambiguous: true,
      });
    });

    it(`${name} answered 502 or 504 by a gateway is ambiguous`, () => {
      expect(decideRetry({ ...write, attempt: 1, outcome: status(502) }, options, half)).toEqual({
        retry: false,
        ambiguous: true,
      });
      expect(decideRetry({ ...write, attempt: 1, outcome: status(504) }, options, half)).toEqual({
        retry: false,
        ambiguous: true,
      });
    });

    it(`${name} answered 500, or 503 without Retry-After, is a plain failure`, () => {
      expect(decideRetry({ ...write, attempt: 1, outcome: status(500) }, options, half)).toEqual({
        retry: false,
        ambiguous: false,
      });
      expect(decideRetry({ ...write, attempt: 1, outcome: status(503) }, options, half)).toEqual({
        retry: false,
        ambiguous: false,
      });
    });
  }

  it('never retries a POST whose fate is unknown, whatever the attempt and jitter', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.double({ min: 0, max: 1 }),
        fc.constantFrom(timeout, reset, status(502), status(504)),
        (attempt, r, outcome) => {
          return (
            decideRetry({ method: 'POST', attempt, outcome }, options, () => r).retry === false
          );
        },
      ),
    );
  });
});

describe('mayHaveBeenProcessed', () => {
  it('is false for what the server certainly did not process', () => {
    expect(mayHaveBeenProcessed(refused)).toBe(false);
    expect(mayHaveBeenProcessed(status(429))).toBe(false);
    expect(mayHaveBeenProcessed(status(503, 1000))).toBe(false);
  });

  it('is true for timeouts, resets and 5xx', () => {
    expect(mayHaveBeenProcessed(timeout)).toBe(true);
    expect(mayHaveBeenProcessed(reset)).toBe(true);
    expect(mayHaveBeenProcessed(status(500))).toBe(true);
    expect(mayHaveBeenProcessed(status(502))).toBe(true);
  });
});
