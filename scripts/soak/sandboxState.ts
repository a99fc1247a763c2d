/** Reads the sandbox's inspection route (`GET /__sandbox/state`, admin token). */
import type { HeldSession } from './verify.js';

export interface SandboxState {
  now: number;
  sessions: HeldSession[];
  requests: { total: number; byRoute: Record<string, number> };
  faults: Record<string, number>;
}

export async function readSandboxState(url: string, adminToken: string): Promise<SandboxState> {
  const response = await fetch(`${url}/__sandbox/state`, {
    headers: { authorization: `Bearer ${adminToken}` },
  });
  if (!response.ok) throw new Error(`the sandbox's state answered ${response.status}`);
  return (await response.json()) as SandboxState;
}

/** Requests the sandbox counted on the order-taking API (`/api/…` routes). */
export function apiRequests(state: SandboxState): number {
  return Object.entries(state.requests.byRoute)
    .filter(([route]) => / \/api\//.test(route))
    .reduce((sum, [, count]) => sum + count, 0);
}
