/**
 * The one vocabulary every tracking adapter speaks: a normalized order, its common status, and
 * the `Tracker` interface (list across all pages, get one, follow one until it is final).
 *
 * Browser-safe: no Node imports anywhere under `src/tracking/`.
 */

import type { OrderStatus } from '../schemas/orderStatus.js';

/** The order APIs this package can track. */
export const TRACKING_PROVIDERS = [
  'covage',
  'orange-ordering',
  'orange-tracking',
  'obapi',
  'adobe',
] as const;
export type TrackingProvider = (typeof TRACKING_PROVIDERS)[number];

export {
  FINAL_ORDER_STATUSES,
  isFinalStatus,
  ORDER_STATUSES,
  type OrderStatus,
} from '../schemas/orderStatus.js';

/** Money as exact decimal strings (`"5000.00"`), never floats. */
export interface OrderAmounts {
  currency?: string;
  totalExclTax?: string;
  totalVat?: string;
  totalInclTax?: string;
}

export interface NormalizedOrder<Raw = unknown> {
  provider: TrackingProvider;
  /** The id to pass to `get` and `follow`. */
  id: string;
  /** The provider's human-facing order reference (may equal `id`). */
  reference: string;
  /** The customer's own reference for the order, or `null` when the provider gives none. */
  customerReference: string | null;
  status: OrderStatus;
  /** The provider's own status value as text (a number becomes its digits); `null` when none. */
  providerStatus: string | null;
  /** ISO 8601: a UTC date-time (`…Z`) or, when the provider only gives a day, `YYYY-MM-DD`. */
  createdAt?: string;
  updatedAt?: string;
  amounts?: OrderAmounts;
  /** The provider's record as it was parsed (validated by the adapter's zod schema). */
  raw: Raw;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface ListOptions extends CallOptions {
  /** Pages fetched at the same time once the first page gave the total. Default: the tracker's. */
  concurrency?: number;
}

export interface FollowOptions extends CallOptions {
  /** First delay between two polls, in ms (default 2000). */
  intervalMs?: number;
  /** Longest delay between two polls, in ms (default 60000). */
  maxIntervalMs?: number;
  /** Each unchanged poll multiplies the delay by this (default 1.5); a change resets it. */
  backoffFactor?: number;
  /** Consecutive retriable failures tolerated before giving up (default 5). */
  maxConsecutiveErrors?: number;
}

/** One provider's orders behind the common interface. `Filter` is the provider's own filter. */
export interface Tracker<Filter = Record<string, never>, Raw = unknown> {
  readonly provider: TrackingProvider;
  /** Every order matching `filter`, across all pages, in the API's order, each once. */
  list(filter?: Filter, options?: ListOptions): AsyncIterable<NormalizedOrder<Raw>>;
  get(id: string, options?: CallOptions): Promise<NormalizedOrder<Raw>>;
  /** Yields the order now, then each change, and ends after the first final status. */
  follow(id: string, options?: FollowOptions): AsyncIterable<NormalizedOrder<Raw>>;
}
