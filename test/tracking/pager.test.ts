import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listAll } from '../../src/tracking/listing.js';
import { orderedPages } from '../../src/tracking/pager.js';

/** A page fetch the test settles by hand, so no test depends on timing. */
interface Pending {
  index: number;
  signal: AbortSignal;
  resolve(items: number[]): void;
  reject(error: Error): void;
}

function manualFetcher() {
  const started: Pending[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const fetchPage = (index: number, signal: AbortSignal) =>
    new Promise<number[]>((resolve, reject) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      let settled = false;
      const done = () => {
        if (!settled) inFlight--;
        settled = true;
      };
      started.push({
        index,
        signal,
        resolve: (items) => {
          done();
          resolve(items);
        },
        reject: (error) => {
          done();
          reject(error);
        },
      });
      signal.addEventListener('abort', () => {
        if (settled) return;
        done();
        reject(new Error(`page ${index} aborted`));
      });
    });
  return {
    started,
    fetchPage,
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the ordered concurrent pager', () => {
  it('yields pages in API order whatever order the answers arrive in', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.nat(), { maxLength: 60 }),
        async (pageCount, concurrency, choices) => {
          const fetcher = manualFetcher();
          const out: number[] = [];
          const run = (async () => {
            for await (const page of orderedPages({
              pageCount,
              concurrency,
              fetchPage: fetcher.fetchPage,
            })) {
              out.push(...page);
            }
          })();
          let settled = 0;
          let choice = 0;
          while (settled < pageCount) {
            await tick();
            const open = fetcher.started.filter((p) => !('done' in p));
            if (open.length === 0) continue;
            const pick = open[(choices[choice++] ?? 0) % open.length] as Pending;
            Object.assign(pick, { done: true });
            pick.resolve([pick.index * 10, pick.index * 10 + 1]);
            settled++;
          }
          await run;
          expect(out).toEqual(
            Array.from({ length: pageCount }, (_, i) => [i * 10, i * 10 + 1]).flat(),
          );
          expect(fetcher.maxInFlight).toBeLessThanOrEqual(concurrency);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('starts as many pages as the concurrency allows, at once', async () => {
    const fetcher = manualFetcher();
    const iterator = orderedPages({ pageCount: 10, concurrency: 4, fetchPage: fetcher.fetchPage });
    const first = iterator.next();
    await tick();
    expect(fetcher.started.map((p) => p.index)).toEqual([0, 1, 2, 3]);
    fetcher.started[0]?.resolve([0]);
    expect((await first).value).toEqual([0]);
    await tick();
    expect(fetcher.started.map((p) => p.index)).toEqual([0, 1, 2, 3, 4]);
    await iterator.return(undefined);
  });

  it('does not run further ahead of the consumer than the buffer allows', async () => {
    const fetcher = manualFetcher();
    const iterator = orderedPages({
      pageCount: 20,
      concurrency: 2,
      maxBufferedPages: 3,
      fetchPage: fetcher.fetchPage,
    });
    const first = iterator.next();
    await tick();
    fetcher.started[1]?.resolve([1]);
    await tick();
    fetcher.started[2]?.resolve([2]);
    await tick();
    // Pages 1 and 2 are buffered while page 0 is still awaited: no fourth page is started.
    expect(fetcher.started.map((p) => p.index)).toEqual([0, 1, 2]);
    fetcher.started[0]?.resolve([0]);
    expect((await first).value).toEqual([0]);
    await iterator.return(undefined);
  });

  it('aborts the requests in flight and starts no more when the consumer breaks out', async () => {
    const fetcher = manualFetcher();
    const seen: number[] = [];
    const run = (async () => {
      for await (const page of orderedPages({
        pageCount: 50,
        concurrency: 3,
        fetchPage: fetcher.fetchPage,
      })) {
        seen.push(...page);
        break;
      }
    })();
    await tick();
    fetcher.started[0]?.resolve([0]);
    await run;
    expect(seen).toEqual([0]);
    await tick();
    const startedAfterBreak = fetcher.started.length;
    expect(fetcher.started.filter((p) => p.index > 0).every((p) => p.signal.aborted)).toBe(true);
    expect(fetcher.inFlight).toBe(0);
    await tick();
    expect(fetcher.started.length).toBe(startedAfterBreak);
  });

  it('stops with the abort when the caller aborts the signal', async () => {
    const fetcher = manualFetcher();
    const controller = new AbortController();
    const run = (async () => {
      for await (const _ of orderedPages({
        pageCount: 5,
        concurrency: 2,
        fetchPage: fetcher.fetchPage,
        signal: controller.signal,
      })) {
        // consume
      }
    })();
    await tick();
    controller.abort();
    await expect(run).rejects.toThrow(/aborted/);
    expect(fetcher.started.every((p) => p.signal.aborted)).toBe(true);
  });

  it('starts no page once the caller aborted, even while a page it was waiting for settles', async () => {
    const fetcher = manualFetcher();
    const controller = new AbortController();
    const run = (async () => {
      for await (const _ of orderedPages({
        pageCount: 50,
        concurrency: 2,
        fetchPage: fetcher.fetchPage,
        signal: controller.signal,
      })) {
        // consume
      }
    })();
    await tick();
    expect(fetcher.started).toHaveLength(2);
    controller.abort();
    await expect(run).rejects.toThrow(/aborted/);
    await tick();
    expect(fetcher.started).toHaveLength(2);
  });

  it('gives each page its own signal, so no signal collects a listener per page', async () => {
    const fetcher = manualFetcher();
    const run = (async () => {
      for await (const _ of orderedPages({
        pageCount: 30,
        concurrency: 12,
        fetchPage: fetcher.fetchPage,
      })) {
        // consume
      }
    })();
    for (let index = 0; index < 30; index++) {
      await tick();
      fetcher.started.find((page) => page.index === index)?.resolve([index]);
    }
    await run;
    expect(new Set(fetcher.started.map((page) => page.signal)).size).toBe(30);
  });

  it('raises a page failure at that page, after the pages before it', async () => {
    const fetcher = manualFetcher();
    const seen: number[] = [];
    const run = (async () => {
      for await (const page of orderedPages({
        pageCount: 4,
        concurrency: 4,
        fetchPage: fetcher.fetchPage,
      })) {
        seen.push(...page);
      }
    })();
    await tick();
    fetcher.started[2]?.reject(new Error('page 2 failed'));
    fetcher.started[0]?.resolve([0]);
    fetcher.started[1]?.resolve([1]);
    await expect(run).rejects.toThrow('page 2 failed');
    expect(seen).toEqual([0, 1]);
    expect(fetcher.started[3]?.signal.aborted).toBe(true);
  });

  it('refuses a concurrency that is not a positive integer', async () => {
    const iterator = orderedPages({ pageCount: 1, concurrency: 0, fetchPage: async () => [] });
    await expect(iterator.next()).rejects.toThrow(RangeError);
  });
});

describe('listAll', () => {
  const normalize = (value: number) => ({
    provider: 'obapi' as const,
    id: String(value),
    reference: String(value),
    customerReference: null,
    status: 'pending' as const,
    providerStatus: 'draft',
    raw: value,
  });

  it('starts the remaining pages as soon as the first page is in, before its orders are read', async () => {
    const fetcher = manualFetcher();
    const iterator = listAll(
      async () => ({ items: [1, 2, 3], rest: { pageCount: 4, fetchPage: fetcher.fetchPage } }),
      { normalize, concurrency: 2, path: '/orders' },
    )[Symbol.asyncIterator]();
    expect((await iterator.next()).value?.id).toBe('1');
    await tick();
    expect(fetcher.started.map((p) => p.index)).toEqual([0, 1]);
    await iterator.return?.();
    expect(fetcher.started.every((p) => p.signal.aborted)).toBe(true);
  });

  it('yields each order once, even when pages overlap', async () => {
    const orders = [];
    for await (const order of listAll(
      async () => ({
        items: [1, 2],
        rest: { pageCount: 2, fetchPage: async (index: number) => (index === 0 ? [2, 3] : [3, 4]) },
      }),
      { normalize, concurrency: 2, path: '/orders' },
    ))
      orders.push(order.id);
    expect(orders).toEqual(['1', '2', '3', '4']);
  });
});
