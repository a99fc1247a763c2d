import { z } from 'zod';
import { statusField } from '../../status.js';

/**
 * Covage orders after creation (order tracking, phase two): `GET /api/v1/order/` and
 * `GET /api/v1/order/{order_reference}/historic/`. Covage's public docs name the states but not
 * the bodies; the field names below reuse the order-taking line's names (an assumption, see
 * docs/tracking.md). Unknown fields are kept.
 */

export const COVAGE_ORDER_STATES = [
  'confirmed',
  'in_progress',
  'active',
  'rejected',
  'cancelled',
  'change_in_progress',
  'terminate_in_progress',
  'terminated',
] as const;

/** One entry of an order's history (`state_change`, and the `historic` endpoint). */
export const covageOrderStateChangeSchema = z.looseObject({
  state: statusField,
  change_date: z.string(),
  change_reason: z.string().nullish(),
});
export type CovageOrderStateChange = z.infer<typeof covageOrderStateChangeSchema>;

const text = z.string().nullish();

export const covageOrderSchema = z
  .looseObject({
    /** Empty on a line that has no order yet (the doc's line examples): its `id` names it then. */
    order_reference: text,
    id: z.union([z.string(), z.number()]).nullish(),
    /** Any value, or none: a state the reader does not know is `unknown`, never an error. */
    state: statusField,
    external_id: text,
    product_order_id: text,
    product_order_item_id: text,
    temporary_reference: text,
    product_offering_id: text,
    offer_family: text,
    customer_order_name: text,
    end_customer_name: text,
    order_date: text,
    completion_date: text,
    cancellation_date: text,
    cancellation_reason: text,
    state_change: z.array(covageOrderStateChangeSchema).nullish(),
  })
  .refine((order) => Boolean(order.order_reference) || (order.id ?? '') !== '', {
    message: 'a Covage order needs an order_reference (or an id)',
  });
export type CovageOrder = z.infer<typeof covageOrderSchema>;

/** A page, in the shape Django REST framework's limit/offset pagination answers. */
export const covageOrderPageSchema = z.looseObject({
  count: z.number().int().nonnegative(),
  next: z.string().nullish(),
  previous: z.string().nullish(),
  results: z.array(covageOrderSchema),
});
export type CovageOrderPage = z.infer<typeof covageOrderPageSchema>;

/** The history: a plain list, or a page of entries. */
export const covageOrderHistorySchema = z.union([
  z.array(covageOrderStateChangeSchema),
  z
    .looseObject({ results: z.array(covageOrderStateChangeSchema) })
    .transform((page) => page.results),
]);
