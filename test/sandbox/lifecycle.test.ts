import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import {
  api,
  bareLine,
  contact,
  ManualClock,
  readyLine,
  sessionWith,
  useSandbox,
} from './helpers.js';

const clock = new ManualClock();
const sandbox = useSandbox({ clock, outcomeDelayMs: 500, diaOfferingIds: ['9001'] });

/** Confirms, moves the clock past the outcome delay, and reads the session back. */
async function confirmAndSettle(id: string) {
  const confirmed = await sandbox.call('PATCH', `/api/v1/product_order/${id}/confirm/`);
  expect(confirmed.status).toBe(200);
  clock.advance(500);
  const read = await sandbox.call('GET', `/api/v1/product_order/${id}/`);
  expect(read.status).toBe(200);
  return read.body;
}

const marked = (state: string, extra: Record<string, unknown> = {}) =>
  readyLine({ note: `client note [sandbox:${state}]`, ...extra });

describe('the session flowchart', () => {
  it('every line became an order: the session is completed', async () => {
    const { id } = await sessionWith(sandbox.call, [marked('acknowledged'), marked('in_progress')]);
    const session = await confirmAndSettle(id);
    expect(session.state).toBe('completed');
    expect(session.completion_date).toBe(new Date(clock.ms).toISOString());
  });

  it('at least one line became an order: the session is partial', async () => {
    const { id } = await sessionWith(sandbox.call, [marked('acknowledged'), bareLine()]);
    const session = await confirmAndSettle(id);
    expect(session.state).toBe('partial');
  });

  it('no line became an order: the session is rejected', async () => {
    const { id } = await sessionWith(sandbox.call, [bareLine(), marked('technical_error')]);
    const session = await confirmAndSettle(id);
    expect(session.state).toBe('rejected');
  });

  it('the outcome waits for the outcome delay: in_progress until then', async () => {
    const { id } = await sessionWith(sandbox.call, [readyLine()]);
    await sandbox.call('PATCH', `/api/v1/product_order/${id}/confirm/`);
    clock.advance(499);
    const read = await sandbox.call('GET', `/api/v1/product_order/${id}/`);
    expect(read.body.state).toBe('in_progress');
    expect(read.body.product_order_item[0].state).toBe('in_progress');
    clock.advance(1);
    expect((await sandbox.call('GET', `/api/v1/product_order/${id}/`)).body.state).toBe(
      'completed',
    );
  });
});

