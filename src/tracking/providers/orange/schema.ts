import { z } from 'zod';
import { statusField } from '../../status.js';

/**
 * Orange Business records. The docs show only part of each record; the fields they show are
 * read as shown, the others are optional, and unknown fields are kept. A status may be missing or
 * of any type: it never fails a listing (see `commonStatus`).
 */

const text = z.string().nullish();

/** Orange Ordering v2: one request (`GET /ordering/b2b/v2/requests`). */
export const orangeRequestSchema = z.looseObject({
  id: z.string().min(1),
  customerReference: text,
  step: statusField,
  /** Not shown in the ordering doc's excerpt; the tracking doc shows `request.status`. */
  status: statusField,
  type: text,
  priority: text,
  customer: z.looseObject({ id: text, name: text }).nullish(),
  comment: text,
  category: text,
  createdAt: text,
  updatedAt: text,
});
export type OrangeRequest = z.infer<typeof orangeRequestSchema>;

/** Orange Order Tracking v1: one order (`GET /order-tracking/b2b/v1/orders`). */
export const orangeOrderSchema = z.looseObject({
  id: z.string().min(1),
  /**
   * `Current` or `Closed`, the values the doc filters on. The doc's own example record has none
   * (only `request.status`, empty): then the request's status is read.
   */
  status: statusField,
  request: z
    .looseObject({
      id: text,
      customerReference: text,
      status: statusField,
      orangeContact: z.looseObject({ name: text }).nullish(),
    })
    .nullish(),
  createdAt: text,
  updatedAt: text,
});
export type OrangeOrder = z.infer<typeof orangeOrderSchema>;

/** Orange's error body (`{ code, message, description }`). */
export const orangeErrorSchema = z.looseObject({
  code: z.union([z.number(), z.string()]),
  message: z.string(),
  description: z.string().optional(),
});
