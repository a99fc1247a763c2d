import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import { openApiText } from '../../src/sandbox/openapi.js';
import { useSandbox } from './helpers.js';

const sandbox = useSandbox();

const DOCUMENTED = [
  ['post', '/api/v1/product_order'],
  ['post', '/api/v1/product_order/{id}/product_order_item'],
  ['patch', '/api/v1/product_order/{id}/product_order_item/{item_id}'],
  ['delete', '/api/product_order/{product_order_id}/product_order_item/{item_id}/'],
  ['patch', '/api/v1/product_order/{id}/confirm/'],
  ['post', '/api/v1/product_order/export/csv/'],
  ['get', '/api/v1/product_order/export/{task_id}/status/'],
  ['get', '/api/v1/product_order/export/{task_id}/download/'],
  ['get', '/api/v1/product_order/{id}/'],
  ['post', '/auth/realms/covage/protocol/openid-connect/token'],
  ['get', '/api/v1/order/'],
  ['get', '/api/v1/order/{order_reference}/historic/'],
  ['post', '/oauth/v3/token'],
  ['get', '/ordering/b2b/v2/requests'],
  ['get', '/ordering/b2b/v2/requests/{id}'],
  ['get', '/order-tracking/b2b/v1/orders'],
  ['get', '/order-tracking/b2b/v1/orders/{id}'],
  ['get', '/obapi/v1/orders'],
  ['get', '/obapi/v1/orders/{id}'],
  ['get', '/obapi/v1/download/{id}'],
  ['get', '/v3/customers/{customerId}/orders'],
  ['get', '/v3/customers/{customerId}/orders/{orderId}'],
  ['get', '/__sandbox/state'],
  ['get', '/__sandbox/counts'],
  ['get', '/__sandbox/tracking'],
  ['get', '/__sandbox/dashboard/state'],
  ['get', '/__sandbox/dashboard/events'],
] as const;

/** Every `$ref` in a document. */
function refs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) refs(item, out);
  else if (typeof value === 'object' && value !== null)
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string') out.push(item);
      else refs(item, out);
    }
  return out;
}

describe('GET /openapi.json', () => {
  it('is an OpenAPI 3.1 document covering every endpoint, with no auth needed', async () => {
    const answer = await sandbox.call('GET', '/openapi.json', { token: null });
    expect(answer.status).toBe(200);
    const document = answer.body;
    expect(document.openapi).toBe('3.1.0');
    for (const [method, path] of DOCUMENTED)
      expect(document.paths[path]?.[method], `${method} ${path}`).toBeDefined();
  });

  it('has the zod schemas as components, with every reference resolved', async () => {
    const document = (await sandbox.call('GET', '/openapi.json')).body;
    const schemas = document.components.schemas;
    expect(schemas.LineCreate.required).toEqual(
      expect.arrayContaining(['product_offering_id', 'product_offering_qualification_item_id']),
    );
    expect(schemas.LineCreate.properties.enni_2).toBeDefined();
    // Unknown fields are refused (400 unknown_field), the doc's two spellings both accepted.
    expect(schemas.LineCreate.additionalProperties).toBe(false);
    expect(schemas.LineCreate.properties.enni2).toBeDefined();
    expect(schemas.LineUpdate.properties.cpe_network_number).toBeDefined();
    for (const ref of refs(document)) {
      const [, kind, name] = /^#\/components\/(schemas|headers)\/(.+)$/.exec(ref) ?? [];
      expect(kind && name ? document.components[kind][name] : undefined, ref).toBeDefined();
    }
  });

  it('leaves the read endpoint out when it is turned off', async () => {
    const handle = await startSandbox({ readSessionEndpoint: false });
    try {
      const document = await (await fetch(`${handle.url}/openapi.json`)).json();
      expect(document.paths['/api/v1/product_order/{id}/']).toBeUndefined();
      const read = await fetch(`${handle.url}/api/v1/product_order/x/`, {
        headers: { Authorization: 'Bearer sandbox-token' },
      });
      expect(read.status).toBe(404);
    } finally {
      await handle.close();
    }
  });

  it('docs/openapi.json is the document the sandbox serves (npm run openapi writes it)', async () => {
    const committed = await readFile(new URL('../../docs/openapi.json', import.meta.url), 'utf8');
    expect(committed).toBe(openApiText());
  });

  it('declares the headers: Retry-After on 429 and 503, WWW-Authenticate on 401, the Orange counts', async () => {
    const document = (await sandbox.call('GET', '/openapi.json')).body;
    const responses = (path: string, method: string) => document.paths[path][method].responses;
    const create = responses('/api/v1/product_order', 'post');
    expect(Object.keys(create['429'].headers)).toContain('Retry-After');
    expect(Object.keys(create['503'].headers)).toContain('Retry-After');
    expect(Object.keys(create['401'].headers)).toContain('WWW-Authenticate');
    const orange = responses('/ordering/b2b/v2/requests', 'get');
    expect(Object.keys(orange['200'].headers)).toEqual(['X-Total-Count', 'X-Result-Count']);
  });
});
