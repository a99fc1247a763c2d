import { createRandom, mixSeed, type Random } from '../random.js';
import { currentStep, planTimeline, type Step } from './timeline.js';

/** Adobe order status codes: 1000 complete, 1002 open, 1004 failed, 1008 cancelled, 1026 failed (customer id invalid). */
export type AdobeStatus = '1000' | '1002' | '1004' | '1008' | '1026';
export const ADOBE_ORDER_TYPES = ['NEW', 'TRANSFER', 'RENEWAL'] as const;

const PATHS: readonly (readonly AdobeStatus[])[] = [
  ['1002', '1000'],
  ['1002', '1000'],
  ['1002', '1000'],
  ['1002', '1000'],
  ['1002', '1004'],
  ['1002', '1008'],
  ['1026'],
];

export const ADOBE_OFFERS = ['80004567CA01A12', '80004561CA02A12', '65304521CA01A12'] as const;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface AdobeSeedOrder {
  orderId: string;
  externalReferenceId: string;
  customerId: string;
  orderType: (typeof ADOBE_ORDER_TYPES)[number];
  lineItems: { offerId: string; quantity: number; subscriptionId: string }[];
  steps: Step<AdobeStatus>[];
}

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** Adobe writes dates to the second, in Zulu time: `2019-05-02T22:49:54Z`. */
export function zulu(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

export function seedAdobeOrders(
  seed: number,
  count: number,
  start: number,
  progressStepMs: number,
  customerId: string,
): AdobeSeedOrder[] {
  const random = createRandom(mixSeed(seed, 0xad0be));
  return Array.from({ length: count }, (_, index) => {
    const roll = random();
    return {
      orderId: String(5_120_000_000 + index * 13),
      externalReferenceId: String(700 + index),
      customerId,
      orderType: roll < 0.7 ? 'NEW' : roll < 0.9 ? 'RENEWAL' : 'TRANSFER',
      lineItems: Array.from({ length: 1 + Math.floor(random() * 2) }, () => ({
        offerId: pick(random, ADOBE_OFFERS),
        quantity: 1 + Math.floor(random() * 20),
        subscriptionId: String(86_000_000 + Math.floor(random() * 1_000_000)),
      })),
      steps: planTimeline(random, {
        path: pick(random, PATHS),
        createdAt: start - (count - index) * DAY - Math.floor(random() * 12 * HOUR),
        start,
        live: random() < 0.3,
        progressStepMs,
      }),
    };
  });
}

/** The order resource at `now`. */
export function adobeOrderRecord(order: AdobeSeedOrder, now: number) {
  const status = currentStep(order.steps, now).state;
  return {
    externalReferenceId: order.externalReferenceId,
    orderId: order.orderId,
    customerId: order.customerId,
    orderType: order.orderType,
    referenceOrderId: '',
    currencyCode: 'USD',
    creationDate: zulu((order.steps[0] as Step).at),
    status,
    lineItems: order.lineItems.map((item, index) => ({
      extLineItemNumber: index + 1,
      offerId: item.offerId,
      quantity: item.quantity,
      subscriptionId: status === '1000' ? item.subscriptionId : '',
      status,
      currencyCode: 'USD',
    })),
    links: {
      self: {
        uri: `/v3/customers/${order.customerId}/orders/${order.orderId}`,
        method: 'GET',
        headers: [],
      },
    },
  };
}
