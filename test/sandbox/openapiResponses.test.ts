/**
 * Every answer the sandbox gives in the typical flows — order taking, export, tokens, faults,
 * quotas, the tracking APIs, its own routes — is declared in its OpenAPI document: the status
 * under the operation, the body valid against the declared schema (ajv, JSON Schema 2020-12), and
 * every notable header it carries declared on that answer. And every operation of the document is
 * exercised.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { SANDBOX_TRACKING_DEFAULTS as T } from '../../src/sandbox/tracking/options.js';
import { bareLine, ManualClock, readyLine } from './helpers.js';

/** ajv-formats is CommonJS: its default export is the plugin function. */
const addFormats = ajvFormats as unknown as (ajv: Ajv2020) => void;

interface Seen {
  method: string;
  path: string;
  status: number;
  headers: Headers;
  body: unknown;
  contentType: string;
}

// biome-ignore lint/suspicious/noExplicitAny: the document is read loosely
type Doc = any;

const NOTABLE_HEADERS = [
  'retry-after',
  'www-authenticate',
  'x-total-count',
  'x-result-count',
  'content-disposition',
  'x-request-id',
  'x-correlation-id',
  'x-sandbox-injected',
];

const clock = new ManualClock();
const seen: Seen[] = [];
let sandbox: SandboxHandle;
let tight: SandboxHandle;
let document: Doc;

