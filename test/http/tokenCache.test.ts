import { describe, expect, it } from 'vitest';
import {
  type CachedToken,
  isFresh,
  refreshMarginMs,
  TokenCache,
} from '../../src/http/auth/tokenCache.js';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const token = (accessToken: string, now: number, lifetimeS = 300): CachedToken => ({
  accessToken,
  obtainedAt: now,
  expiresAt: now + lifetimeS * 1000,
});

describe('when a token is renewed', () => {
  it('10 % of its lifetime before expiry, at most 30 s', () => {
    expect(refreshMarginMs(300_000)).toBe(30_000);
    expect(refreshMarginMs(3_600_000)).toBe(30_000);
    expect(refreshMarginMs(10_000)).toBe(1_000);
    const t = token('a', 0, 300);
    expect(isFresh(t, 269_999)).toBe(true);
    expect(isFresh(t, 270_000)).toBe(false);
  });
});

describe('TokenCache', () => {
  it('renews once for any number of callers waiting at the same time', async () => {
    let renewals = 0;
    const gate = deferred<CachedToken>();
    const cache = new TokenCache(
      async () => {
        renewals += 1;
        return gate.promise;
      },
      { now: () => 0 },
    );
    const waiting = Promise.all([cache.accessToken(), cache.accessToken(), cache.accessToken()]);
    gate.resolve(token('shared', 0));
    expect(await waiting).toEqual(['shared', 'shared', 'shared']);
    expect(renewals).toBe(1);
  });

  it('a caller that aborts stops waiting; the renewal goes on for the others', async () => {
    const gate = deferred<CachedToken>();
    const cache = new TokenCache(() => gate.promise, { now: () => 0 });
    const controller = new AbortController();
    const leaving = cache.accessToken(controller.signal);
    const staying = cache.accessToken();
    controller.abort();
    await expect(leaving).rejects.toThrow();
    gate.resolve(token('kept', 0));
    expect(await staying).toBe('kept');
  });

  it('a failed renewal fails its waiters, and the next call tries again', async () => {
    let calls = 0;
    const cache = new TokenCache(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('token endpoint down');
        return token('second', 0);
      },
      { now: () => 0 },
    );
    await expect(cache.accessToken()).rejects.toThrow('token endpoint down');
    expect(await cache.accessToken()).toBe('second');
  });

  it('invalidate forgets the rejected token only if it is still the current one', async () => {
    let n = 0;
    const cache = new TokenCache(async () => token(`t${++n}`, 0), { now: () => 0 });
    expect(await cache.accessToken()).toBe('t1');
    cache.invalidate('t1');
    expect(await cache.accessToken()).toBe('t2');
    cache.invalidate('t1'); // a late 401 for the old token: nothing to do
    expect(await cache.accessToken()).toBe('t2');
  });

  it('hands the renewal the old token, so it can use the refresh token', async () => {
    const seen: (string | undefined)[] = [];
    let now = 0;
    const cache = new TokenCache(
      async (current) => {
        seen.push(current?.accessToken);
        return token(`t${seen.length}`, now);
      },
      { now: () => now },
    );
    await cache.accessToken();
    now = 299_000;
    await cache.accessToken();
    expect(seen).toEqual([undefined, 't1']);
  });
});
