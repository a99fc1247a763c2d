import type { Context } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { FaultKind } from './types.js';

/** `POST /api/v1/product_order/:id/product_order_item` → `…/{id}/product_order_item`. */
export function routeTemplate(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, '{$1}');
}

/** The key a request is counted under: its method and the route template it matched. */
export function routeKey(c: Context): string {
  const handler = matchedRoutes(c).findLast((route) => route.method !== 'ALL');
  return `${c.req.method} ${handler ? routeTemplate(handler.path) : '(no route)'}`;
}

export interface StatsSnapshot {
  requests: { total: number; byRoute: Record<string, number> };
  faults: Partial<Record<FaultKind, number>>;
}

/** Counts requests per route template and injected faults per kind, for tests and benchmarks. */
export class RequestStats {
  private total = 0;
  private readonly byRoute = new Map<string, number>();
  private readonly faults = new Map<FaultKind, number>();

  countRequest(key: string) {
    this.total++;
    this.byRoute.set(key, (this.byRoute.get(key) ?? 0) + 1);
  }

  countFault(kind: FaultKind) {
    this.faults.set(kind, (this.faults.get(kind) ?? 0) + 1);
  }

  snapshot(): StatsSnapshot {
    return {
      requests: { total: this.total, byRoute: Object.fromEntries(this.byRoute) },
      faults: Object.fromEntries(this.faults),
    };
  }
}

/**
 * True for the sandbox's own routes (inspection, and the dashboard: its page at `/`, the rest
 * under `/__sandbox/dashboard/`), which are never counted, delayed or faulted.
 */
export function isSandboxRoute(path: string): boolean {
  return path === '/' || path === '/__sandbox' || path.startsWith('/__sandbox/');
}
