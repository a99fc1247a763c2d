import { z } from 'zod';
import { isoDateOrDateTime } from '../../dates.js';
import { decimalString } from '../../money.js';
import { statusField } from '../../status.js';

/** obapi customer orders (`GET /obapi/v1/orders`). Money is decimal strings, kept as strings. */

export const OBAPI_STATUSES = [
  'draft',
  'validated',
  'in_progress',
  'delivered',
  'cancelled',
] as const;
export const OBAPI_SORTS = ['date_asc', 'date_desc', 'ref_asc', 'ref_desc'] as const;
export type ObapiSort = (typeof OBAPI_SORTS)[number];

const text = z.string().nullish();
const date = isoDateOrDateTime.nullish();

export const obapiOrderLineSchema = z.looseObject({
  id: z.string(),
  position: z.number().int().optional(),
  product_ref: text,
  product_label: text,
  description: text,
  quantity: decimalString.optional(),
  unit: text,
  unit_price_excl_tax: decimalString.optional(),
  discount_percent: decimalString.optional(),
  vat_rate: decimalString.optional(),
  total_excl_tax: decimalString.optional(),
  total_vat: decimalString.optional(),
  total_incl_tax: decimalString.optional(),
});

export const obapiOrderSchema = z.looseObject({
  id: z.string().min(1),
  ref: z.string(),
  customer_ref: text,
  date_order: date,
  date_delivery: date,
  validated_at: date,
  created_at: date,
  updated_at: date,
  /** Any value, or none: a status the reader does not know is `unknown`, never an error. */
  status: statusField,
  is_billed: z.boolean().optional(),
  total_excl_tax: decimalString.optional(),
  total_vat: decimalString.optional(),
  total_incl_tax: decimalString.optional(),
  lines: z.array(obapiOrderLineSchema).optional(),
});
export type ObapiOrder = z.infer<typeof obapiOrderSchema>;

export const obapiPageSchema = z.looseObject({
  items: z.array(obapiOrderSchema),
  pagination: z.looseObject({
    page: z.number().int().positive(),
    per_page: z.number().int().positive(),
    total_items: z.number().int().nonnegative(),
    total_pages: z.number().int().nonnegative(),
  }),
});
export type ObapiPage = z.infer<typeof obapiPageSchema>;

export const obapiSingleSchema = z.looseObject({ order: obapiOrderSchema });
