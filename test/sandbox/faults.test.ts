import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import { api, sandboxState, useSandbox } from './helpers.js';

const sandbox = useSandbox({ latencyMs: 1 });

const withFault = (fault: string) =>
  sandbox.call('POST', '/api/v1/product_order', {
    body: { external_id: `fault ${fault}` },
    headers: { 'X-Sandbox-Fault': fault },
  });

async function sessionsNamed(externalId: string) {
  const state = await sandbox.admin();
  return state.sessions.filter((session) => session.external_id === externalId);
}

describe('X-Sandbox-Fault forces one fault on one request', () => {
  it.each([
    ['500', 500, null],
    ['502', 502, null],
    ['503', 503, '1'],
    ['429', 429, '1'],
  ])(
    '%s answers that status (Retry-After: %s), without processing',
    async (fault, status, retryAfter) => {
      const answer = await withFault(fault);
      expect(answer.status).toBe(status);
      expect(answer.headers.get('retry-after')).toBe(retryAfter);
      expect(answer.headers.get('x-sandbox-injected')).toBe(fault);
      expect(answer.body.error.code).toEqual(expect.any(String));
      expect(await sessionsNamed(`fault ${fault}`)).toHaveLength(0);
    },
  );

  it('retry-after is sent as given, in seconds or as an HTTP-date', async () => {
    expect((await withFault('503;retry-after=7')).headers.get('retry-after')).toBe('7');
    const date = 'Wed, 23 Apr 2025 08:00:00 GMT';
    expect((await withFault(`429; retry-after=${date}`)).headers.get('retry-after')).toBe(date);
  });

  it('reset-before drops the connection and changes nothing', async () => {
    await expect(withFault('reset-before')).rejects.toThrow();
    expect(await sessionsNamed('fault reset-before')).toHaveLength(0);
  });

  it('reset-after processes the request (the session exists), then drops the connection', async () => {
    await expect(withFault('reset-after')).rejects.toThrow();
    expect(await sessionsNamed('fault reset-after')).toHaveLength(1);
  });

  it('delay;ms=N waits, then processes normally', async () => {
    const answer = await withFault('delay;ms=5');
    expect(answer.status).toBe(201);
  });

  it('the server keeps answering after resets', async () => {
    await expect(withFault('reset-before')).rejects.toThrow();
    expect((await sandbox.call('POST', '/api/v1/product_order', { body: {} })).status).toBe(201);
  });

  it('never applies to /__sandbox/*, and every fault is counted', async () => {
    const response = await fetch(`${sandbox.handle.url}/__sandbox/state`, {
      headers: {
        Authorization: `Bearer ${sandbox.handle.adminToken}`,
        'X-Sandbox-Fault': 'reset-before',
      },
    });
    expect(response.status).toBe(200);
    const state = await sandbox.admin();
    expect(state.faults['reset-before']).toBeGreaterThanOrEqual(2);
    expect(state.faults['500']).toBe(1);
  });
});

describe('random faults at --fault-rate', () => {
  it('every failure is an injected one, the same for the same seed, and the server keeps answering', async () => {
    async function run(seed: number): Promise<string[]> {
      const handle = await startSandbox({ faultRate: 0.5, seed });
      try {
        const call = api(handle.url);
        const seen: string[] = [];
        for (let index = 0; index < 40; index++) {
          try {
            const answer = await call('POST', '/api/v1/product_order', { body: {} });
            if (answer.status >= 500)
              expect(answer.headers.get('x-sandbox-injected')).toBe(String(answer.status));
            seen.push(String(answer.status));
          } catch {
            seen.push('reset');
          }
        }
        const state = await sandboxState(handle);
        const injected = Object.values(state.faults).reduce((sum, n) => sum + n, 0);
        expect(seen.filter((outcome) => outcome !== '201').length).toBeLessThanOrEqual(injected);
        return seen;
      } finally {
        await handle.close();
      }
    }
    const first = await run(3);
    expect(first).toContain('201');
    expect(first.some((outcome) => outcome !== '201')).toBe(true);
    expect(await run(3)).toEqual(first);
  });
});