describe('the line flowchart', () => {
  it.each(['acknowledged', 'held_adv_validation', 'in_progress'])(
    'a valid line marked [sandbox:%s] becomes that order state, with an order_reference',
    async (state) => {
      const { id } = await sessionWith(sandbox.call, [marked(state)]);
      const [line] = (await confirmAndSettle(id)).product_order_item;
      expect(line.state).toBe(state);
      expect(line.order_reference).toMatch(/^ORD_[A-Z]{2}\d{3}_\d{8}_\d{6}$/);
      expect(line.order_date).not.toBeNull();
      expect(line.termination_error).toEqual([]);
    },
  );

  it('a line failing the confirmation rules is rejected_creation, with {code, property_path, value}', async () => {
    const broken = readyLine({
      note: '[sandbox:acknowledged]',
      option_ids: ['7021'],
      cpe_serial_number: 'SR-1',
      related_contact_information: [contact({ insee_code: '', postcode: '76130' })],
    });
    const { id } = await sessionWith(sandbox.call, [broken]);
    const [line] = (await confirmAndSettle(id)).product_order_item;
    expect(line.state).toBe('rejected_creation');
    expect(line.order_reference).toBe('');
    expect(line.termination_error).toEqual(
      expect.arrayContaining([
        {
          code: 'required_at_confirmation',
          property_path: 'related_contact_information[0].insee_code',
          value: '',
        },
        { code: 'cpe_required_with_7021', property_path: 'cpe_networking_number', value: '' },
      ]),
    );
  });

  it('the termination error carries the offending value as a string', async () => {
    const { id } = await sessionWith(sandbox.call, [readyLine({ cpe_serial_number: 'SR-123456' })]);
    const [line] = (await confirmAndSettle(id)).product_order_item;
    expect(line.termination_error).toEqual([
      {
        code: 'cpe_forbidden_without_7021',
        property_path: 'cpe_serial_number',
        value: 'SR-123456',
      },
    ]);
  });

  it('a line without enni nor contacts is rejected_creation on both fields', async () => {
    const { id } = await sessionWith(sandbox.call, [bareLine()]);
    const [line] = (await confirmAndSettle(id)).product_order_item;
    expect(line.state).toBe('rejected_creation');
    expect(
      line.termination_error.map((error: { property_path: string }) => error.property_path),
    ).toEqual(['enni', 'related_contact_information']);
  });

  it.each(['rejected_creation', 'technical_error'])(
    'a valid line marked [sandbox:%s] gets no order and a termination error',
    async (state) => {
      const { id } = await sessionWith(sandbox.call, [marked(state)]);
      const [line] = (await confirmAndSettle(id)).product_order_item;
      expect(line.state).toBe(state);
      expect(line.order_reference).toBe('');
      expect(line.termination_error).toHaveLength(1);
      expect(line.termination_error[0].property_path).toBe('note');
    },
  );

  it('every change is appended to state_change, with dates from the clock', async () => {
    const start = clock.ms;
    const { id } = await sessionWith(sandbox.call, [marked('acknowledged')]);
    const [line] = (await confirmAndSettle(id)).product_order_item;
    expect(line.state_change).toEqual([
      { change_reason: '', change_date: new Date(start).toISOString(), state: 'created' },
      { change_reason: '', change_date: new Date(start).toISOString(), state: 'in_progress' },
      {
        change_reason: '',
        change_date: new Date(start + 500).toISOString(),
        state: 'acknowledged',
      },
    ]);
  });

  it('each line gets its own temporary_reference', async () => {
    const { items } = await sessionWith(sandbox.call, [readyLine(), readyLine(), readyLine()]);
    const references = items.map((item) => item.temporary_reference);
    expect(new Set(references).size).toBe(3);
    for (const reference of references) expect(reference).toMatch(/^PO_[A-Z]{2}\d{3}_\d{8}_\d{6}$/);
  });
});

describe('the DIA offer', () => {
  it('a DIA line gets a computed enni that replaces the supplied one', async () => {
    const dia = readyLine({
      offer_family: 'DIA',
      enni: 'SUPPLIED1',
      note: '[sandbox:acknowledged]',
    });
    const { id, items } = await sessionWith(sandbox.call, [dia]);
    expect(items[0].enni).toBe('SUPPLIED1');
    const confirmed = await sandbox.call('PATCH', `/api/v1/product_order/${id}/confirm/`);
    const computed = confirmed.body.product_order_item[0].enni;
    expect(computed).toMatch(/^DI\d{6}$/);
    clock.advance(500);
    const [line] = (await sandbox.call('GET', `/api/v1/product_order/${id}/`)).body
      .product_order_item;
    expect(line).toMatchObject({ enni: computed, state: 'acknowledged' });
  });

  it('a line of a configured DIA offering needs no enni', async () => {
    const { id } = await sessionWith(sandbox.call, [
      readyLine({ product_offering_id: '9001', enni: undefined, note: '[sandbox:in_progress]' }),
    ]);
    const [line] = (await confirmAndSettle(id)).product_order_item;
    expect(line.state).toBe('in_progress');
    expect(line.enni).toMatch(/^DI\d{6}$/);
  });
});

describe('outcomes without a marker', () => {
  async function outcomes(seed: number): Promise<string[]> {
    const handle = await startSandbox({ seed, outcomeDelayMs: 0 });
    try {
      const call = api(handle.url);
      const { id } = await sessionWith(
        call,
        Array.from({ length: 12 }, () => readyLine()),
      );
      await call('PATCH', `/api/v1/product_order/${id}/confirm/`);
      const read = await call('GET', `/api/v1/product_order/${id}/`);
      return read.body.product_order_item.map((line: { state: string }) => line.state);
    } finally {
      await handle.close();
    }
  }

  it('are drawn from the order states, the same for the same seed', async () => {
    const first = await outcomes(42);
    expect(await outcomes(42)).toEqual(first);
    expect(new Set(first)).toEqual(new Set(['acknowledged', 'held_adv_validation', 'in_progress']));
  });
});
