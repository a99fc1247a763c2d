import * as z from 'zod/mini';
import { sessionCreateSchema } from './session.js';

/** A line of an order file: any JSON object, kept as read (not copied, not checked here). */
export const orderFileLineSchema = z.custom<Record<string, unknown>>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  { message: 'a line is a JSON object' },
);

/**
 * An order file: the session to create and its lines. Each line must be an object, and is kept
 * as read: `checkConfirmation` parses each one and reports problems with their paths, line by
 * line.
 */
export const orderFileSchema = z.strictObject({
  session: z._default(z.optional(sessionCreateSchema), {}),
  lines: z.array(orderFileLineSchema),
});
export type OrderFile = z.infer<typeof orderFileSchema>;
