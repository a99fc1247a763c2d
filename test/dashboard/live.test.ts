/**
 * The dashboard's data over real HTTP: the view as JSON and as Server-Sent Events, live while
 * the sandbox's (manual) clock moves, and kept apart from the API's counting, latency and faults.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineDiagramState, sessionDiagramState } from '../../src/sandbox/dashboard/stateMap.js';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { completeLine, lineWithoutEnni } from '../helpers/lines.js';
import { api, type Call, ManualClock, sandboxState } from '../sandbox/helpers.js';
import { openViewStream } from './support.js';

const DELAY = 30_000;

describe('the live view', () => {
  const clock = new ManualClock();
  let sandbox: SandboxHandle;
  let call: Call;

  beforeAll(async () => {
    sandbox = await startSandbox({
      clock,
      outcomeDelayMs: DELAY,
      tokens: ['alice-secret-token-1'],
      adminToken: 'admin-secret-token-2',
    });
    call = api(sandbox.url, 'alice-secret-token-1');
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('streams the view at once, then each change, up to the outcome once the clock passes it', async () => {
    const stream = await openViewStream(`${sandbox.url}/__sandbox/dashboard/events`);
    expect(stream.response.headers.get('content-type')).toContain('text/event-stream');
    expect((await stream.next()).sessions).toEqual([]);

    const created = await call('POST', '/api/v1/product_order', { body: { external_id: 'E-1' } });
    const id: string = created.body.id;
    const first = await stream.until((view) => view.sessions.length === 1);
    expect(first.sessions[0]).toMatchObject({ id, externalId: 'E-1', user: 'token-1' });
    expect(first.sessions[0]?.state).toBe('created');

    const path = `/api/v1/product_order/${id}/product_order_item`;
    await call('POST', path, { body: completeLine({ outcome: 'held_adv_validation' }) });
    await call('POST', path, { body: lineWithoutEnni() });
    await call('PATCH', `/api/v1/product_order/${id}/confirm/`);
    const confirmed = await stream.until((view) => view.sessions[0]?.state === 'in_progress');
    const awaiting = lineDiagramState('in_progress', 'in_progress');
    expect(confirmed.sessions[0]?.lines.map((line) => line.diagramState)).toEqual([
      awaiting,
      awaiting,
    ]);

    // Nobody reads the API: the dashboard's own feed settles the outcome that is due.
    clock.advance(DELAY);
    const final = await stream.until((view) => view.sessions[0]?.state !== 'in_progress');
    stream.close();
    const session = final.sessions[0];
    expect(session?.state).toBe('partial');
    expect(session?.diagramState).toBe(sessionDiagramState('partial'));
    expect(session?.lines.map((line) => [line.state, line.diagramState])).toEqual([
      ['held_adv_validation', lineDiagramState('held_adv_validation', 'partial')],
      ['rejected_creation', lineDiagramState('rejected_creation', 'partial')],
    ]);
    expect(session?.lines[0]?.stateChange.map((change) => change.state)).toEqual([
      'created',
      'in_progress',
      'held_adv_validation',
    ]);
    expect(session?.lines[1]?.terminationError[0]).toMatchObject({ property_path: 'enni' });
  });

  it('answers the same view as JSON, with no credential in it', async () => {
    const response = await fetch(`${sandbox.url}/__sandbox/dashboard/state`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(JSON.parse(text).sessions.length).toBeGreaterThan(0);
    expect(text).not.toContain('alice-secret-token-1');
    expect(text).not.toContain('admin-secret-token-2');
  });

  it('is open without the admin token, and its requests are not counted', async () => {
    const before = await sandboxState(sandbox);
    for (const path of [
      '/',
      '/__sandbox/dashboard/state',
      '/__sandbox/dashboard/app.js',
      '/__sandbox/dashboard/style.css',
      '/__sandbox/dashboard/diagrams/line.svg',
    ])
      expect((await fetch(`${sandbox.url}${path}`)).status, path).toBe(200);
    const after = await sandboxState(sandbox);
    expect(after.requests.total).toBe(before.requests.total);
  });

  it('serves the session and line diagrams as SVG, and a 404 for any other name', async () => {
    for (const name of ['session', 'line']) {
      const response = await fetch(`${sandbox.url}/__sandbox/dashboard/diagrams/${name}.svg`);
      expect(response.headers.get('content-type')).toContain('image/svg+xml');
      expect(await response.text()).toContain(`data-diagram="${name}"`);
    }
    const missing = await fetch(`${sandbox.url}/__sandbox/dashboard/diagrams/nope.svg`);
    expect(missing.status).toBe(404);
    const hasOwn = await fetch(`${sandbox.url}/__sandbox/dashboard/diagrams/constructor.svg`);
    expect(hasOwn.status).toBe(404);
  });

  it('ends open event streams when the sandbox closes', async () => {
    const other = await startSandbox();
    const stream = await openViewStream(`${other.url}/__sandbox/dashboard/events`);
    await stream.next();
    await other.close();
    await expect(stream.next()).rejects.toThrow();
  });
});

describe('the dashboard under faults and latency', () => {
  let sandbox: SandboxHandle;

  beforeAll(async () => {
    sandbox = await startSandbox({ faultRate: 1, faultMix: { '503': 1 }, latencyMs: 20_000 });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('is never faulted or delayed, like the sandbox’s other own routes', async () => {
    const signal = AbortSignal.timeout(5_000);
    const page = await fetch(`${sandbox.url}/`, { signal });
    expect(page.status).toBe(200);
    expect(page.headers.get('x-sandbox-injected')).toBeNull();
    const state = await fetch(`${sandbox.url}/__sandbox/dashboard/state`, { signal });
    expect(state.status).toBe(200);
  });
});
