import type { Context, ErrorHandler, Hono, MiddlewareHandler, NotFoundHandler } from 'hono';
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

/** A route's path as a RegExp: `:name` is one segment, `*` anything. */
function routePattern(path: string): RegExp {
  const source = path
    .split(/(:[A-Za-z0-9_]+(?:\{[^}]*\})?|\*)/)
    .map((part) => {
      if (part === '*') return '.*';
      if (part.startsWith(':')) return '[^/]+';
      return part.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${source}$`);
}

/**
 * Answers a request no route took: 405 with `Allow` when the path exists for other methods
 * (`OPTIONS` gets 204 with `Allow`), else 404.
 */
export function handleNotFound(app: Hono<SandboxEnv>): NotFoundHandler<SandboxEnv> {
  let routes: { method: string; pattern: RegExp }[] | undefined;
  return (c: Context) => {
    routes ??= app.routes
      .filter((route) => route.method !== 'ALL')
      .map((route) => ({ method: route.method, pattern: routePattern(route.path) }));
    const path = c.req.path;
    const methods = new Set(routes.filter((r) => r.pattern.test(path)).map((r) => r.method));
    if (methods.size === 0)
      return c.json(errorBody('not_found', `no route for ${c.req.method} ${path}`), 404);
    if (methods.has('GET')) methods.add('HEAD');
    methods.add('OPTIONS');
    const allow = [...methods].join(', ');
    if (c.req.method === 'OPTIONS') return c.body(null, 204, { Allow: allow });
    return c.json(
      errorBody('method_not_allowed', `${c.req.method} is not allowed on ${path}; use ${allow}`),
      405,
      { Allow: allow },
    );
  };
}

/** Thrown when the client stops sending its body: nobody is left to answer, nothing to log. */
export class BodyAbortedError extends SandboxError {
  constructor() {
    super(400, 'body_aborted', 'the request body ended before it was complete');
  }
}

/** Reads a body stream up to `max` bytes; `undefined` when it is longer (the rest is unread). */
async function readUpTo(stream: ReadableStream<Uint8Array>, max: number) {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = stream.getReader();
  for (;;) {
    let part: ReadableStreamReadResult<Uint8Array>;
    try {
      part = await reader.read();
    } catch {
      throw new BodyAbortedError();
    }
    if (part.done) break;
    size += part.value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(part.value);
  }
  const body = Buffer.concat(chunks, size);
  return body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength);
}

/**
 * Limits the request body to `maxBodyBytes` (413 above, declared by Content-Length or streamed)
 * without reading it: the body is read only when a route asks for it (`c.req.text()`), which a
 * route does after authentication and its cheap checks. A body nobody asks for is never held;
 * the server drains a little of it after the answer, then closes the connection.
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
    let complete = declared === 0;
    let read: Promise<ArrayBuffer> | undefined;
    const start = () =>
      (read ??= readUpTo(stream, max).then((buffer) => {
        if (buffer === undefined) throw tooLarge();
        complete = true;
        return buffer;
      }));
    // Hono's body cache holds promises (its type says otherwise) and `c.req.text()` and the
    // like read from its `arrayBuffer` entry: a thenable that starts reading when awaited.
    (c.req.bodyCache as Record<string, unknown>).arrayBuffer = {
      // biome-ignore lint/suspicious/noThenProperty: a lazy promise, on purpose
      then: (resolve: (value: ArrayBuffer) => unknown, reject: (reason: unknown) => unknown) => {
        if (declared > max) return Promise.reject(tooLarge()).then(resolve, reject);
        return start().then(resolve, reject);
      },
    };
    await next();
    // Answered with the body (partly) unread: the server drains a little of it then hangs up,
    // so the client must not send its next request on this connection.
    if (!complete) c.res.headers.set('Connection', 'close');
  };
}
