import { describe, expect, it } from 'vitest';
import { createCovageClient } from '../../src/client/index.js';
import { bearerToken } from '../../src/http/auth/index.js';
import {
  CovageAbortError,
  CovageConfigError,
  CovageExportError,
  CovageHttpError,
  CovageReadUnavailableError,
} from '../../src/http/errors.js';
import { failure, itLeaksNoSecrets, recordingLogger } from './support/leaks.js';
import { completeLine, manualClock, useSandbox, virtualSleep } from './support/sandbox.js';
import { SECRETS } from './support/secrets.js';
import { wire } from './support/wire.js';

const clock = manualClock();
const sandbox = useSandbox({ clock, outcomeDelayMs: 1000, exportDurationMs: 2000 });

function setup(options: Partial<Parameters<typeof createCovageClient>[0]> = {}) {
  const net = wire();
  const { sleep, delays } = virtualSleep(clock);
  const logger = recordingLogger();
  const client = createCovageClient({
    baseUrl: sandbox.url,
    auth: bearerToken(SECRETS.token),
    fetch: net.fetch,
    sleep,
    clock,
    logger,
    ...options,
  });
  return { client, net, delays, logger };
}

async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe('one method per endpoint, over real HTTP', () => {
  it('createSession posts the session and reads it back typed', async () => {
    const { client } = setup();
    const session = await client.createSession({ external_id: 'S-1', project_id: 'P-1' });
    expect(session).toMatchObject({ external_id: 'S-1', project_id: 'P-1', state: 'created' });
    expect(session.id).not.toBe('');
  });

  it("createLine sends the tables' spelling by default and reads the line canonical", async () => {
    const { client, net } = setup();
    const session = await client.createSession({});
    const line = await client.createLine(session.id, completeLine('L-tables'));
    expect(line).toMatchObject({
      state: 'created',
      enni_2: 'AZ001235',
      cpe_networking_number: 'NET-123456',
      vlan_reference: 1257,
    });
    const sent = JSON.parse(net.apiRequests('POST').at(-1)?.body ?? '{}');
    expect(sent).toMatchObject({
      enni_2: 'AZ001235',
      cpe_networking_number: 'NET-123456',
      vlan_reference: 1257,
    });
  });

  it('createLine sends the examples\' spelling when fieldSpelling is "examples"', async () => {
    const { client, net } = setup({ fieldSpelling: 'examples' });
    const session = await client.createSession({});
    const line = await client.createLine(session.id, completeLine('L-examples'));
    const sent = JSON.parse(net.apiRequests('POST').at(-1)?.body ?? '{}');
    expect(sent).toMatchObject({
      enni2: 'AZ001235',
      cpe_network_number: 'NET-123456',
      vlan_reference: '1257',
    });
    expect(sent).not.toHaveProperty('enni_2');
    // The sandbox understood it: the answer, read in both spellings, holds the values.
    expect(line).toMatchObject({
      enni_2: 'AZ001235',
      cpe_networking_number: 'NET-123456',
      vlan_reference: 1257,
    });
  });

  it('updateLine patches the line and returns it', async () => {
    const { client } = setup();
    const session = await client.createSession({});
    const line = await client.createLine(session.id, completeLine('L-update'));
    const updated = await client.updateLine(session.id, line.id, {
      note: 'updated',
      vlan_reference: 42,
    });
    expect(updated).toMatchObject({ id: line.id, note: 'updated', vlan_reference: 42 });
  });

  it('deleteLine uses the path without v1 and answers the session with the remaining lines', async () => {
    const { client, net } = setup();
    const session = await client.createSession({});
    const kept = await client.createLine(session.id, completeLine('L-keep'));
    const gone = await client.createLine(session.id, completeLine('L-gone'));
    const after = await client.deleteLine(session.id, gone.id);
    expect(after.product_order_item.map((line) => line.id)).toEqual([kept.id]);
    expect(new URL(net.apiRequests('DELETE')[0]?.url ?? '').pathname).toBe(
      `/api/product_order/${session.id}/product_order_item/${gone.id}/`,
    );
  });

  it('confirmSession answers the session with its lines in_progress; getSession follows the outcome', async () => {
    const { client } = setup();
    const session = await client.createSession({});
    await client.createLine(session.id, completeLine('L-confirm'));
    const confirmed = await client.confirmSession(session.id);
    expect(confirmed.product_order_item.map((line) => line.state)).toEqual(['in_progress']);
    clock.advance(1500);
    const read = await client.getSession(session.id);
    expect(read.id).toBe(session.id);
    expect(read.product_order_item[0]?.state).not.toBe('in_progress');
  });

  it('a refused body is a CovageHttpError with the status and the error body', async () => {
    const { client } = setup();
    const session = await client.createSession({});
    const error = await failure(
      client.createLine(session.id, { product_offering_id: '2173' } as never),
    );
    expect(error).toBeInstanceOf(CovageHttpError);
    expect(error).toMatchObject({
      status: 400,
      method: 'POST',
      path: `/api/v1/product_order/${session.id}/product_order_item`,
    });
    expect((error as CovageHttpError).body).toBeTypeOf('object');
  });

  it('with sessionRead on, an unknown session is a 404 CovageHttpError', async () => {
    const { client } = setup({ sessionRead: 'on' });
    const error = await failure(client.getSession('no-such-session'));
    expect(error).toBeInstanceOf(CovageHttpError);
    expect((error as CovageHttpError).status).toBe(404);
    expect(client.sessionRead.usable).toBe(true);
  });

  it('under auto, once the read answered, a 404 is a missing session, not a missing route', async () => {
    const { client } = setup();
    const session = await client.createSession({ external_id: 'AUTO-1' });
    await client.getSession(session.id);
    expect(client.sessionRead.availability).toBe('available');
    const error = await failure(client.getSession('no-such-session'));
    expect(error).toBeInstanceOf(CovageHttpError);
    expect(client.sessionRead.usable).toBe(true);
  });

  it('under auto, a first read answered 404 switches to the documented paths, once', async () => {
    const { client, net } = setup();
    const switches: unknown[] = [];
    client.sessionRead.onSwitch((change) => switches.push(change));
    const error = await failure(client.getSession('no-such-session'));
    expect(error).toBeInstanceOf(CovageReadUnavailableError);
    expect((error as CovageReadUnavailableError).status).toBe(404);
    expect(client.sessionRead.usable).toBe(false);
    const sent = net.requests.length;
    // From now on, no request: the read is not used for the rest of the client's life.
    const again = await failure(client.getSession('another'));
    expect(again).toBeInstanceOf(CovageReadUnavailableError);
    expect((again as CovageReadUnavailableError).status).toBeUndefined();
    expect(net.requests).toHaveLength(sent);
    expect(switches).toEqual([
      { status: 404, method: 'GET', path: '/api/v1/product_order/no-such-session/' },
    ]);
  });

  it('getSession is a typed error when the read endpoint is turned off', async () => {
    for (const options of [{ readSessionEndpoint: false }, { sessionRead: 'off' as const }]) {
      const { client, net } = setup(options);
      const error = await failure(client.getSession('any'));
      expect(error).toBeInstanceOf(CovageReadUnavailableError);
      expect(error.message).toMatch(/turned off/);
      expect(net.requests).toHaveLength(0);
    }
  });
});

