import { createRandom, mixSeed, type Random } from '../random.js';
import { isoDate } from '../time.js';
import { currentStep, planTimeline, type Step } from './timeline.js';

/**
 * Seeded Orange Business records. The docs show part of each record (`id`, `customerReference`,
 * `step`, `priority`, `customer`, `comment`, `category`; an order's `request` with its `status`);
 * the statuses of a request, `type`, `createdAt` and `updatedAt` are the sandbox's assumptions.
 */

export type OrangeRequestStatus =
  | 'Draft'
  | 'Submitted'
  | 'In Progress'
  | 'Completed'
  | 'Cancelled'
  | 'Rejected';
export type OrangeOrderStatus = 'Current' | 'Closed';

const REQUEST_PATHS: readonly (readonly OrangeRequestStatus[])[] = [
  ['Submitted', 'In Progress', 'Completed'],
  ['Submitted', 'In Progress', 'Completed'],
  ['Submitted', 'Rejected'],
  ['Submitted', 'In Progress', 'Cancelled'],
  ['Draft', 'Submitted', 'In Progress', 'Completed'],
];

export const ORANGE_REQUEST_TYPES = ['C_GENERIC_S1', 'R_BVPN_S1A', 'C_INTERNET_S1'] as const;
const PRIORITIES = ['LOW', 'MEDIUM', 'HIGH'] as const;
const CUSTOMER = { id: '33-01257052', name: 'demo.gcompte' };
const CONTACTS = ['Claire Moreau', 'Julien Roux', 'Sophie Laurent'];
const HOUR = 3_600_000;

export interface OrangeSeedRequest {
  fields: {
    id: string;
    customerReference: string;
    type: string;
    priority: string;
    comment: string;
  };
  steps: Step<OrangeRequestStatus>[];
}

export interface OrangeSeedOrder {
  fields: { id: string; requestId: string; customerReference: string; contact: string };
  steps: Step<OrangeOrderStatus>[];
}

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function createdAt(random: Random, start: number, count: number, index: number): number {
  return start - (count - index) * 5 * HOUR - Math.floor(random() * HOUR);
}

export function seedOrangeRequests(
  seed: number,
  count: number,
  start: number,
  progressStepMs: number,
): OrangeSeedRequest[] {
  const random = createRandom(mixSeed(seed, 0x0a2e));
  return Array.from({ length: count }, (_, index) => ({
    fields: {
      id: `3-${String(286_000 + index).padStart(8, '0')}`,
      customerReference: `#PO-${String(index + 1).padStart(4, '0')}#`,
      type: pick(random, ORANGE_REQUEST_TYPES),
      priority: pick(random, PRIORITIES),
      comment: index % 3 === 0 ? 'New order' : '',
    },
    steps: planTimeline(random, {
      path: pick(random, REQUEST_PATHS),
      createdAt: createdAt(random, start, count, index),
      start,
      live: random() < 0.3,
      progressStepMs,
    }),
  }));
}

export function seedOrangeOrders(
  seed: number,
  count: number,
  start: number,
  progressStepMs: number,
): OrangeSeedOrder[] {
  const random = createRandom(mixSeed(seed, 0x0a2f));
  return Array.from({ length: count }, (_, index) => ({
    fields: {
      id: String(1_000_000 + index * 7),
      requestId: `3-${String(486_000 + index).padStart(8, '0')}`,
      customerReference: `#SITE-${String(index + 1).padStart(4, '0')}#`,
      contact: pick(random, CONTACTS),
    },
    steps: planTimeline(random, {
      path: ['Current', 'Closed'],
      createdAt: createdAt(random, start, count, index),
      start,
      live: random() < 0.3,
      progressStepMs,
    }),
  }));
}

/** A request as `GET /ordering/b2b/v2/requests` answers it, at `now`. */
export function orangeRequestRecord(request: OrangeSeedRequest, now: number) {
  const current = currentStep(request.steps, now);
  return {
    id: request.fields.id,
    customerReference: request.fields.customerReference,
    step: 'REQUEST',
    status: current.state,
    type: request.fields.type,
    priority: request.fields.priority,
    customer: CUSTOMER,
    comment: request.fields.comment,
    category: request.fields.type,
    createdAt: isoDate((request.steps[0] as Step).at),
    updatedAt: isoDate(current.at),
  };
}

/** An order as `GET /order-tracking/b2b/v1/orders` answers it, at `now`. */
export function orangeOrderRecord(order: OrangeSeedOrder, now: number) {
  const current = currentStep(order.steps, now);
  return {
    id: order.fields.id,
    status: current.state,
    request: {
      id: order.fields.requestId,
      customerReference: order.fields.customerReference,
      status: current.state === 'Closed' ? 'Completed' : 'In Progress',
      orangeContact: { name: order.fields.contact },
    },
    createdAt: isoDate((order.steps[0] as Step).at),
    updatedAt: isoDate(current.at),
  };
}
