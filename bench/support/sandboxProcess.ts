/**
 * The sandbox in a separate process: what the benchmark's process then spends in CPU
 * (`process.cpuUsage()`) is the client's alone. (A worker thread has its own event loop, but its
 * CPU counts in its process's usage.)
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { SandboxOptions } from '../../src/sandbox/index.js';
import type { SandboxThread } from './sandboxThread.js';

export async function startSandboxProcess(options: SandboxOptions): Promise<SandboxThread> {
  const child = spawn(
    process.execPath,
    [new URL('./sandboxChild.js', import.meta.url).pathname, JSON.stringify(options)],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout });
  const [first] = (await Promise.race([
    once(lines, 'line'),
    once(child, 'exit').then(() => Promise.reject(new Error('the sandbox process exited'))),
  ])) as [string];
  const { url, adminToken } = JSON.parse(first) as { url: string; adminToken: string };
  return {
    url,
    adminToken,
    async requests() {
      const response = await fetch(`${url}/__sandbox/state`, {
        headers: { Authorization: `Bearer ${adminToken}` },
      });
      if (!response.ok) throw new Error(`sandbox state: HTTP ${response.status}`);
      const state = (await response.json()) as {
        requests: { total: number; byRoute: Record<string, number> };
      };
      return state.requests;
    },
    async close() {
      const exited = once(child, 'exit');
      child.stdin.end();
      await exited;
    },
  };
}
