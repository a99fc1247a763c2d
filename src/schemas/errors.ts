import * as z from 'zod/mini';

/**
 * Error bodies. The order-taking doc lists status codes (400, 401, 403, 404, 429) but no body;
 * three shapes are read:
 * - this project's sandbox: `{ "error": { "code", "message", "details"? } }`;
 * - a `{ "detail": "…" }` body, as Django REST framework APIs answer;
 * - field errors, `{ "<field>": ["message", …] }`.
 */
export const errorDetailSchema = z.looseObject({
  path: z.string(),
  code: z.string(),
  message: z.string(),
});
export type ErrorDetail = z.infer<typeof errorDetailSchema>;

export const sandboxErrorBodySchema = z.looseObject({
  error: z.looseObject({
    code: z.string(),
    message: z.string(),
    details: z.optional(z.array(errorDetailSchema)),
  }),
});
export type SandboxErrorBody = z.infer<typeof sandboxErrorBodySchema>;

export const detailErrorBodySchema = z.looseObject({ detail: z.string() });

export const fieldErrorsBodySchema = z.record(
  z.string(),
  z.union([z.array(z.string()), z.string()]),
);

export const apiErrorBodySchema = z.union([
  sandboxErrorBodySchema,
  detailErrorBodySchema,
  fieldErrorsBodySchema,
]);
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;

/** A one-line summary of an error body, whatever its shape. */
export function describeErrorBody(body: unknown): string | undefined {
  const parsed = apiErrorBodySchema.safeParse(body);
  if (!parsed.success) return undefined;
  const value = parsed.data;
  if ('error' in value && typeof value.error === 'object' && value.error !== null) {
    const error = (value as SandboxErrorBody).error;
    return error.message;
  }
  if ('detail' in value && typeof value.detail === 'string') return value.detail;
  const parts = Object.entries(value as Record<string, string | string[]>).map(
    ([field, messages]) => `${field}: ${Array.isArray(messages) ? messages.join(' ') : messages}`,
  );
  return parts.length > 0 ? parts.join('; ') : undefined;
}
