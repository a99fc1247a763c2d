import { z } from 'zod';
import { sessionCreateSchema } from './session.js';

/**
 * An order file: the session to create and its lines. Lines are kept as read (`unknown`) here:
 * `checkConfirmation` parses each one and reports problems with their paths, line by line.
 */
export const orderFileSchema = z.strictObject({
  session: sessionCreateSchema.optional().default({}),
  lines: z.array(z.unknown()),
});
export type OrderFile = z.infer<typeof orderFileSchema>;
