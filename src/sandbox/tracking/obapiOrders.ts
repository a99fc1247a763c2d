import { createRandom, mixSeed, type Random } from '../random.js';
import { isoDate } from '../time.js';
import { centsToDecimal, vatCents } from './money.js';
import { currentStep, planTimeline, type Step, stepsAt } from './timeline.js';

export type ObapiStatus = 'draft' | 'validated' | 'in_progress' | 'delivered' | 'cancelled';

const PATHS: readonly (readonly ObapiStatus[])[] = [
  ['draft', 'validated', 'in_progress', 'delivered'],
  ['draft', 'validated', 'in_progress', 'delivered'],
  ['validated', 'in_progress', 'delivered'],
  ['draft', 'cancelled'],
  ['validated', 'cancelled'],
];

const PRODUCTS = [
  {
    ref: 'CONSULTING-01',
    label: 'Consulting service',
    type: 'service',
    unit: 'hour',
    price: 10_000,
  },
  {
    ref: 'FIBER-INSTALL',
    label: 'Fibre installation',
    type: 'service',
    unit: 'unit',
    price: 45_000,
  },
  { ref: 'ROUTER-X2', label: 'Router X2', type: 'product', unit: 'unit', price: 18_990 },
  { ref: 'SUPPORT-M', label: 'Monthly support', type: 'service', unit: 'month', price: 4_950 },
] as const;

const VAT_RATE = 20_000; // 20.000 %
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface SeedLine {
  id: string;
  product: (typeof PRODUCTS)[number];
  quantity: number;
  discountPercent: number;
}

export interface ObapiSeedOrder {
  id: string;
  ref: string;
  customerRef: string;
  lines: SeedLine[];
  steps: Step<ObapiStatus>[];
}

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

export function seedObapiOrders(
  seed: number,
  count: number,
  start: number,
  progressStepMs: number,
): ObapiSeedOrder[] {
  const random = createRandom(mixSeed(seed, 0x0ba9));
  const perMonth = new Map<string, number>();
  let lineId = 700;
  return Array.from({ length: count }, (_, index) => {
    const createdAt = start - (count - index) * 20 * HOUR - Math.floor(random() * HOUR);
    const month = isoDate(createdAt).slice(2, 7).replace('-', '');
    const sequence = (perMonth.get(month) ?? 0) + 1;
    perMonth.set(month, sequence);
    const lines = Array.from({ length: 1 + Math.floor(random() * 3) }, () => ({
      id: String(++lineId),
      product: pick(random, PRODUCTS),
      quantity: 1 + Math.floor(random() * 50),
      discountPercent: random() < 0.2 ? 10 : 0,
    }));
    return {
      id: String(1000 + index),
      ref: `CO${month}-${String(sequence).padStart(4, '0')}`,
      customerRef: `PO-${isoDate(createdAt).slice(0, 4)}-${String(index + 1).padStart(3, '0')}`,
      lines,
      steps: planTimeline(random, {
        path: pick(random, PATHS),
        createdAt,
        start,
        live: random() < 0.3,
        progressStepMs,
      }),
    };
  });
}

function lineRecord(line: SeedLine, position: number) {
  const gross = line.product.price * line.quantity;
  const excl = gross - Math.round((gross * line.discountPercent) / 100);
  const vat = vatCents(excl, VAT_RATE);
  return {
    record: {
      id: line.id,
      position,
      product_ref: line.product.ref,
      product_label: line.product.label,
      product_type: line.product.type,
      description: line.product.label,
      quantity: `${line.quantity}.00`,
      unit: line.product.unit,
      unit_price_excl_tax: centsToDecimal(line.product.price),
      discount_percent: `${line.discountPercent}.00`,
      vat_rate: '20.000',
      total_excl_tax: centsToDecimal(excl),
      total_vat: centsToDecimal(vat),
      total_incl_tax: centsToDecimal(excl + vat),
    },
    excl,
    vat,
  };
}

/** The list item (`GET /obapi/v1/orders`) at `now`. */
export function obapiListItem(order: ObapiSeedOrder, now: number) {
  const current = currentStep(order.steps, now);
  const lines = order.lines.map((line, index) => lineRecord(line, index + 1));
  const excl = lines.reduce((sum, line) => sum + line.excl, 0);
  const vat = lines.reduce((sum, line) => sum + line.vat, 0);
  return {
    id: order.id,
    ref: order.ref,
    customer_ref: order.customerRef,
    date_order: isoDate((order.steps[0] as Step).at).slice(0, 10),
    status: current.state,
    is_billed: current.state === 'delivered',
    total_excl_tax: centsToDecimal(excl),
    total_vat: centsToDecimal(vat),
    total_incl_tax: centsToDecimal(excl + vat),
  };
}

/** The single order (`GET /obapi/v1/orders/{id}`) at `now`. */
export function obapiOrderRecord(order: ObapiSeedOrder, now: number) {
  const item = obapiListItem(order, now);
  const past = stepsAt(order.steps, now);
  const created = (order.steps[0] as Step).at;
  const validated = past.find((step) => step.state === 'validated');
  return {
    ...item,
    date_delivery: isoDate(created + 14 * DAY).slice(0, 10),
    validated_at: validated ? isoDate(validated.at) : null,
    created_at: isoDate(created),
    updated_at: isoDate((past.at(-1) as Step).at),
    payment_terms: 'Net 30 days',
    payment_method: 'Bank transfer',
    shipping_method: 'Colissimo',
    public_note: '',
    lines: order.lines.map((line, index) => lineRecord(line, index + 1).record),
  };
}
