import { z } from 'zod';
import { statusField } from '../../status.js';

/** Adobe VIP Marketplace orders (`GET /v3/customers/{customerId}/orders`). No money amounts. */

export const ADOBE_ORDER_TYPES = ['NEW', 'TRANSFER', 'RENEWAL'] as const;

const text = z.string().nullish();

const linkSchema = z.looseObject({
  uri: z.string(),
  method: z.string().optional(),
  headers: z.array(z.unknown()).optional(),
});

export const adobeLineItemSchema = z.looseObject({
  extLineItemNumber: z.number().int().optional(),
  offerId: text,
  quantity: z.number().int().optional(),
  subscriptionId: text,
  status: statusField,
  currencyCode: text,
  deploymentId: text,
});

export const adobeOrderSchema = z.looseObject({
  orderId: z.string().min(1),
  externalReferenceId: text,
  customerId: text,
  orderType: text,
  referenceOrderId: text,
  currencyCode: text,
  creationDate: text,
  /** Any value, or none: a status the reader does not know is `unknown`, never an error. */
  status: statusField,
  lineItems: z.array(adobeLineItemSchema).optional(),
  links: z.looseObject({ self: linkSchema.optional() }).optional(),
});
export type AdobeOrder = z.infer<typeof adobeOrderSchema>;

export const adobePageSchema = z.looseObject({
  totalCount: z.number().int().nonnegative(),
  count: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  limit: z.number().int().nonnegative(),
  items: z.array(adobeOrderSchema),
  links: z
    .looseObject({
      self: linkSchema.optional(),
      next: linkSchema.optional(),
      prev: linkSchema.optional(),
    })
    .optional(),
});
export type AdobePage = z.infer<typeof adobePageSchema>;
