/** Test helpers: a sandbox per test, a client on it, and the sandbox's inspection. */
import { createCovageClient, type SessionReadMode } from '../../src/client/index.js';
import { bearerToken } from '../../src/http/index.js';
import { type SandboxHandle, type SandboxOptions, startSandbox } from '../../src/sandbox/index.js';
import type { Line, SessionWithItems } from '../../src/schemas/index.js';
import { createCovageTracker } from '../../src/tracking/providers/covage/tracker.js';

export const TEST_TOKEN = 'machine-test-token-5f2c';

export interface SandboxState {
  sessions: (SessionWithItems & { user?: string })[];
  requests: { total: number; byRoute: Record<string, number> };
  faults: Record<string, number>;
}

export interface TestSandbox {
  handle: SandboxHandle;
  url: string;
  state(): Promise<SandboxState>;
  /** Requests made to one route template, e.g. `POST /api/v1/product_order/{id}/product_order_item`. */
  count(route: string): Promise<number>;
  session(id: string): Promise<SandboxState['sessions'][number] | undefined>;
  close(): Promise<void>;
}

export async function startTestSandbox(options: SandboxOptions = {}): Promise<TestSandbox> {
  const handle = await startSandbox({ tokens: [TEST_TOKEN], outcomeDelayMs: 5, ...options });
  const state = async (): Promise<SandboxState> => {
    const response = await fetch(`${handle.url}/__sandbox/state`, {
      headers: { authorization: `Bearer ${handle.adminToken}` },
    });
    if (!response.ok) throw new Error(`sandbox state: ${response.status}`);
    return (await response.json()) as SandboxState;
  };
  return {
    handle,
    url: handle.url,
    state,
    async count(route) {
      return (await state()).requests.byRoute[route] ?? 0;
    },
    async session(id) {
      return (await state()).sessions.find((session) => session.id === id);
    },
    close: () => handle.close(),
  };
}

export const ROUTES = {
  createSession: 'POST /api/v1/product_order',
  createLine: 'POST /api/v1/product_order/{id}/product_order_item',
  updateLine: 'PATCH /api/v1/product_order/{id}/product_order_item/{item_id}',
  deleteLine: 'DELETE /api/product_order/{product_order_id}/product_order_item/{item_id}/',
  confirm: 'PATCH /api/v1/product_order/{id}/confirm/',
  getSession: 'GET /api/v1/product_order/{id}/',
} as const;

/** A client for the test sandbox. `fetch` lets a test watch or tag requests (still real HTTP). */
export function testClient(
  sandbox: TestSandbox,
  extra: {
    fetch?: typeof fetch;
    retry?: false;
    sessionRead?: SessionReadMode;
    exportIntervalMs?: number;
  } = {},
) {
  return createCovageClient({
    baseUrl: sandbox.url,
    auth: bearerToken(TEST_TOKEN),
    timeoutMs: 5_000,
    retry: extra.retry ?? { limit: 3, baseDelayMs: 5, backoffLimitMs: 50 },
    ...(extra.fetch ? { fetch: extra.fetch } : {}),
    ...(extra.sessionRead ? { sessionRead: extra.sessionRead } : {}),
    orders: createCovageTracker({
      baseUrl: sandbox.url,
      auth: bearerToken(TEST_TOKEN),
      ...(extra.fetch ? { fetch: extra.fetch } : {}),
    }),
    ...(extra.exportIntervalMs === undefined ? {} : { exportIntervalMs: extra.exportIntervalMs }),
  });
}

/** Lines held by the sandbox for a session, by external_id. */
export function linesByExternalId(
  session: { product_order_item: Line[] } | undefined,
): Map<string, Line[]> {
  const out = new Map<string, Line[]>();
  for (const line of session?.product_order_item ?? []) {
    const key = line.external_id ?? '';
    out.set(key, [...(out.get(key) ?? []), line]);
  }
  return out;
}
