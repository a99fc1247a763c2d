import { z } from 'zod';

/**
 * Orange Business records. The docs show only part of each record; the fields they show are
 * read as shown, the others are optional, and unknown fields are kept.
 */

const text = z.string().nullish();

/** Orange Ordering v2: one request (`GET /ordering/b2b/v2/requests`). */
export const orangeRequestSchema = z.looseObject({
  id: z.string().min(1),
  customerReference: text,
  step: text,
  /** Not shown in the ordering doc's excerpt; the tracking doc shows `request.status`. */
  status: text,
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
  /** `Current` or `Closed`, the values the doc filters on. */
  status: z.string().min(1),
  request: z
    .looseObject({
      id: text,
      customerReference: text,
      status: text,
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
