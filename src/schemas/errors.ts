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

/**
 * A one-line summary of an error body, whatever its shape, each shape tried in turn (so that a
 * field error on a field named `error` or `detail` reads as one).
 */
export function describeErrorBody(body: unknown): string | undefined {
  const sandbox = sandboxErrorBodySchema.safeParse(body);
  if (sandbox.success) return sandbox.data.error.message;
  const detail = detailErrorBodySchema.safeParse(body);
  if (detail.success) return detail.data.detail;
  const fields = fieldErrorsBodySchema.safeParse(body);
  if (!fields.success) return undefined;
  const parts = Object.entries(fields.data).map(
    ([field, messages]) => `${field}: ${Array.isArray(messages) ? messages.join(' ') : messages}`,
  );
  return parts.length > 0 ? parts.join('; ') : undefined;
}
