import { ORDER_CREATED_LINE_STATES } from '../../schemas/states.js';
import type { COVAGE_ORDER_STATES } from '../../tracking/providers/covage/schema.js';
import { createRandom, mixSeed, type Random } from '../random.js';
import { orderReference, temporaryReference } from '../references.js';
import type { SessionStore } from '../store.js';
import { isoDate } from '../time.js';
import { currentStep, planTimeline, type Step, stepsAt } from './timeline.js';

/** Covage phase-two order states: `confirmed → in_progress → active | rejected`, and so on. */
export type CovageOrderState = (typeof COVAGE_ORDER_STATES)[number];

/** The paths an order may take, as Covage's order-tracking page describes them. */
const PATHS: readonly (readonly CovageOrderState[])[] = [
  ['confirmed', 'in_progress', 'active'],
  ['confirmed', 'in_progress', 'active'],
  ['confirmed', 'in_progress', 'rejected'],
  ['confirmed', 'in_progress', 'cancelled'],
  ['confirmed', 'in_progress', 'active', 'change_in_progress', 'active'],
  ['confirmed', 'in_progress', 'active', 'terminate_in_progress', 'terminated'],
];

const REASONS: Partial<Record<CovageOrderState, string>> = {
  rejected: 'address not eligible',
  cancelled: 'cancelled at the customer’s request',
  terminated: 'termination requested',
};

const OFFERS = [
  { id: '2173', family: 'BPE' },
  { id: '2174', family: 'BPE' },
  { id: '3120', family: 'DIA' },
  { id: '4410', family: 'LAN' },
] as const;

const NAMES = ['Boulangerie Martin', 'Cabinet Durand', 'Garage Petit', 'Hôtel du Port', 'Mairie'];

/** A Covage order: fixed fields plus its steps. `owner` unset = every user sees it (seeded). */
export interface CovageSeedOrder {
  owner?: string;
  fields: {
    order_reference: string;
    external_id: string;
    product_order_id: string;
    product_order_item_id: string;
    temporary_reference: string;
    product_offering_id: string;
    offer_family: string;
    customer_order_name: string;
    end_customer_name: string;
  };
  steps: Step<CovageOrderState>[];
}

export type CovageOrderRecord = ReturnType<typeof covageOrderRecord>;

const SEEDED = 'seeded';
const DAY = 86_400_000;

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function fakeUuid(random: Random): string {
  const hex = () =>
    Math.floor(random() * 0x10000)
      .toString(16)
      .padStart(4, '0');
  return `${hex()}${hex()}-${hex()}-4${hex().slice(1)}-a${hex().slice(1)}-${hex()}${hex()}${hex()}`;
}

export function seedCovageOrders(
  seed: number,
  count: number,
  start: number,
  progressStepMs: number,
): CovageSeedOrder[] {
  const random = createRandom(mixSeed(seed, 0xc0fa9e));
  return Array.from({ length: count }, (_, index) => {
    const createdAt = start - (count - index) * (DAY / 4) - Math.floor(random() * 3_600_000);
    const offer = pick(random, OFFERS);
    const sequence = index + 1;
    return {
      fields: {
        order_reference: orderReference(SEEDED, createdAt, sequence),
        external_id: `EXT-${String(sequence).padStart(5, '0')}`,
        product_order_id: fakeUuid(random),
        product_order_item_id: fakeUuid(random),
        temporary_reference: temporaryReference(SEEDED, createdAt, sequence),
        product_offering_id: offer.id,
        offer_family: offer.family,
        customer_order_name: `Order ${sequence}`,
        end_customer_name: pick(random, NAMES),
      },
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

/**
 * The user's confirmed lines that became orders, as phase-two orders: `confirmed` when the order
 * was created, then `in_progress` and `active`, one `progressStepMs` apart.
 */
export function ordersFromLines(
  sessions: SessionStore,
  user: string,
  now: number,
  progressStepMs: number,
): CovageSeedOrder[] {
  const orders: CovageSeedOrder[] = [];
  for (const session of sessions.of(user, now)) {
    for (const line of session.lines) {
      if (!line.orderReference || !line.orderDate) continue;
      if (!ORDER_CREATED_LINE_STATES.includes(line.state)) continue;
      const at = Date.parse(line.orderDate);
      orders.push({
        owner: user,
        fields: {
          order_reference: line.orderReference,
          external_id: line.input.external_id ?? '',
          product_order_id: session.id,
          product_order_item_id: line.id,
          temporary_reference: line.temporaryReference,
          product_offering_id: line.input.product_offering_id,
          offer_family: line.input.offer_family ?? '',
          customer_order_name: line.input.customer_order_name ?? '',
          end_customer_name: line.input.end_customer_name ?? '',
        },
        steps: (['confirmed', 'in_progress', 'active'] as const).map((state, index) => ({
          state,
          at: at + index * progressStepMs,
        })),
      });
    }
  }
  return orders;
}

/** The order as `GET /api/v1/order/` answers it, at `now`. */
export function covageOrderRecord(order: CovageSeedOrder, now: number) {
  const past = stepsAt(order.steps, now);
  const current = currentStep(order.steps, now);
  const firstOf = (state: CovageOrderState) => past.find((step) => step.state === state);
  const active = firstOf('active');
  const cancelled = firstOf('cancelled') ?? firstOf('terminated');
  return {
    ...order.fields,
    state: current.state,
    order_date: isoDate((order.steps[0] as Step).at),
    completion_date: active ? isoDate(active.at) : null,
    cancellation_date: cancelled ? isoDate(cancelled.at) : null,
    cancellation_reason: cancelled ? (REASONS[cancelled.state] ?? '') : '',
    state_change: covageHistory(order, now),
  };
}

/** The order's history, oldest first, as `…/historic/` answers it. */
export function covageHistory(order: CovageSeedOrder, now: number) {
  return stepsAt(order.steps, now).map((step) => ({
    state: step.state,
    change_date: isoDate(step.at),
    change_reason: REASONS[step.state] ?? '',
  }));
}
