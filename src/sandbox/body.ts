import type { Context } from 'hono';
import * as z from 'zod/mini';
import { issuesFromZod, zodIssueMessage } from '../rules/zodIssues.js';
import { readAliases } from '../schemas/spelling.js';
import { detailsFromIssues, SandboxError } from './errors.js';
import { checkTextLengths, type ResolvedLimits } from './limits.js';

/** `application/json`, with or without parameters, and `application/*+json`. */
export function isJsonContentType(header: string | undefined): boolean {
  const type = header?.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

/**
 * Reads a JSON request body. An empty body is `empty` when given (the body is optional), else a
 * 400; a body that is not declared JSON is a 415; malformed JSON is a 400. The size limit (413)
 * is enforced by the body-limit middleware before this runs.
 */
export async function readJsonBody(c: Context, empty?: () => unknown): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') {
    if (empty) return empty();
    throw new SandboxError(400, 'missing_body', 'this request needs a JSON body');
  }
  if (!isJsonContentType(c.req.header('content-type')))
    throw new SandboxError(
      415,
      'unsupported_media_type',
      'send the body as JSON with Content-Type: application/json',
    );
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new SandboxError(400, 'invalid_json', 'the body is not valid JSON');
  }
}

/**
 * Parses a body with a schema, or answers 400 with every problem and its field path. A text
 * field over the sandbox's length limit is a 422 first (see limits.ts).
 */
export function parseBody<S extends z.core.$ZodType>(
  schema: S,
  body: unknown,
  limits?: ResolvedLimits,
): z.output<S> {
  if (limits) checkTextLengths(body, limits);
  const result = z.safeParse(schema, body, { error: zodIssueMessage });
  if (result.success) return result.data;
  throw new SandboxError(
    400,
    'invalid_body',
    'the body does not match the API',
    detailsFromIssues(issuesFromZod(result.error, readAliases(body).value)),
  );
}
