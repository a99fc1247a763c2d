import type { Context, ErrorHandler, MiddlewareHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { SandboxContext, SandboxEnv } from './context.js';
import { errorBody, SandboxError } from './errors.js';

/** Answers every error as `{ "error": { "code", "message", "details"? } }`; never a stack trace. */
export const handleError: ErrorHandler<SandboxEnv> = (error, c) => {
  if (error instanceof SandboxError)
    return c.json(errorBody(error.code, error.message, error.details), error.status, error.headers);
  if (error instanceof HTTPException && error.status < 500)
    return c.json(
      errorBody('bad_request', error.message || 'bad request'),
      error.status as ContentfulStatusCode,
    );
  process.stderr.write(
    `covage sandbox: internal error on ${c.req.method} ${c.req.path}: ${String(error)}\n`,
  );
  return c.json(errorBody('internal_error', 'the sandbox failed on this request'), 500);
};

export const handleNotFound: NotFoundHandler<SandboxEnv> = (c: Context) =>
  c.json(errorBody('not_found', `no route for ${c.req.method} ${c.req.path}`), 404);

/**
 * Reads the request body once, up to `maxBodyBytes` (413 above, declared by Content-Length or
 * streamed), and leaves it in Hono's body cache for the routes.
 */
export function limitBody(ctx: SandboxContext): MiddlewareHandler<SandboxEnv> {
  const max = ctx.options.maxBodyBytes;
  // The rest of the body is left unread: `Connection: close` tells the client not to send its
  // next request on this connection (without it, that request is lost with the socket).
  const tooLarge = () =>
    new SandboxError(413, 'payload_too_large', `the body is over ${max} bytes`, undefined, {
      Connection: 'close',
    });
  return async (c, next) => {
    const stream = c.req.raw.body;
    if (!stream) return next();
    const declared = Number(c.req.header('content-length') ?? Number.NaN);
    if (declared > max) throw tooLarge();
    const chunks: Uint8Array[] = [];
    let size = 0;
    const reader = stream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > max) {
        await reader.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.push(value);
    }
    const body = Buffer.concat(chunks, size);
    const buffer = body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength);
    // Hono's cache holds promises (its type says otherwise); `c.req.text()` reads from it.
    (c.req.bodyCache as Record<string, unknown>).arrayBuffer = Promise.resolve(buffer);
    await next();
  };
}