async function call(
  base: string,
  method: string,
  path: string,
  options: {
    token?: string | null;
    body?: unknown;
    raw?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<Seen> {
  const headers: Record<string, string> = { ...options.headers };
  const token = options.token === undefined ? 'sandbox-token' : options.token;
  if (token !== null && !headers.Authorization) headers.Authorization = `Bearer ${token}`;
  let body: string | undefined = options.raw;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['Content-Type'] ??= 'application/json';
  }
  const response = await fetch(`${base}${path}`, { method, headers, body });
  const contentType = response.headers.get('content-type') ?? '';
  let parsed: unknown;
  if (contentType.includes('event-stream')) {
    await response.body?.cancel();
  } else {
    const text = await response.text();
    parsed = contentType.includes('json') ? JSON.parse(text) : text;
  }
  const answer = {
    method: method.toLowerCase(),
    path: path.split('?')[0] as string,
    status: response.status,
    headers: response.headers,
    body: parsed,
    contentType,
  };
  seen.push(answer);
  return answer;
}

const api = (method: string, path: string, options = {}) =>
  call(sandbox.url, method, path, options);

async function orderTakingFlows() {
  // Sessions and lines, in both spellings, with every error a client meets.
  const created = await api('POST', '/api/v1/product_order', { body: { external_id: 'F-1' } });
  const id = (created.body as { id: string }).id;
  await api('POST', '/api/v1/product_order', { body: {}, token: null });
  await api('POST', '/api/v1/product_order', { body: {}, token: 'wrong' });
  await api('POST', '/api/v1/product_order', {
    raw: '{',
    headers: { 'Content-Type': 'application/json' },
  });
  await api('POST', '/api/v1/product_order', {
    raw: 'a=1',
    headers: { 'Content-Type': 'text/plain' },
  });
  await api('POST', '/api/v1/product_order', { body: { external_id: 'x'.repeat(300) } });
  const lines = `/api/v1/product_order/${id}/product_order_item`;
  const line = await api('POST', lines, {
    body: readyLine({ enni2: 'AZ009999', cpe_network_number: '' }),
  });
  const lineId = (line.body as { id: string }).id;
  const second = await api('POST', lines, { body: bareLine({ external_id: 'F-2' }) });
  await api('POST', lines, { body: { product_offering_id: 1 } });
  await api('POST', lines, {
    raw: JSON.stringify(bareLine({ note: 'n'.repeat(1_100_000) })),
    headers: { 'Content-Type': 'application/json' },
  });
  await api('POST', '/api/v1/product_order/nope/product_order_item', { body: bareLine() });
  await api('PATCH', `${lines}/${lineId}`, { body: { note: 'changed', enni_2: 'AZ001111' } });
  await api('PATCH', `${lines}/nope`, { body: { note: 'x' } });
  await api(
    'DELETE',
    `/api/product_order/${id}/product_order_item/${(second.body as { id: string }).id}/`,
  );
  await api('GET', `/api/v1/product_order/${id}/`);
  await api('GET', '/api/v1/product_order/nope/');
  const empty = await api('POST', '/api/v1/product_order', { body: {} });
  await api('PATCH', `/api/v1/product_order/${(empty.body as { id: string }).id}/confirm/`);
  await api('PATCH', `/api/v1/product_order/${id}/confirm/`);
  await api('PATCH', `/api/v1/product_order/${id}/confirm/`);
  await api('POST', lines, { body: bareLine() });
  clock.advance(1000);
  await api('GET', `/api/v1/product_order/${id}/`);
  // Export: start, too soon, status, not ready, ready.
  const task = await api('POST', '/api/v1/product_order/export/csv/');
  const taskId = (task.body as { task_id: string }).task_id;
  await api('POST', '/api/v1/product_order/export/csv/');
  await api('GET', `/api/v1/product_order/export/${taskId}/status/`);
  await api('GET', `/api/v1/product_order/export/${taskId}/download/`);
  clock.advance(1000);
  await api('GET', `/api/v1/product_order/export/${taskId}/status/`);
  await api('GET', `/api/v1/product_order/export/${taskId}/download/`);
  await api('GET', '/api/v1/product_order/export/nope/status/');
  // Injected faults.
  for (const fault of ['500', '502', '503', '429;retry-after=2'])
    await api('POST', '/api/v1/product_order', { body: {}, headers: { 'X-Sandbox-Fault': fault } });
  await api('POST', '/api/v1/product_order', {
    body: {},
    headers: { 'X-Sandbox-Fault': 'nonsense' },
  });
  // A per-user quota.
  await call(tight.url, 'POST', '/api/v1/product_order', { body: {} });
  await call(tight.url, 'POST', '/api/v1/product_order', { body: {} });
}

async function tokenFlows() {
  const path = '/auth/realms/covage/protocol/openid-connect/token';
  const form = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
    api('POST', path, {
      token: null,
      raw: new URLSearchParams(fields).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    });
  const granted = await form({
    grant_type: 'password',
    client_id: 'api-client',
    username: 'alice',
    password: 'secret',
  });
  await form({
    grant_type: 'refresh_token',
    client_id: 'api-client',
    refresh_token: (granted.body as { refresh_token: string }).refresh_token,
  });
  await form({
    grant_type: 'password',
    client_id: 'api-client',
    username: 'alice',
    password: 'wrong',
  });
  await form({ grant_type: 'password', client_id: 'other', username: 'alice', password: 'secret' });
  await form(
    { grant_type: 'client_credentials' },
    { Authorization: `Basic ${btoa('acme:acme-secret')}` },
  );
  await form({ grant_type: 'device_code' });
}

async function trackingFlows() {
  await api('GET', '/api/v1/order/?limit=5&external_id=EXT-00001&external_id=EXT-00002');
  const page = await api('GET', '/api/v1/order/?ordering=-order_date');
  const reference = (page.body as { results: { order_reference: string }[] }).results[0]
    ?.order_reference;
  await api('GET', '/api/v1/order/?ordering=nonsense');
  await api('GET', `/api/v1/order/${reference}/historic/`);
  await api('GET', '/api/v1/order/nope/historic/');
  await api('GET', '/api/v1/order/', { token: null });

  const basic = `Basic ${btoa(`${T.orangeClient.clientId}:${T.orangeClient.clientSecret}`)}`;
  const orangeForm = (grant: string, authorization = basic) =>
    api('POST', '/oauth/v3/token', {
      token: null,
      raw: `grant_type=${grant}`,
      headers: {
        Authorization: authorization,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
    });
  const orangeToken = ((await orangeForm('client_credentials')).body as { access_token: string })
    .access_token;
  await orangeForm('password');
  await orangeForm('client_credentials', `Basic ${btoa('nobody:nothing')}`);
  const orange = { Authorization: `Bearer ${orangeToken}`, 'X-Api-Key': T.orangeApiKey };
  for (const collection of ['/ordering/b2b/v2/requests', '/order-tracking/b2b/v1/orders']) {
    const list = await api('GET', `${collection}?limit=3&sort=-id`, { headers: orange });
    await api('GET', `${collection}/${(list.body as { id: string }[])[0]?.id}`, {
      headers: orange,
    });
    await api('GET', `${collection}/nope`, { headers: orange });
    await api('GET', `${collection}?limit=x`, { headers: orange });
    await api('GET', collection, { token: null });
    await api('GET', collection, { headers: { Authorization: `Bearer ${orangeToken}` } });
  }

  const obapi = { token: T.obapiKey };
  const orders = await api('GET', '/obapi/v1/orders?per_page=3&sort=ref_desc', obapi);
  const orderId = (orders.body as { items: { id: string }[] }).items[0]?.id;
  await api('GET', '/obapi/v1/orders?status=nonsense', obapi);
  await api('GET', '/obapi/v1/orders', { token: 'wrong' });
  await api('GET', `/obapi/v1/orders/${orderId}`, obapi);
  await api('GET', '/obapi/v1/orders/nope', obapi);
  await api('GET', `/obapi/v1/download/${orderId}?type=order`, obapi);
  await api('GET', `/obapi/v1/download/${orderId}?type=invoice`, obapi);
  await api('GET', '/obapi/v1/download/nope?type=order', obapi);

  let request = 0;
  const adobe = (path: string, overrides: Record<string, string> = {}) =>
    api('GET', path, {
      token: null,
      headers: {
        Authorization: `Bearer ${T.adobeToken}`,
        'X-Api-Key': T.adobeApiKey,
        'X-Correlation-Id': 'corr-1',
        'X-Request-Id': `req-${++request}`,
        ...overrides,
      },
    });
  const customer = `/v3/customers/${T.adobeCustomerId}/orders`;
  const adobePage = await adobe(`${customer}?limit=2`);
  await adobe(
    `${customer}/${(adobePage.body as { items: { orderId: string }[] }).items[0]?.orderId}`,
  );
  await adobe(`${customer}/nope`);
  await adobe(`${customer}?limit=500&order-type=NOPE`);
  await adobe(customer, { Authorization: 'Bearer wrong' });
  await adobe(customer, { 'X-Api-Key': 'wrong' });
  await adobe('/v3/customers/0000000000/orders');
}

async function ownFlows() {
  const admin = { token: sandbox.adminToken };
  for (const path of ['/__sandbox/state', '/__sandbox/counts', '/__sandbox/tracking']) {
    await api('GET', path, admin);
    await api('GET', path, { token: 'wrong' });
  }
  await api('GET', '/__sandbox/dashboard/state', { token: null });
  await api('GET', '/__sandbox/dashboard/events', { token: null });
  await api('GET', '/openapi.json', { token: null });
}

beforeAll(async () => {
  sandbox = await startSandbox({
    clock,
    outcomeDelayMs: 500,
    exportDurationMs: 500,
    oauth: {
      users: [{ username: 'alice', password: 'secret' }],
      clients: [{ clientId: 'acme', clientSecret: 'acme-secret' }],
    },
    seedOrders: 6,
  });
  tight = await startSandbox({ limits: { sessionsPerUser: 1 } });
  document = await (await fetch(`${sandbox.url}/openapi.json`)).json();
  await orderTakingFlows();
  await tokenFlows();
  await trackingFlows();
  await ownFlows();
}, 60_000);

afterAll(async () => {
  await sandbox?.close();
  await tight?.close();
});

/** The document's path template a request path falls under (literal segments win). */
function templateOf(path: string, method: string): string | undefined {
  const candidates = Object.keys(document.paths).filter((template) => {
    const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
    return new RegExp(`^${pattern}$`).test(path) && document.paths[template][method];
  });
  candidates.sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0));
  return candidates[0];
}

