/**
 * Runs `task` over `items` with at most `concurrency` at once, the way a hand-written client
 * would: each worker takes the next item as soon as its previous one is done. Results keep the
 * items' order. Shared by the benchmarks and the soak.
 */
export async function mapPool<T, R>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T, index);
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker),
  );
  return results;
}

/** `total` split into chunks of at most `size`: [[start, count], …]. */
export function chunks(total: number, size: number): [number, number][] {
  const out: [number, number][] = [];
  for (let start = 0; start < total; start += size)
    out.push([start, Math.min(size, total - start)]);
  return out;
}
