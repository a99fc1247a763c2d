import { describe, expect, it } from 'vitest';
import {
  addSecret,
  isSensitiveKey,
  REDACTED,
  redact,
  redactText,
  redactUrl,
} from '../../src/http/redact.js';

describe('redact', () => {
  it('replaces the values of keys that name a secret, at any depth', () => {
    const out = redact({
      username: 'svc',
      password: 'hunter22',
      nested: {
        client_secret: 'abc123',
        list: [{ access_token: 'tok-1', refresh_token: 'tok-2' }],
      },
      'X-Api-Key': 'key-1',
      Authorization: 'Bearer tok-3',
    });
    expect(out).toEqual({
      username: 'svc',
      password: REDACTED,
      nested: {
        client_secret: REDACTED,
        list: [{ access_token: REDACTED, refresh_token: REDACTED }],
      },
      'X-Api-Key': REDACTED,
      Authorization: REDACTED,
    });
  });

  it('keeps the Covage fields untouched', () => {
    const line = { enni: 'AZ001234', product_offering_id: '2173', task_id: 't', siret_known: true };
    expect(redact(line)).toEqual(line);
  });

  it('scrubs credential shapes from text', () => {
    expect(redactText('got Bearer abc.def-ghi and Basic dXNlcjpwYXNz')).toBe(
      `got Bearer ${REDACTED} and Basic ${REDACTED}`,
    );
    expect(redactText('?access_token=xyz&page=2')).toBe(`?access_token=${REDACTED}&page=2`);
    expect(redactText('jwt eyJhbGciOi.eyJzdWIiOiIx.c2lnbmF0dXJl here')).toBe(
      `jwt ${REDACTED} here`,
    );
  });

  it('scrubs every registered secret, wherever it appears', () => {
    addSecret('s3cr3t-value-42');
    expect(redactText('the server said: unknown key s3cr3t-value-42!')).toBe(
      `the server said: unknown key ${REDACTED}!`,
    );
    expect(redact({ note: 'x s3cr3t-value-42 y' })).toEqual({ note: `x ${REDACTED} y` });
  });

  it('never mutates its input', () => {
    const input = { password: 'p', list: ['Bearer t0k3n'] };
    redact(input);
    expect(input).toEqual({ password: 'p', list: ['Bearer t0k3n'] });
  });

  it('tells sensitive keys by name', () => {
    for (const key of [
      'password',
      'clientSecret',
      'refresh_token',
      'x-api-key',
      'apiKey',
      'Cookie',
    ]) {
      expect(isSensitiveKey(key)).toBe(true);
    }
    for (const key of ['enni', 'task_id', 'state', 'product_order_item']) {
      expect(isSensitiveKey(key)).toBe(false);
    }
  });

  it("keeps a URL's path and query for logs, without its secrets", () => {
    expect(redactUrl('https://u:p@api.example/orders?limit=5&api_key=k&token=t')).toBe(
      `/orders?limit=5&api_key=${REDACTED}&token=${REDACTED}`,
    );
  });
});

describe('redactText leaves sentences alone', () => {
  it('does not blank the word after "token", "bearer" or "basic" in a message', () => {
    for (const text of [
      'the token endpoint answered 400',
      'a bearer token is required.',
      'basic authentication is not offered',
      'Token expired, ask for a new token.',
    ]) {
      expect(redactText(text)).toBe(text);
    }
  });

  it('still hides what looks like a credential after the scheme', () => {
    for (const value of ['abc.def-ghi', 'dXNlcjpwYXNz', 'demo-token', 'T0k3n', 'a'.repeat(24)]) {
      expect(redactText(`sent Bearer ${value} here`)).toBe(`sent Bearer ${REDACTED} here`);
    }
  });
});
