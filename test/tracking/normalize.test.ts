import { describe, expect, it } from 'vitest';
import { latestDate, toIsoDate } from '../../src/tracking/dates.js';
import { offsetPages } from '../../src/tracking/listing.js';
import { decimalString } from '../../src/tracking/money.js';
import { normalizeAdobeOrder } from '../../src/tracking/providers/adobe/normalize.js';
import { adobeOrderSchema } from '../../src/tracking/providers/adobe/schema.js';
import { ADOBE_STATUS } from '../../src/tracking/providers/adobe/status.js';
import { normalizeCovageOrder } from '../../src/tracking/providers/covage/normalize.js';
import {
  COVAGE_ORDER_STATES,
  covageOrderSchema,
} from '../../src/tracking/providers/covage/schema.js';
import { COVAGE_STATUS } from '../../src/tracking/providers/covage/status.js';
import { normalizeObapiOrder } from '../../src/tracking/providers/obapi/normalize.js';
import { OBAPI_STATUSES, obapiSingleSchema } from '../../src/tracking/providers/obapi/schema.js';
import { OBAPI_STATUS } from '../../src/tracking/providers/obapi/status.js';
import {
  normalizeOrangeOrder,
  normalizeOrangeRequest,
} from '../../src/tracking/providers/orange/normalize.js';
import {
  orangeOrderSchema,
  orangeRequestSchema,
} from '../../src/tracking/providers/orange/schema.js';
import { ORANGE_TRACKING_STATUS } from '../../src/tracking/providers/orange/status.js';
import { orangeTotal } from '../../src/tracking/providers/orange/tracker.js';
import { commonStatus } from '../../src/tracking/status.js';
import { ORDER_STATUSES } from '../../src/tracking/types.js';

describe('status tables', () => {
  it('every documented status has a common status', () => {
    for (const state of COVAGE_ORDER_STATES) expect(ORDER_STATUSES).toContain(COVAGE_STATUS[state]);
    for (const status of OBAPI_STATUSES) expect(ORDER_STATUSES).toContain(OBAPI_STATUS[status]);
    for (const code of ['1000', '1002', '1004', '1026'])
      expect(ORDER_STATUSES).toContain(ADOBE_STATUS[code]);
    for (const status of ['Current', 'Closed'])
      expect(ORDER_STATUSES).toContain(ORANGE_TRACKING_STATUS[status]);
  });

  it('matches provider statuses whatever their case, spaces or underscores', () => {
    expect(commonStatus({ 'In Progress': 'in_progress' }, 'IN_PROGRESS')).toBe('in_progress');
    expect(commonStatus({ in_progress: 'in_progress' }, 'In progress')).toBe('in_progress');
  });

  it('reads a status it does not know, or none, as unknown (not final, so following goes on)', () => {
    for (const value of ['something_new', '', '   ', null, undefined, { a: 1 }, ['active']])
      expect(commonStatus(COVAGE_STATUS, value)).toBe('unknown');
    expect(commonStatus(ADOBE_STATUS, 1000)).toBe('completed');
  });

  it('Covage: active is completed, terminated cancelled, phase-one names are accepted', () => {
    expect(COVAGE_STATUS.active).toBe('completed');
    expect(COVAGE_STATUS.terminated).toBe('cancelled');
    expect(COVAGE_STATUS.rejected_creation).toBe('rejected');
    expect(COVAGE_STATUS.technical_error).toBe('failed');
  });
});

describe('money and dates', () => {
  it('money stays the exact decimal string; a float is refused', () => {
    expect(decimalString.parse('5000.00')).toBe('5000.00');
    expect(decimalString.parse('0.10')).toBe('0.10');
    expect(decimalString.safeParse(5000).success).toBe(false);
    expect(decimalString.safeParse('5,000.00').success).toBe(false);
    expect(decimalString.safeParse('1e3').success).toBe(false);
  });

  it('date-times become UTC ISO strings; days stay days', () => {
    expect(toIsoDate('2025-04-23T10:13:08.733+02:00')).toBe('2025-04-23T08:13:08.733Z');
    expect(toIsoDate('2019-05-02T22:49:54Z')).toBe('2019-05-02T22:49:54.000Z');
    expect(toIsoDate('2024-05-15')).toBe('2024-05-15');
    expect(toIsoDate('')).toBeUndefined();
    expect(toIsoDate('not a date')).toBeUndefined();
    expect(latestDate(['2024-05-15', '2024-05-16T00:00:00.000Z', undefined])).toBe(
      '2024-05-16T00:00:00.000Z',
    );
  });
});

