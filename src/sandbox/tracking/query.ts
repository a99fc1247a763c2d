/** Small helpers the tracking routes share: query values, sorting, a listing cache. */

/** All values of a query parameter, repeated (`a=1&a=2`) or comma-separated (`a=1,2`). */
export function multiValues(url: URL, name: string): string[] {
  return url.searchParams
    .getAll(name)
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');
}

/** A whole number from a query value, or `undefined` when absent; `null` when not a whole number. */
export function wholeNumber(value: string | null | undefined): number | undefined | null {
  if (value === null || value === undefined || value === '') return undefined;
  return /^\d{1,9}$/.test(value) ? Number(value) : null;
}

export type Scalar = string | number | boolean | null | undefined;

/** Compares two field values: absent values last, numbers as numbers, the rest as strings. */
export function compareValues(a: Scalar, b: Scalar): number {
  if (a === b) return 0;
  if (a === null || a === undefined || a === '') return 1;
  if (b === null || b === undefined || b === '') return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const left = String(a);
  const right = String(b);
  return left < right ? -1 : left > right ? 1 : 0;
}

export interface SortKey<T> {
  get(item: T): Scalar;
  descending: boolean;
}

/** Sorts by the keys in turn; equal items keep their order (a stable tie-break). */
export function sortBy<T>(items: readonly T[], keys: readonly SortKey<T>[]): T[] {
  return [...items].sort((a, b) => {
    for (const key of keys) {
      const order = compareValues(key.get(a), key.get(b));
      if (order !== 0) return key.descending ? -order : order;
    }
    return 0;
  });
}

/** A small cache of computed listings, keyed by query and data version. */
export class ListingCache<T> {
  private readonly entries = new Map<string, T>();
  constructor(private readonly size = 64) {}
  get(key: string, compute: () => T): T {
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit;
    const value = compute();
    if (this.entries.size >= this.size) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, value);
    return value;
  }
}

/** The query string without some parameters, sorted: a cache key for "the same listing". */
export function queryKey(url: URL, without: readonly string[]): string {
  const params = [...url.searchParams.entries()].filter(([name]) => !without.includes(name));
  params.sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1));
  return `${url.pathname}?${new URLSearchParams(params).toString()}`;
}
