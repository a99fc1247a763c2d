import { z } from 'zod';
import { lineSchema } from './line.js';
import { sessionStateSchema } from './states.js';

/** Body of `POST /api/v1/product_order`. */
export const sessionCreateSchema = z.strictObject({
  external_id: z.string().optional(),
  project_id: z.string().optional(),
});
export type SessionCreate = z.infer<typeof sessionCreateSchema>;

const optionalText = z.string().nullish();

/** Answer to `POST /api/v1/product_order`: the order session. */
export const sessionSchema = z.looseObject({
  external_id: optionalText,
  project_id: optionalText,
  id: z.string().min(1),
  creation_date: z.string(),
  cancellation_date: optionalText,
  completion_date: optionalText,
  order_date: z.string().nullable(),
  state: sessionStateSchema,
});
export type Session = z.infer<typeof sessionSchema>;

/**
 * A session with its lines: the answer to the delete and confirm calls (`id` and
 * `product_order_item` required), and to `GET /api/v1/product_order/{id}/` (an assumption: the doc
 * documents no read endpoint), which may also carry the session's own fields and state.
 */
export const sessionWithItemsSchema = z.looseObject({
  external_id: optionalText,
  project_id: optionalText,
  id: z.string().min(1),
  product_order_item: z.array(lineSchema),
  creation_date: optionalText,
  cancellation_date: optionalText,
  completion_date: optionalText,
  order_date: optionalText,
  state: sessionStateSchema.optional(),
});
export type SessionWithItems = z.infer<typeof sessionWithItemsSchema>;
