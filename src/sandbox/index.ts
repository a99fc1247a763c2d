/**
 * The Covage sandbox: a real HTTP server on loopback that behaves as the order-taking doc says.
 * The package entry point `covage-orders/sandbox` (Node only). See docs/sandbox.md.
 */
import { buildApp } from './app.js';
import { createContext } from './context.js';
import { resolveOptions } from './options.js';
import { listen } from './server.js';
import type { SandboxHandle, SandboxOptions } from './types.js';

export type { SandboxLimits } from './limits.js';
export type { ScriptedOutcome } from './script.js';
export type { TrackingSandboxOptions } from './tracking/options.js';
export type { FaultKind, SandboxClock, SandboxHandle, SandboxOptions } from './types.js';

/** Starts the sandbox on loopback (by default) and resolves once it listens. */
export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const resolved = resolveOptions(options);
  const context = createContext(resolved);
  const app = buildApp(context);
  const server = await listen(app.fetch, resolved.port, resolved.host);
  return {
    url: server.url,
    adminToken: resolved.adminToken,
    dashboardToken: resolved.dashboardToken,
    async close() {
      context.dispose();
      await server.close();
    },
  };
}
