import type { KyInstance } from 'ky';
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

/**
 * One attempt of a request: send it with ky, read its body within the same deadline (ky's
 * timeout covers the wait for the answer; a deadline signal covers the body too), and say how it
 * ended. Throws only for the caller's abort and for a 2xx body that is not JSON.
 */
export async function sendAttempt(
  kyClient: KyInstance,
  timeoutMs: number,
  url: URL,
  request: HttpRequest,
  headers: Record<string, string>,
  accept: (status: number) => boolean,
): Promise<Sent> {
  const method = request.method;
  const path = url.pathname;
  const deadline = new AbortController();
  const timer = setTimeout(
    () => deadline.abort(new DOMException('attempt timed out', 'TimeoutError')),
    timeoutMs,
  );
  const signal = request.signal
    ? AbortSignal.any([request.signal, deadline.signal])
    : deadline.signal;
  const timedOut = () =>
    ({
      type: 'failure',
      outcome: { type: 'no_answer', reason: `timed out after ${timeoutMs} ms` },
    }) as const;
  try {
    let response: Response;
    try {
      response = await kyClient(url, {
        method,
        headers,
        signal,
        ...(request.json === undefined ? {} : { json: request.json }),
      });
    } catch (error) {
      if (request.signal?.aborted) throw new CovageAbortError(method, path);
      if (deadline.signal.aborted || (error instanceof Error && error.name === 'TimeoutError')) {
        return timedOut();
      }
      return { type: 'failure', outcome: classifyFetchFailure(error, url.host) };
    }
    const type: ResponseType | 'error' =
      accept(response.status) && response.ok ? (request.responseType ?? 'json') : 'error';
    try {
      const body = await readBody(response, type);
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
      if (request.signal?.aborted) throw new CovageAbortError(method, path);
      if (deadline.signal.aborted) return timedOut();
      return {
        type: 'failure',
        outcome: { type: 'no_answer', reason: 'the answer was cut off' },
      };
    }
  } finally {
    clearTimeout(timer);
  }
}
