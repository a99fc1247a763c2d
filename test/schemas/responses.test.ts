import { describe, expect, it } from 'vitest';
import {
  contactSchema,
  lineCreateSchema,
  lineSchema,
  orderFileSchema,
  sessionWithItemsSchema,
} from '../../src/schemas/index.js';

const lineToCreate = {
  product_offering_id: '2173',
  product_offering_qualification_item_id: 'q-1',
};
const answeredLine = { ...lineToCreate, id: 'line-1', state: 'created' };

describe('contacts: the request and response variants', () => {
  it('a line may be created with a contact that lacks the confirmation fields', () => {
    const created = lineCreateSchema.safeParse({
      ...lineToCreate,
      related_contact_information: [{ end_customer_name: 'Covage corp' }],
    });
    expect(created.success).toBe(true);
  });

  it('so the answer to it is read, whether the missing fields are absent, null or empty', () => {
    for (const contact of [
      { end_customer_name: 'Covage corp' },
      {
        end_customer_name: 'Covage corp',
        siret: null,
        city: null,
        latitude: null,
        longitude: null,
      },
      { end_customer_name: 'Covage corp', siret: '', city: '', postcode: '' },
    ]) {
      const line = lineSchema.safeParse({
        ...answeredLine,
        related_contact_information: [contact],
      });
      expect(line.error?.issues ?? [], JSON.stringify(contact)).toEqual([]);
    }
  });

  it('the response contact still checks the types it is given', () => {
    expect(contactSchema.safeParse({ latitude: '49.47' }).success).toBe(false);
    expect(contactSchema.safeParse({ postcode: 76130 }).success).toBe(false);
  });

  it('a request contact refuses unknown fields; a response contact keeps them', () => {
    const withFax = { end_customer_name: 'Covage corp', fax: '0100000000' };
    expect(
      lineCreateSchema.safeParse({ ...lineToCreate, related_contact_information: [withFax] })
        .success,
    ).toBe(false);
    expect(contactSchema.parse(withFax)).toMatchObject({ fax: '0100000000' });
  });
});

describe('line and session responses', () => {
  it('a state the docs do not name is refused', () => {
    expect(lineSchema.safeParse({ ...answeredLine, state: 'lost' }).success).toBe(false);
  });

  it("order tracking's technical_error is a line state too", () => {
    expect(lineSchema.safeParse({ ...answeredLine, state: 'technical_error' }).success).toBe(true);
  });

  it('a termination_error value is read as a string, whatever JSON type it has', () => {
    const line = lineSchema.parse({
      ...answeredLine,
      state: 'rejected_creation',
      termination_error: [
        { code: 'required', property_path: 'enni', value: null },
        { code: 'invalid', property_path: 'vlan_reference', value: 12 },
      ],
    });
    expect(line.termination_error?.map((error) => error.value)).toEqual(['', '12']);
  });

  it('the session read back (an assumption: GET /api/v1/product_order/{id}/) may carry its state', () => {
    const session = sessionWithItemsSchema.parse({
      id: 's-1',
      state: 'partial',
      product_order_item: [{ ...answeredLine, enni2: 'E2' }],
    });
    expect(session.state).toBe('partial');
    expect(session.product_order_item[0]?.enni_2).toBe('E2');
  });
});

describe('the order file', () => {
  it('is a session and its lines; the session may be left out', () => {
    expect(orderFileSchema.parse({ lines: [] })).toEqual({ session: {}, lines: [] });
  });

  it('keeps each line as read, for the rules to check', () => {
    const line = { anything: true };
    expect(orderFileSchema.parse({ lines: [line] }).lines[0]).toBe(line);
  });

  it('refuses lines that are not objects, and unknown top-level fields', () => {
    expect(orderFileSchema.safeParse({ lines: [42] }).success).toBe(false);
    expect(orderFileSchema.safeParse({ lines: [], extra: 1 }).success).toBe(false);
    expect(orderFileSchema.safeParse({ session: { colour: 'blue' }, lines: [] }).success).toBe(
      false,
    );
  });
});
