import { describe, expect, it } from 'vitest';
import { lineSchema } from '../../src/schemas/line.js';
import { sessionSchema, sessionWithItemsSchema } from '../../src/schemas/session.js';
import { bareLine, contact, ManualClock, useSandbox } from './helpers.js';

const clock = new ManualClock();
const sandbox = useSandbox({ clock, outcomeDelayMs: 1000, seed: 7 });

describe("the doc's sequence diagram, end to end over HTTP", () => {
  it('create a session, create a line, update it, confirm, then read the order back', async () => {
    const { call } = sandbox;

    // Client ->> Covage API: Create an order session
    const session = await call('POST', '/api/v1/product_order', {
      body: { external_id: '12345', project_id: '' },
    });
    expect(session.status).toBe(201);
    expect(sessionSchema.parse(session.body)).toMatchObject({
      external_id: '12345',
      project_id: '',
      state: 'created',
      order_date: null,
    });
    const id: string = session.body.id;

    // Client ->> Covage API: Create an order line (only what creation requires)
    const line = await call('POST', `/api/v1/product_order/${id}/product_order_item`, {
      body: bareLine({ note: '[sandbox:held_adv_validation]' }),
    });
    expect(line.status).toBe(201);
    const created = lineSchema.parse(line.body);
    expect(created).toMatchObject({ state: 'created', product_order_id: id });
    expect(created.temporary_reference).toMatch(/^PO_[A-Z]{2}\d{3}_20250423_\d{6}$/);
    expect(created.state_change?.map((change) => change.state)).toEqual(['created']);

    // Client ->> Covage API: Update the order line information (example spelling accepted)
    const updated = await call(
      'PATCH',
      `/api/v1/product_order/${id}/product_order_item/${created.id}`,
      {
        body: {
          enni: 'AZ001234',
          enni2: 'AZ001235',
          vlan_reference: '1257',
          related_contact_information: [contact()],
          siret_known: true,
        },
      },
    );
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      enni: 'AZ001234',
      enni_2: 'AZ001235',
      vlan_reference: 1257,
    });

    // Client ->> Covage API: Confirm the order session → receipt: everything in_progress
    clock.advance(60_000);
    const confirmed = await call('PATCH', `/api/v1/product_order/${id}/confirm/`);
    expect(confirmed.status).toBe(200);
    const receipt = sessionWithItemsSchema.parse(confirmed.body);
    expect(receipt.state).toBe('in_progress');
    expect(receipt.product_order_item.map((item) => item.state)).toEqual(['in_progress']);

    // Covage API ->> Covage Backend: Create the order (after the outcome delay)
    const early = await call('GET', `/api/v1/product_order/${id}/`);
    expect(early.body.state).toBe('in_progress');
    clock.advance(1000);
    const done = sessionWithItemsSchema.parse(
      (await call('GET', `/api/v1/product_order/${id}/`)).body,
    );
    expect(done.state).toBe('completed');
    const [order] = done.product_order_item;
    expect(order?.state).toBe('held_adv_validation');
    expect(order?.order_reference).toMatch(/^ORD_/);
    expect(order?.termination_error).toEqual([]);
    expect(order?.state_change?.map((change) => change.state)).toEqual([
      'created',
      'in_progress',
      'held_adv_validation',
    ]);
  });
});
