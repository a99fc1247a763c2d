/**
 * The ordered concurrent pager: fetches pages `0..pageCount-1` with at most `concurrency` requests
 * in flight, and yields each page's items in page order, whatever order the answers arrive in.
 *
 * It never runs more than `maxBufferedPages` ahead of the consumer (back-pressure), and when the
 * consumer stops (break, return, throw) or the signal aborts, it aborts every request in flight
 * and starts no more.
 */

export interface OrderedPagesOptions<T> {
  pageCount: number;
  fetchPage(index: number, signal: AbortSignal): Promise<readonly T[]>;
  /** Requests in flight at most (≥ 1). */
  concurrency: number;
  /** Pages fetched or being fetched but not yet yielded, at most. Default: 2 × concurrency. */
  maxBufferedPages?: number;
  signal?: AbortSignal;
}

interface Slot<T> {
  promise: Promise<readonly T[]>;
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
  return value;
}

export async function* orderedPages<T>(options: OrderedPagesOptions<T>): AsyncGenerator<T[]> {
  const { pageCount, fetchPage, signal } = options;
  const concurrency = positiveInteger(options.concurrency, 'concurrency');
  const maxBuffered = Math.max(
    concurrency,
    positiveInteger(options.maxBufferedPages ?? concurrency * 2, 'maxBufferedPages'),
  );
  if (pageCount <= 0) return;
  signal?.throwIfAborted();

  // One controller per page in flight, so that each request's signal carries only its own
  // listeners (a shared one collected one per page, past Node's warning threshold); one listener
  // on the caller's signal aborts them all.
  const inFlightControllers = new Set<AbortController>();
  const slots = new Map<number, Slot<T>>();
  let next = 0;
  let yielded = 0;
  let inFlight = 0;
  /** Set at the caller's abort or the consumer's stop: no page starts after it. */
  let stopped = false;
  const abortAll = (reason: unknown) => {
    stopped = true;
    for (const controller of inFlightControllers) controller.abort(reason);
  };
  const forwardAbort = () => abortAll(signal?.reason);
  signal?.addEventListener('abort', forwardAbort, { once: true });

  const launch = (): void => {
    while (!stopped && inFlight < concurrency && next < pageCount && next - yielded < maxBuffered) {
      const index = next++;
      inFlight++;
      const controller = new AbortController();
      inFlightControllers.add(controller);
      const promise = Promise.resolve()
        .then(() => fetchPage(index, controller.signal))
        .finally(() => {
          inFlightControllers.delete(controller);
          inFlight--;
          launch();
        });
      // The consumer awaits pages in order; a page that fails while an earlier one is awaited
      // must not become an unhandled rejection. Its error still surfaces when its turn comes.
      promise.catch(() => undefined);
      slots.set(index, { promise });
    }
  };

  try {
    launch();
    while (yielded < pageCount) {
      const slot = slots.get(yielded);
      if (!slot) throw new Error(`pager: page ${yielded} was never started`);
      const items = await slot.promise;
      slots.delete(yielded);
      yielded++;
      launch();
      yield [...items];
      signal?.throwIfAborted();
    }
  } finally {
    stopped = true;
    signal?.removeEventListener('abort', forwardAbort);
    if (yielded < pageCount) abortAll(signal?.reason);
  }
}
