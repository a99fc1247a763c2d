import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bareLine, readyLine, sessionWith, useSandbox } from './helpers.js';

const sandbox = useSandbox({ maxBodyBytes: 16 * 1024, outcomeDelayMs: 0, apiKeys: ['fuzz-key'] });

const RUNS = 2000;
const RESET_KINDS = new Set(['reset-before', 'reset-after']);

interface Ids {
  session: string;
  line: string;
  confirmed: string;
  confirmedLine: string;
  task: string;
}

/** Every endpoint, as a path built from ids. */
const ENDPOINTS: [string, (id: string, item: string) => string][] = [
  ['POST', () => '/api/v1/product_order'],
  ['POST', (id) => `/api/v1/product_order/${id}/product_order_item`],
  ['PATCH', (id, item) => `/api/v1/product_order/${id}/product_order_item/${item}`],
  ['DELETE', (id, item) => `/api/product_order/${id}/product_order_item/${item}/`],
  ['PATCH', (id) => `/api/v1/product_order/${id}/confirm/`],
  ['GET', (id) => `/api/v1/product_order/${id}/`],
  ['POST', () => '/api/v1/product_order/export/csv/'],
  ['GET', (id) => `/api/v1/product_order/export/${id}/status/`],
  ['GET', (id) => `/api/v1/product_order/export/${id}/download/`],
  ['POST', () => '/auth/realms/covage/protocol/openid-connect/token'],
  ['GET', () => '/openapi.json'],
];

const safeSegment = (text: string) => {
  try {
    return encodeURIComponent(text);
  } catch {
    return 'x';
  }
};

/** A valid line with one random change: a field removed, retyped, added, or a contact broken. */
const mutatedLine = fc
  .tuple(
    fc.constantFrom(readyLine(), bareLine(), readyLine({ enni2: 'E2', cpe_network_number: 'N' })),
    fc.constantFrom('delete', 'retype', 'add', 'contact', 'alias'),
    fc.string({ maxLength: 30 }),
    fc.jsonValue({ maxDepth: 3 }),
  )
  .map(([line, how, key, value]) => {
    const copy: Record<string, unknown> = structuredClone(line);
    const keys = Object.keys(copy);
    const pick = keys[key.length % keys.length] ?? 'note';
    if (how === 'delete') delete copy[pick];
    else if (how === 'retype') copy[pick] = value;
    else if (how === 'add') copy[key] = value;
    else if (how === 'alias') Object.assign(copy, { enni2: value, enni_2: 'other' });
    else
      copy.related_contact_information = [
        {
          ...(line as never as { related_contact_information?: object[] })
            .related_contact_information?.[0],
          [key || 'postcode']: value,
        },
      ];
    return copy;
  });

const body = fc.oneof(
  { weight: 3, arbitrary: mutatedLine.map((value) => ({ json: value })) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(readyLine(), bareLine(), {}).map((value) => ({ json: value })),
  },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => ({ json: value })) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }).map((raw) => ({ raw })) },
  { weight: 1, arbitrary: fc.constant({ raw: `${'['.repeat(5000)}${']'.repeat(5000)}` }) },
  { weight: 1, arbitrary: fc.constant({ raw: JSON.stringify({ note: 'x'.repeat(20_000) }) }) },
  {
    weight: 1,
    arbitrary: fc.constant({ raw: '{"__proto__":{"polluted":true},"constructor":{}}' }),
  },
  { weight: 1, arbitrary: fc.constant({ none: true }) },
);

const contentType = fc.constantFrom(
  'application/json',
  'application/json',
  'application/json',
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  undefined,
);

const auth = fc.constantFrom<Record<string, string>>(
  { Authorization: 'Bearer sandbox-token' },
  { Authorization: 'Bearer sandbox-token' },
  { Authorization: 'Bearer sandbox-token' },
  { Authorization: 'Bearer sandbox-token' },
  { Authorization: 'Bearer sandbox-token' },
  { 'X-Api-Key': 'fuzz-key' },
  { Authorization: 'Bearer' },
  { Authorization: 'Basic YTpi' },
  { Authorization: 'Bearer nope' },
  {},
);