describe('the CSV export', () => {
  it('startExport, getExportStatus and downloadExport, step by step', async () => {
    const { client } = setup();
    const session = await client.createSession({ external_id: 'EXP-1' });
    await client.createLine(session.id, completeLine('L-export'));
    clock.advance(600_000); // past any earlier export's 5-minute limit
    const task = await client.startExport();
    expect(task.task_id).not.toBe('');
    const running = await client.getExportStatus(task.task_id);
    expect(running.success).toBeNull();
    clock.advance(2500);
    const done = await client.getExportStatus(task.task_id);
    expect(done.success).toBe(true);
    const csv = await text(await client.downloadExport(task.task_id));
    expect(csv).toContain('EXP-1');
  });

  it('exportCsv runs the three steps and reports its progress', async () => {
    const { client } = setup();
    clock.advance(600_000);
    const progress: string[] = [];
    const result = await client.exportCsv({ onProgress: (p) => progress.push(p.phase) });
    expect(await text(result.stream)).toMatch(/\S/);
    expect(progress[0]).toBe('starting');
    expect(progress).toContain('running');
    expect(progress.at(-1)).toBe('downloading');
  });

  it('exportCsv waits out a 429 by its Retry-After, with a countdown', async () => {
    const { client, delays } = setup();
    clock.advance(600_000);
    await client.startExport(); // uses this user's export for the next 5 minutes
    const countdown: number[] = [];
    const result = await client.exportCsv({
      onProgress: (p) => {
        if (p.phase === 'rate_limited') countdown.push(p.retryInMs);
      },
    });
    expect(result.taskId).not.toBe('');
    expect(countdown.length).toBeGreaterThan(1);
    expect(countdown[0]).toBeLessThanOrEqual(300_000);
    expect(countdown).toEqual([...countdown].sort((a, b) => b - a));
    expect(delays.every((ms) => ms <= 5000)).toBe(true);
  });

  it('exportCsv fails with a typed error when the task ends with success: false', async () => {
    const { client } = setup();
    clock.advance(600_000);
    const error = await failure(client.exportCsv({ headers: { 'X-Sandbox-Export': 'fail' } }));
    expect(error).toBeInstanceOf(CovageExportError);
    expect(error).toMatchObject({ reason: 'failed' });
  });
});

describe('every call takes an AbortSignal', () => {
  it('an aborted signal stops the call before anything is sent', async () => {
    const { client, net } = setup();
    const error = await failure(client.createSession({}, { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(CovageAbortError);
    expect(net.requests).toHaveLength(0);
  });

  it('aborting while the server is slow stops the call', async () => {
    const { client } = setup();
    const controller = new AbortController();
    const call = client.getSession('whatever', {
      signal: controller.signal,
      headers: { 'X-Sandbox-Fault': 'delay;ms=5000' },
    });
    setTimeout(() => controller.abort(), 20);
    expect(await failure(call)).toBeInstanceOf(CovageAbortError);
  });

  it('aborting exportCsv during its wait stops it', async () => {
    const { client } = setup();
    clock.advance(600_000);
    const controller = new AbortController();
    const error = await failure(
      client.exportCsv({
        signal: controller.signal,
        onProgress: (p) => {
          if (p.phase === 'running') controller.abort();
        },
      }),
    );
    expect(error).toBeInstanceOf(CovageAbortError);
  });
});

describe('the base URL', () => {
  it('plain http:// to a host that is not loopback is refused', () => {
    expect(() =>
      createCovageClient({
        baseUrl: 'http://api.covage.example',
        auth: bearerToken(SECRETS.token),
      }),
    ).toThrow(CovageConfigError);
  });

  it('is allowed with allowInsecureHttp', () => {
    expect(() =>
      createCovageClient({
        baseUrl: 'http://api.covage.example',
        auth: bearerToken(SECRETS.token),
        allowInsecureHttp: true,
      }),
    ).not.toThrow();
  });
});

itLeaksNoSecrets();
