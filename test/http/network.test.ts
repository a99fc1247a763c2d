import { describe, expect, it } from 'vitest';
import { classifyFetchFailure } from '../../src/http/network.js';

function fetchFailed(cause: unknown): TypeError {
  return new TypeError('fetch failed', { cause });
}

describe('classifyFetchFailure', () => {
  it('a refused connection was never sent', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
      code: 'ECONNREFUSED',
    });
    expect(classifyFetchFailure(fetchFailed(cause), '127.0.0.1:1')).toEqual({
      type: 'not_sent',
      reason: 'connection refused by 127.0.0.1:1 (ECONNREFUSED)',
    });
  });

  it('looks inside an AggregateError (IPv4 and IPv6 both refused)', () => {
    const inner = Object.assign(new Error('refused'), { code: 'ECONNREFUSED' });
    const cause = new AggregateError([inner, inner]);
    expect(classifyFetchFailure(fetchFailed(cause)).type).toBe('not_sent');
  });

  it('a DNS failure was never sent', () => {
    const cause = Object.assign(new Error('getaddrinfo ENOTFOUND x'), { code: 'ENOTFOUND' });
    expect(classifyFetchFailure(fetchFailed(cause)).type).toBe('not_sent');
  });

  it('a reset or a socket closed by the other side may have been processed', () => {
    const cause = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
    expect(classifyFetchFailure(fetchFailed(cause))).toEqual({
      type: 'no_answer',
      reason: 'connection lost (UND_ERR_SOCKET)',
    });
  });

  it('a bare TypeError (as browsers give) may have been processed', () => {
    expect(classifyFetchFailure(new TypeError('Failed to fetch')).type).toBe('no_answer');
  });
});