const faultHeader = fc.oneof(
  { weight: 12, arbitrary: fc.constant(undefined) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '500',
      '503;retry-after=2',
      'reset-after',
      'reset-before',
      'delay;ms=1',
      '429',
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
);

/** Mostly the id the endpoint expects, so that most requests reach body validation. */
const idChoice = (likely: keyof Ids) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constant<keyof Ids | 'random'>(likely) },
    {
      weight: 2,
      arbitrary: fc.constantFrom<keyof Ids | 'random'>(
        'session',
        'line',
        'confirmed',
        'confirmedLine',
        'task',
      ),
    },
    { weight: 2, arbitrary: fc.constant<keyof Ids | 'random'>('random') },
  );

const request = fc.record({
  endpoint: fc.integer({ min: 0, max: ENDPOINTS.length - 1 }),
  // Mostly the endpoint's own method.
  method: fc.oneof(
    { weight: 8, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS') },
  ),
  id: idChoice('session'),
  item: idChoice('line'),
  random: fc.string({ maxLength: 40 }),
  body,
  contentType,
  auth,
  fault: faultHeader,
});

describe('fuzzing every endpoint with random and mutated bodies', () => {
  it(`${RUNS} requests: never a 5xx other than an injected fault, and the server keeps answering`, async () => {
    const created = await sessionWith(sandbox.call, [readyLine()]);
    const confirmed = await sessionWith(sandbox.call, [readyLine()]);
    await sandbox.call('PATCH', `/api/v1/product_order/${confirmed.id}/confirm/`);
    const task = await sandbox.call('POST', '/api/v1/product_order/export/csv/');
    const ids: Ids = {
      session: created.id,
      line: created.items[0].id,
      confirmed: confirmed.id,
      confirmedLine: confirmed.items[0].id,
      task: task.body.task_id,
    };
    const statuses = new Map<number, number>();

    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const endpoint = ENDPOINTS[r.endpoint];
        if (!endpoint) return;
        const [defaultMethod, pathOf] = endpoint;
        const segment = (choice: keyof Ids | 'random') =>
          choice === 'random' ? safeSegment(r.random) : ids[choice];
        // The export routes take a task id where the others take a session id.
        const first = r.id === 'session' && pathOf('', '').includes('/export/') ? 'task' : r.id;
        const method = r.method ?? defaultMethod;
        const headers: Record<string, string> = { ...r.auth };
        if (r.contentType) headers['Content-Type'] = r.contentType;
        if (r.fault !== undefined) headers['X-Sandbox-Fault'] = r.fault;
        let payload: string | undefined;
        if ('json' in r.body) payload = JSON.stringify(r.body.json);
        else if ('raw' in r.body) payload = r.body.raw;
        if (method === 'GET' || method === 'HEAD') payload = undefined;
        let response: Response;
        try {
          response = await fetch(
            `${sandbox.handle.url}${pathOf(segment(first), segment(r.item))}`,
            {
              method,
              headers,
              body: payload,
            },
          );
          await response.arrayBuffer();
        } catch (error) {
          // Only an injected reset may drop the connection.
          expect(RESET_KINDS.has(r.fault?.split(';')[0]?.trim() ?? ''), String(error)).toBe(true);
          return;
        }
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        // Keep an editable session with a line to aim at, so that later requests reach validation.
        if (
          response.status === 200 &&
          (method === 'PATCH' || method === 'DELETE') &&
          r.id === 'session'
        ) {
          const fresh = await sessionWith(sandbox.call, [readyLine()]);
          ids.session = fresh.id;
          ids.line = fresh.items[0].id;
        }
        if (response.status >= 500)
          expect(response.headers.get('x-sandbox-injected')).toBe(String(response.status));
      }),
      { numRuns: RUNS, seed: 20250423 },
    );

    // Still answering, still consistent.
    expect((await sandbox.call('POST', '/api/v1/product_order', { body: {} })).status).toBe(201);
    const state = await sandbox.admin();
    expect(state.requests.total).toBeGreaterThanOrEqual(RUNS);
    const clientErrors = [...statuses].filter(([status]) => status >= 400 && status < 500);
    expect(clientErrors.length).toBeGreaterThan(3);
    expect(statuses.get(201) ?? 0).toBeGreaterThan(0);
  });
});
