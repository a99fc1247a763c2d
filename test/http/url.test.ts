import { describe, expect, it } from 'vitest';
import { CovageConfigError } from '../../src/http/errors.js';
import { checkUrl, isLoopbackHost, joinUrl } from '../../src/http/url.js';

describe('checkUrl', () => {
  it('accepts https anywhere', () => {
    expect(checkUrl('https://api.covage.example/').hostname).toBe('api.covage.example');
  });

  it('accepts plain http to loopback hosts: localhost, 127.0.0.0/8, [::1]', () => {
    for (const url of [
      'http://localhost:8080',
      'http://127.0.0.1:1',
      'http://127.5.6.7',
      'http://[::1]:3000',
    ]) {
      expect(() => checkUrl(url)).not.toThrow();
    }
  });

  it('refuses plain http to any other host unless allowInsecureHttp is set', () => {
    expect(() => checkUrl('http://api.covage.example')).toThrow(CovageConfigError);
    expect(() => checkUrl('http://10.0.0.1')).toThrow(/not a loopback host/);
    expect(() => checkUrl('http://128.0.0.1')).toThrow(CovageConfigError);
    expect(() => checkUrl('http://localhost.example.com')).toThrow(CovageConfigError);
    expect(checkUrl('http://api.covage.example', { allowInsecureHttp: true }).protocol).toBe(
      'http:',
    );
  });

  it('refuses credentials in the URL without repeating them', () => {
    try {
      checkUrl('https://svc:hunter22@api.covage.example');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CovageConfigError);
      expect(String(error)).not.toContain('hunter22');
    }
  });

  it('refuses what is not an http(s) URL', () => {
    expect(() => checkUrl('ftp://example.com')).toThrow(CovageConfigError);
    expect(() => checkUrl('not a url')).toThrow(CovageConfigError);
  });
});

describe('isLoopbackHost', () => {
  it('knows loopback names', () => {
    expect(isLoopbackHost('localhost')).toBe(true);
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('example.com')).toBe(false);
  });
});

describe('joinUrl', () => {
  it('keeps the base path prefix and the trailing slash of the path', () => {
    const base = new URL('https://api.example/gateway');
    expect(joinUrl(base, '/api/v1/product_order/abc/confirm/').href).toBe(
      'https://api.example/gateway/api/v1/product_order/abc/confirm/',
    );
  });

  it('adds query parameters, repeating arrays and skipping undefined', () => {
    const url = joinUrl(new URL('https://api.example/'), 'orders', {
      status: ['open', 'closed'],
      limit: 25,
      offset: undefined,
    });
    expect(url.search).toBe('?status=open&status=closed&limit=25');
  });
});
