import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
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
    expect(schemas.LineCreate.additionalProperties).toBe(false);
    for (const ref of refs(document)) {
      const name = ref.replace('#/components/schemas/', '');
      expect(schemas[name], ref).toBeDefined();
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
});
