import { afterAll, beforeAll } from 'vitest';
import {
  type SandboxClock,
  type SandboxHandle,
  type SandboxOptions,
  startSandbox,
} from '../../src/sandbox/index.js';
import type { NormalizedOrder } from '../../src/tracking/types.js';

/** Where every manual clock starts: 2025-06-02 09:00 UTC. */
export const START_MS = Date.UTC(2025, 5, 2, 9, 0, 0);

/** A clock a test moves by hand (sandbox data and token expiry follow it). */
export class ManualClock implements SandboxClock {
  constructor(public ms = START_MS) {}
  now(): number {
    return this.ms;
  }
  advance(ms: number) {
    this.ms += ms;
  }
}

export const SEED_ORDERS = 47;
export const STEP_MS = 60_000;

export interface TrackingSandbox {
  handle: SandboxHandle;
  clock: ManualClock;
}

/** One sandbox per test file, seeded with orders, on a manual clock. */
export function useTrackingSandbox(options: SandboxOptions = {}) {
  const holder = { clock: new ManualClock() } as TrackingSandbox;
  beforeAll(async () => {
    holder.handle = await startSandbox({
      seedOrders: SEED_ORDERS,
      clock: holder.clock,
      ...options,
      tracking: { progressStepMs: STEP_MS, ...options.tracking },
    });
  });
  afterAll(async () => {
    await holder.handle?.close();
  });
  return holder;
}

export interface SandboxCounts {
  requests: { total: number; byRoute: Record<string, number> };
  faults: Record<string, number>;
}

/** Request counts per route template, and injected faults, from `/__sandbox/state`. */
export async function counts(handle: SandboxHandle): Promise<SandboxCounts> {
  const response = await fetch(`${handle.url}/__sandbox/state`, {
    headers: { Authorization: `Bearer ${handle.adminToken}` },
  });
  return (await response.json()) as SandboxCounts;
}

/** Requests to one route since `before`. */
export async function requestsSince(
  handle: SandboxHandle,
  before: SandboxCounts,
  route: string,
): Promise<number> {
  const after = await counts(handle);
  return (after.requests.byRoute[route] ?? 0) - (before.requests.byRoute[route] ?? 0);
}

// biome-ignore lint/suspicious/noExplicitAny: inspection data is read loosely
export async function trackingState(handle: SandboxHandle): Promise<any> {
  const response = await fetch(`${handle.url}/__sandbox/tracking`, {
    headers: { Authorization: `Bearer ${handle.adminToken}` },
  });
  return response.json();
}

/**
 * A real `fetch` that adds headers to the requests `pick` chooses — e.g. a sandbox fault on the
 * first request only, so a retry goes through. Nothing is mocked: every request goes over HTTP.
 */
export function fetchWithHeaders(
  pick: (url: string, index: number) => Record<string, string> | undefined,
): typeof fetch & { urls: string[] } {
  const urls: string[] = [];
  const wrapped = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = request.url;
    const extra = pick(url, urls.length);
    urls.push(url);
    if (extra) for (const [name, value] of Object.entries(extra)) request.headers.set(name, value);
    return fetch(request);
  };
  return Object.assign(wrapped as typeof fetch, { urls });
}

/** The first `n` requests get this fault. */
export function faultFirst(n: number, fault: string) {
  return fetchWithHeaders((_url, index) => (index < n ? { 'X-Sandbox-Fault': fault } : undefined));
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** True when `items` are in the order `compare` says (non-decreasing). */
export function isSorted<T>(items: readonly T[], compare: (a: T, b: T) => number): boolean {
  return items.every((item, index) => index === 0 || compare(items[index - 1] as T, item) <= 0);
}

export function ids(orders: readonly NormalizedOrder[]): string[] {
  return orders.map((order) => order.id);
}

/** Never waits: for the HTTP layer's backoff between retries. */
export const noSleep = async () => {};

export function compareText(a: unknown, b: unknown): number {
  const left = String(a ?? '');
  const right = String(b ?? '');
  return left < right ? -1 : left > right ? 1 : 0;
}
