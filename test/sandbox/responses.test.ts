import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import { lineSchema } from '../../src/schemas/line.js';
import { sessionSchema, sessionWithItemsSchema } from '../../src/schemas/session.js';
import { api, readyLine, sessionWith, useSandbox } from './helpers.js';

const sandbox = useSandbox({ outcomeDelayMs: 0 });

const cpeLine = readyLine({
  option_ids: ['7021'],
  cpe_network_number: 'NET-123456',
  cpe_serial_number: 'SR-123456',
  enni2: 'AZ001235',
  vlan_reference: '1257',
});

describe("answers in the doc's response shape", () => {
  it('every answer reads with the project’s response schemas', async () => {
    const created = await sandbox.call('POST', '/api/v1/product_order', {
      body: { external_id: 'E' },
    });
    expect(sessionSchema.safeParse(created.body).success).toBe(true);
    const id = created.body.id;
    const line = await sandbox.call('POST', `/api/v1/product_order/${id}/product_order_item`, {
      body: cpeLine,
    });
    expect(lineSchema.parse(line.body)).toMatchObject({
      enni_2: 'AZ001235',
      cpe_networking_number: 'NET-123456',
      vlan_reference: 1257,
    });
    const second = await sandbox.call('POST', `/api/v1/product_order/${id}/product_order_item`, {
      body: readyLine(),
    });
    const deleted = await sandbox.call(
      'DELETE',
      `/api/product_order/${id}/product_order_item/${second.body.id}/`,
    );
    expect(sessionWithItemsSchema.parse(deleted.body).product_order_item).toHaveLength(1);
    const confirmed = await sandbox.call('PATCH', `/api/v1/product_order/${id}/confirm/`);
    expect(sessionWithItemsSchema.safeParse(confirmed.body).success).toBe(true);
  });

  it("a line's absent fields are answered empty, and its contacts carry every field", async () => {
    const { items } = await sessionWith(sandbox.call, [readyLine()]);
    const [line] = items;
    expect(line).toMatchObject({
      note: '',
      quote_item_id: '',
      enni_2: '',
      cpe_networking_number: '',
      cancellation_date: null,
      order_reference: '',
      termination_error: [],
    });
    expect(line.related_contact_information[0]).toMatchObject({
      contact2_email_address: '',
      building_name: '',
      latitude: 49.4744077,
    });
  });

  it("responseSpelling 'examples' answers enni2 and cpe_network_number", async () => {
    const handle = await startSandbox({ responseSpelling: 'examples' });
    try {
      const { items } = await sessionWith(api(handle.url), [cpeLine]);
      expect(items[0]).toMatchObject({
        enni2: 'AZ001235',
        cpe_network_number: 'NET-123456',
        vlan_reference: 1257,
      });
      expect(items[0]).not.toHaveProperty('enni_2');
      expect(items[0]).not.toHaveProperty('cpe_networking_number');
      expect(lineSchema.parse(items[0]).enni_2).toBe('AZ001235');
    } finally {
      await handle.close();
    }
  });
});
