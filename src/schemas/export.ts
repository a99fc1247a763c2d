import * as z from 'zod/mini';

/** Answer to `POST /api/v1/product_order/export/csv/`. */
export const exportTaskSchema = z.looseObject({
  task_id: z.string().check(z.minLength(1)),
});
export type ExportTask = z.infer<typeof exportTaskSchema>;

/**
 * Answer to `GET /api/v1/product_order/export/{task_id}/status/`. `success` is `null` while the
 * task runs (or has not started), `true` when the file is ready, `false` when the task failed.
 */
export const exportStatusSchema = z.looseObject({
  task_id: z.string().check(z.minLength(1)),
  success: z.nullable(z.boolean()),
  started: z.nullish(z.string()),
  stopped: z.nullish(z.string()),
});
export type ExportStatus = z.infer<typeof exportStatusSchema>;
