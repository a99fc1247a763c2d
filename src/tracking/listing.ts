/**
 * Listing across all pages, as fast as the API allows: the first page gives the total, then the
 * remaining pages are fetched concurrently (bounded) by the ordered pager, and yielded in the
 * API's order. Without a total, pages follow one another. Each order is yielded once (by id).
 */
import { CovageAbortError, isCovageError } from '../http/errors.js';
import { orderedPages } from './pager.js';
import type { NormalizedOrder } from './types.js';

export const DEFAULT_CONCURRENCY = 6;

export interface RemainingPages<R> {
  pageCount: number;
  fetchPage(index: number, signal: AbortSignal): Promise<readonly R[]>;
}

/** One page, and how to get the rest: all at once (`rest`, a known total) or one by one (`next`). */
export interface Page<R> {
  items: readonly R[];
  rest?: RemainingPages<R>;
  next?: (signal: AbortSignal | undefined) => Promise<Page<R>>;
}

export interface ListAllOptions<R, Raw> {
  normalize(record: R): NormalizedOrder<Raw>;
  concurrency: number;
  signal?: AbortSignal;
  /** For the abort error: the listing's path. */
  path: string;
}

/**
 * The remaining pages of an offset/limit listing after a first page of `firstCount` items (asked
 * `requested`) out of `total`. A server that answered fewer than asked while more exist has a
 * smaller page limit than asked: its page size is what it answered.
 */
export function offsetPages(
  firstCount: number,
  requested: number,
  total: number,
): { pageSize: number; pageCount: number; offsetOf(index: number): number } {
  const pageSize = firstCount > 0 && firstCount < requested ? firstCount : requested;
  const remaining = Math.max(0, total - firstCount);
  const pageCount = firstCount === 0 ? 0 : Math.ceil(remaining / pageSize);
  return { pageSize, pageCount, offsetOf: (index) => firstCount + index * pageSize };
}

export function listAll<R, Raw>(
  first: (signal: AbortSignal | undefined) => Promise<Page<R>>,
  options: ListAllOptions<R, Raw>,
): AsyncIterable<NormalizedOrder<Raw>> {
  return {
    [Symbol.asyncIterator]: () => pages(first, options)[Symbol.asyncIterator](),
  };
}

async function* pages<R, Raw>(
  first: (signal: AbortSignal | undefined) => Promise<Page<R>>,
  options: ListAllOptions<R, Raw>,
): AsyncGenerator<NormalizedOrder<Raw>> {
  const { signal, normalize } = options;
  const seen = new Set<string>();
  function* fresh(records: readonly R[]) {
    for (const record of records) {
      const order = normalize(record);
      if (seen.has(order.id)) continue;
      seen.add(order.id);
      yield order;
    }
  }
  /**
   * The remaining pages are started before the first page's orders are yielded, so a slow
   * consumer does not delay them. Leaving early aborts them first (a pending `next` would
   * otherwise hold `return` until its page arrived).
   */
  async function* withRest(items: readonly R[], rest: RemainingPages<R>) {
    const stop = new AbortController();
    const pagerSignal = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
    const pager = orderedPages({
      pageCount: rest.pageCount,
      fetchPage: rest.fetchPage,
      concurrency: options.concurrency,
      signal: pagerSignal,
    });
    const firstOfRest = pager.next();
    firstOfRest.catch(() => undefined);
    try {
      yield* fresh(items);
      for (let result = await firstOfRest; !result.done; result = await pager.next()) {
        yield* fresh(result.value);
      }
    } finally {
      stop.abort();
      await pager.return(undefined).catch(() => undefined);
    }
  }

  try {
    let page: Page<R> | undefined = await first(signal);
    while (page) {
      if (page.rest) yield* withRest(page.items, page.rest);
      else yield* fresh(page.items);
      signal?.throwIfAborted();
      page = page.next ? await page.next(signal) : undefined;
    }
  } catch (error) {
    if (signal?.aborted && !isCovageError(error)) throw new CovageAbortError('GET', options.path);
    throw error;
  }
}
