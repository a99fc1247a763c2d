import { CovageAbortError, CovageResponseError } from './errors.js';
import { classifyFetchFailure } from './network.js';
import { redact, truncate } from './redact.js';
import type { AttemptOutcome } from './retry.js';
import type { HttpRequest, ResponseType } from './types.js';

/** How one attempt ended: an answer (any status, body read), or no answer. */
export type Sent =
  | { type: 'response'; response: Response; body: unknown }
  | { type: 'failure'; outcome: Extract<AttemptOutcome, { type: 'not_sent' | 'no_answer' }> };

async function readBody(response: Response, type: ResponseType | 'error'): Promise<unknown> {
  if (type === 'stream') return response.body;
  const text = await response.text();
  if (type === 'none') return undefined;
  if (type === 'text') return text;
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    if (type === 'error') return truncate(text, 2000);
    throw new NotJson(text, error);
  }
}

class NotJson extends Error {
  constructor(
    readonly text: string,
    cause: unknown,
  ) {
    super('the body is not JSON', { cause });
  }
}

/** `content-type` given among `headers`, whatever its case. */
function hasContentType(headers: Record<string, string>): boolean {
  for (const name in headers) if (name.toLowerCase() === 'content-type') return true;
  return false;
}

/**
 * One attempt of a request: one `fetch`, its body read within the same deadline (one timer and
 * one abort signal cover the wait for the answer and the body), and how it ended. Throws only
 * for the caller's abort and for a 2xx body that is not JSON.
 *
 * Why `fetch` and not ky here: the client makes its own retries, timeouts and errors, and ky
 * builds a `Request` for every call and clones it for retries this client never asks of it
 * (the clone tees the body's stream), with one more abort signal and timer of its own: about
 * 0.6 ms of CPU per request, more than the engine's own work per line (docs/performance.md).
 */
export async function sendAttempt(
  fetchFn: typeof fetch,
  timeoutMs: number,
  url: URL,
  request: HttpRequest,
  headers: Record<string, string>,
  accept: (status: number) => boolean,
): Promise<Sent> {
  const method = request.method;
  const path = url.pathname;
  // One signal for the attempt: its deadline, or the caller's abort passed on to it (a listener
  // rather than AbortSignal.any, whose combined signal costs more than the request's own work).
  const deadline = new AbortController();
  const timer = setTimeout(
    () => deadline.abort(new DOMException('attempt timed out', 'TimeoutError')),
    timeoutMs,
  );
  const caller = request.signal;
  const passOn = () => deadline.abort(caller?.reason);
  if (caller?.aborted) passOn();
  else caller?.addEventListener('abort', passOn, { once: true });
  // A body handed out as a stream is read after this attempt: the caller's abort still reaches it.
  let streaming = false;
  const timedOut = () =>
    ({
      type: 'failure',
      outcome: { type: 'no_answer', reason: `timed out after ${timeoutMs} ms` },
    }) as const;
  try {
    let response: Response;
    try {
      const init: RequestInit = { method, headers, signal: deadline.signal };
      if (request.json !== undefined) {
        init.body = JSON.stringify(request.json);
        if (!hasContentType(headers))
          init.headers = { ...headers, 'content-type': 'application/json' };
      }
      response = await fetchFn(url, init);
    } catch (error) {
      if (caller?.aborted) throw new CovageAbortError(method, path);
      if (deadline.signal.aborted) return timedOut();
      return { type: 'failure', outcome: classifyFetchFailure(error, url.host) };
    }
    const type: ResponseType | 'error' =
      accept(response.status) && response.ok ? (request.responseType ?? 'json') : 'error';
    try {
      const body = await readBody(response, type);
      streaming = type === 'stream';
      return { type: 'response', response, body };
    } catch (error) {
      if (error instanceof NotJson) {
        throw new CovageResponseError(
          method,
          path,
          [{ path: '', message: 'the body is not JSON' }],
          redact(truncate(error.text, 2000)),
        );
      }
      if (caller?.aborted) throw new CovageAbortError(method, path);
      if (deadline.signal.aborted) return timedOut();
      return {
        type: 'failure',
        outcome: { type: 'no_answer', reason: 'the answer was cut off' },
      };
    }
  } finally {
    clearTimeout(timer);
    if (!streaming) caller?.removeEventListener('abort', passOn);
  }
}
