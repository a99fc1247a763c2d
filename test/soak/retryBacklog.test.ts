/**
 * A RETRY after an outage that failed more lines than the session creates at once: the failed
 * lines go back through the queue, and the one RETRY carries the session to its outcome (before
 * the fix, the lines still waiting for a slot counted as failed, and the session fell straight
 * back into `sync_failed`: a `resume` stopped at once with exit 5, a little further each time).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { soakLine } from '../../scripts/soak/orders.js';
import { createCovageClient } from '../../src/client/index.js';
import { bearerToken } from '../../src/http/index.js';
import { createOrderSession } from '../../src/runtime/orderSession.js';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';

const TOKEN = 'retry-backlog-token-1';
let sandbox: SandboxHandle;
beforeEach(async () => {
  sandbox = await startSandbox({ tokens: [TOKEN], outcomeDelayMs: 5 });
});
afterEach(async () => {
  await sandbox.close();
});

describe('RETRY after more lines failed than the concurrency', () => {
  it('creates every failed line and confirms, with one RETRY', async () => {
    let outage = true;
    // Real HTTP; during the outage the sandbox answers every line creation 503 with a
    // Retry-After too long to wait out, a failure that is sure not to have created anything.
    const wire: typeof fetch = (input, init) => {
      const request = new Request(input, init);
      if (outage && request.method === 'POST' && request.url.includes('/product_order_item'))
        request.headers.set('X-Sandbox-Fault', '503;retry-after=600');
      return fetch(request);
    };
    const api = createCovageClient({ baseUrl: sandbox.url, auth: bearerToken(TOKEN), fetch: wire });
    const session = createOrderSession({
      api,
      options: { concurrency: 2, syncDelayMs: 5, poll: { initialDelayMs: 10, maxDelayMs: 20 } },
    });
    for (let n = 1; n <= 7; n++) session.addLine(soakLine(`backlog-${n}`, 'acknowledged'));
    session.confirm();
    const failed = await session.settled();
    expect(failed).toMatchObject({ state: 'failed', phase: 'sync' });
    // Every line has had its go and failed.
    await expect
      .poll(() => session.result().lines.filter((line) => line.error !== null).length)
      .toBe(7);

    outage = false;
    session.retry();
    const result = await session.settled();
    expect(result.state).toBe('completed');
    expect(result.lines.every((line) => line.apiState === 'acknowledged')).toBe(true);
    await session.stop();
  });
});
