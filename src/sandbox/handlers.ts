import type { Context, ErrorHandler, MiddlewareHandler, NotFoundHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
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

/** 413 for a body over `maxBodyBytes`, declared or streamed. */
export function limitBody(ctx: SandboxContext): MiddlewareHandler<SandboxEnv> {
  return bodyLimit({
    maxSize: ctx.options.maxBodyBytes,
    onError: (c) =>
      c.json(
        errorBody('payload_too_large', `the body is over ${ctx.options.maxBodyBytes} bytes`),
        413,
      ),
  });
}
