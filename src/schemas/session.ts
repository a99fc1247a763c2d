import * as z from 'zod/mini';
import { lineSchema } from './line.js';
import { sessionStateSchema } from './states.js';

/** Body of `POST /api/v1/product_order`. */
export const sessionCreateSchema = z.strictObject({
  external_id: z.optional(z.string()),
  project_id: z.optional(z.string()),
});
export type SessionCreate = z.infer<typeof sessionCreateSchema>;

const optionalText = z.nullish(z.string());

/** Answer to `POST /api/v1/product_order`: the order session. */
export const sessionSchema = z.looseObject({
  external_id: optionalText,
  project_id: optionalText,
  id: z.string().check(z.minLength(1)),
  creation_date: z.string(),
  cancellation_date: optionalText,
  completion_date: optionalText,
  order_date: z.nullable(z.string()),
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
  id: z.string().check(z.minLength(1)),
  product_order_item: z.array(lineSchema),
  creation_date: optionalText,
  cancellation_date: optionalText,
  completion_date: optionalText,
  order_date: optionalText,
  state: z.optional(sessionStateSchema),
});
export type SessionWithItems = z.infer<typeof sessionWithItemsSchema>;
