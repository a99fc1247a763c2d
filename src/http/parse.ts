import * as z from 'zod/mini';
import { formatPath } from '../rules/path.js';
import { zodIssueMessage } from '../rules/zodIssues.js';
import { CovageResponseError } from './errors.js';
import { redact } from './redact.js';

/**
 * Parses a 2xx body with its schema. A body that does not match raises `CovageResponseError`
 * naming each property path (`product_order_item[0].state`) and keeping the raw body (redacted).
 */
export function parseBody<S extends z.core.$ZodType>(
  schema: S,
  body: unknown,
  where: { method: string; path: string },
): z.output<S> {
  const result = z.safeParse(schema, body, { error: zodIssueMessage });
  if (result.success) return result.data;
  throw new CovageResponseError(
    where.method,
    where.path,
    result.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })),
    redact(body),
  );
}