describe('normalizing the doc examples', () => {
  it("obapi's single order (the doc's example)", () => {
    const body = obapiSingleSchema.parse({
      order: {
        id: '350',
        ref: 'CO2405-0018',
        customer_ref: 'PO-2024-042',
        date_order: '2024-05-15',
        date_delivery: '2024-06-01',
        validated_at: '2024-05-15T10:00:00Z',
        created_at: '2024-05-14T16:00:00Z',
        updated_at: '2024-05-15T10:00:00Z',
        status: 'validated',
        is_billed: false,
        total_excl_tax: '5000.00',
        total_vat: '1000.00',
        total_incl_tax: '6000.00',
        lines: [
          {
            id: '720',
            position: 1,
            quantity: '50.00',
            unit_price_excl_tax: '100.00',
            vat_rate: '20.000',
            total_excl_tax: '5000.00',
            total_vat: '1000.00',
            total_incl_tax: '6000.00',
          },
        ],
      },
    });
    expect(normalizeObapiOrder(body.order)).toMatchObject({
      provider: 'obapi',
      id: '350',
      reference: 'CO2405-0018',
      customerReference: 'PO-2024-042',
      status: 'pending',
      providerStatus: 'validated',
      createdAt: '2024-05-14T16:00:00.000Z',
      updatedAt: '2024-05-15T10:00:00.000Z',
      amounts: { totalExclTax: '5000.00', totalVat: '1000.00', totalInclTax: '6000.00' },
    });
  });

  it('an obapi amount sent as a number is a response error, not a float', () => {
    const parsed = obapiSingleSchema.safeParse({
      order: {
        id: '1',
        ref: 'CO1',
        status: 'draft',
        total_excl_tax: 5000,
        total_vat: '0.00',
        total_incl_tax: '0.00',
      },
    });
    expect(parsed.success).toBe(false);
  });

  it("Adobe's order (the doc's example): no money, the currency only", () => {
    const order = adobeOrderSchema.parse({
      externalReferenceId: '759',
      orderId: '0123456789',
      customerId: '9876543210',
      orderType: 'NEW',
      referenceOrderId: '',
      currencyCode: 'USD',
      creationDate: '2019-05-02T22:49:54Z',
      status: '1000',
      lineItems: [
        { extLineItemNumber: 4, offerId: '80004567EA01A12', quantity: 1, status: '1000' },
      ],
      links: {
        self: { uri: '/v3/customers/9876543210/orders/0123456789', method: 'GET', headers: [] },
      },
    });
    expect(normalizeAdobeOrder(order)).toMatchObject({
      provider: 'adobe',
      id: '0123456789',
      customerReference: '759',
      status: 'completed',
      createdAt: '2019-05-02T22:49:54.000Z',
      amounts: { currency: 'USD' },
    });
  });

  it("Orange's request and order (the docs' examples)", () => {
    const request = orangeRequestSchema.parse({
      id: '3-00286023',
      customerReference: '#DEMO#',
      step: 'REQUEST',
      priority: 'MEDIUM',
      customer: { id: '33-01257052', name: 'demo.gcompte' },
      comment: 'New order',
      category: 'R_BVPN_S1A',
    });
    expect(normalizeOrangeRequest(request)).toMatchObject({
      id: '3-00286023',
      customerReference: '#DEMO#',
      providerStatus: 'REQUEST',
    });
    const order = orangeOrderSchema.parse({
      id: '123456',
      status: 'Current',
      request: { id: '3-0000000', customerReference: '', status: '', orangeContact: { name: '' } },
    });
    expect(normalizeOrangeOrder(order)).toMatchObject({
      id: '123456',
      customerReference: null,
      status: 'in_progress',
    });
  });

  it('a Covage order: its reference is its id, external_id the customer reference', () => {
    const order = covageOrderSchema.parse({
      order_reference: 'ORD_DC173_20250423_003363',
      state: 'in_progress',
      external_id: 'ACME-01',
      order_date: '2025-04-23T10:13:08.733+02:00',
      state_change: [
        { state: 'confirmed', change_date: '2025-04-23T10:13:08.733+02:00', change_reason: '' },
        { state: 'in_progress', change_date: '2025-04-24T09:00:00Z', change_reason: '' },
      ],
    });
    expect(normalizeCovageOrder(order)).toMatchObject({
      id: 'ORD_DC173_20250423_003363',
      reference: 'ORD_DC173_20250423_003363',
      customerReference: 'ACME-01',
      status: 'in_progress',
      createdAt: '2025-04-23T08:13:08.733Z',
      updatedAt: '2025-04-24T09:00:00.000Z',
    });
  });
});

describe('paging arithmetic', () => {
  it("Orange's total is the larger count header, whichever way round they come", () => {
    expect(orangeTotal(new Headers({ 'X-Total-Count': '106', 'X-Result-Count': '25' }))).toBe(106);
    expect(orangeTotal(new Headers({ 'X-Total-Count': '25', 'X-Result-Count': '106' }))).toBe(106);
    expect(orangeTotal(new Headers({ 'X-Total-Count': '7' }))).toBe(7);
    expect(orangeTotal(new Headers())).toBeUndefined();
  });

  it('offset pages: the rest after the first page, at the size the server really answers', () => {
    const plan = offsetPages(10, 10, 47);
    expect(plan.pageCount).toBe(4);
    expect([0, 1, 2, 3].map(plan.offsetOf)).toEqual([10, 20, 30, 40]);
    const capped = offsetPages(8, 100, 47);
    expect(capped.pageSize).toBe(8);
    expect(capped.pageCount).toBe(5);
    expect(capped.offsetOf(4)).toBe(40);
    expect(offsetPages(0, 10, 0).pageCount).toBe(0);
    expect(offsetPages(47, 100, 47).pageCount).toBe(0);
  });
});