/** The document's `$ref`s made absolute, so ajv resolves them against the registered document. */
function absolute(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(absolute);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      key === '$ref' && typeof item === 'string' && item.startsWith('#/')
        ? `sandbox-openapi${item}`
        : absolute(item),
    ]),
  );
}

describe('every answer of the typical flows is declared in the OpenAPI document', () => {
  it('status, body and headers, for every route the flows reached', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ $id: 'sandbox-openapi', components: absolute(document.components) });
    const problems: string[] = [];
    const covered = new Set<string>();
    for (const answer of seen) {
      const template = templateOf(answer.path, answer.method);
      const where = `${answer.method.toUpperCase()} ${answer.path} → ${answer.status}`;
      if (!template) {
        problems.push(`${where}: no operation in the document`);
        continue;
      }
      const declared = document.paths[template][answer.method].responses[String(answer.status)];
      if (!declared) {
        problems.push(`${where}: status not declared`);
        continue;
      }
      covered.add(`${answer.method.toUpperCase()} ${template} ${answer.status}`);
      for (const header of NOTABLE_HEADERS) {
        const names = Object.keys(declared.headers ?? {}).map((name) => name.toLowerCase());
        if (answer.headers.has(header) && !names.includes(header))
          problems.push(`${where}: carries ${header}, not declared`);
      }
      const mediaType = Object.keys(declared.content ?? {}).find((type) =>
        answer.contentType.startsWith(type),
      );
      if (declared.content && !mediaType) {
        problems.push(`${where}: content type ${answer.contentType} not declared`);
        continue;
      }
      if (mediaType !== 'application/json') continue;
      const validate = ajv.compile(absolute(declared.content[mediaType].schema) as object);
      if (!validate(answer.body))
        problems.push(`${where}: ${ajv.errorsText(validate.errors, { separator: '; ' })}`);
    }
    expect(problems).toEqual([]);
    // The coverage, for the record (routes × statuses validated).
    const routes = new Set([...covered].map((entry) => entry.replace(/ \d{3}$/, '')));
    const operations = Object.values(document.paths as Record<string, object>).flatMap((item) =>
      Object.keys(item),
    );
    expect(routes.size).toBe(operations.length);
    process.stdout.write(
      `OpenAPI: ${seen.length} answers validated, ${routes.size} operations × ${covered.size} (operation, status) pairs\n`,
    );
    expect(covered.size).toBeGreaterThanOrEqual(75);
  });

  it('every operation of the document was exercised', () => {
    const reached = new Set(
      seen.map((answer) => `${answer.method} ${templateOf(answer.path, answer.method)}`),
    );
    const missing: string[] = [];
    for (const [template, item] of Object.entries(document.paths as Record<string, object>))
      for (const method of Object.keys(item))
        if (!reached.has(`${method} ${template}`)) missing.push(`${method} ${template}`);
    expect(missing).toEqual([]);
  });

  it('requests in either spelling are accepted by the document, as by the sandbox', () => {
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    ajv.addSchema({ $id: 'sandbox-openapi', components: absolute(document.components) });
    const create = ajv.compile({ $ref: 'sandbox-openapi#/components/schemas/LineCreate' });
    const examples = readyLine({ enni2: 'AZ1', cpe_network_number: 'N', vlan_reference: '1257' });
    const tables = readyLine({ enni_2: 'AZ1', cpe_networking_number: 'N', vlan_reference: 1257 });
    expect(create(examples), ajv.errorsText(create.errors)).toBe(true);
    expect(create(tables), ajv.errorsText(create.errors)).toBe(true);
    expect(create({ ...tables, typo_field: 1 })).toBe(false);
    expect(
      seen.some((answer) => answer.path.endsWith('/product_order_item') && answer.status === 201),
    ).toBe(true);
  });
});
