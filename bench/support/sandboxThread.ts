/**
 * The sandbox in a worker thread: its own event loop on another core, as a real API lives in
 * another process. In the benchmark's own thread it would charge the server's work (validating
 * bodies, building pages) to the client being timed, and the client's CPU work would delay the
 * server's answers.
 */
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { SandboxOptions } from '../../src/sandbox/index.js';

export interface SandboxThread {
  url: string;
  adminToken: string;
  /** Request counts per route template, from `GET /__sandbox/state` (the sandbox is the witness). */
  requests(): Promise<RequestCounts>;
  close(): Promise<void>;
}

export interface RequestCounts {
  total: number;
  byRoute: Record<string, number>;
}

/** Requests made between two readings, per route (routes with none left out). */
export function requestsBetween(before: RequestCounts, after: RequestCounts): RequestCounts {
  const byRoute: Record<string, number> = {};
  for (const [route, count] of Object.entries(after.byRoute)) {
    const made = count - (before.byRoute[route] ?? 0);
    if (made > 0) byRoute[route] = made;
  }
  return { total: after.total - before.total, byRoute };
}

/** Starts the sandbox in a worker thread. Options must be plain data (no clock function). */
export async function startSandboxThread(options: SandboxOptions): Promise<SandboxThread> {
  const worker = new Worker(new URL('./sandboxWorker.js', import.meta.url), {
    workerData: options,
  });
  const [ready] = (await Promise.race([
    once(worker, 'message'),
    once(worker, 'error').then(([error]) => Promise.reject(error)),
  ])) as [{ url: string; adminToken: string }];
  const { url, adminToken } = ready;
  return {
    url,
    adminToken,
    async requests() {
      const response = await fetch(`${url}/__sandbox/state`, {
        headers: { Authorization: `Bearer ${adminToken}` },
      });
      if (!response.ok) throw new Error(`sandbox state: HTTP ${response.status}`);
      const state = (await response.json()) as { requests: RequestCounts };
      return state.requests;
    },
    async close() {
      worker.postMessage('close');
      await once(worker, 'message');
      await worker.terminate();
    },
  };
}
