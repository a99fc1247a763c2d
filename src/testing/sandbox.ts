/**
 * A sandbox for one test: a real HTTP server on a free loopback port, a client on it, and the
 * outcomes the test scripts per line ("line 2 is rejected on insee_code").
 *
 *     const sandbox = await startTestSandbox({ outcomes: [{ line: 2, on: 'insee_code' }] });
 *     … drive the app against sandbox.url (token sandbox.token), or use sandbox.api …
 *     await sandbox.close();
 */
import type { CovageApi } from '../client/api.js';
import { createCovageClient } from '../client/covageClient.js';
import { bearerToken } from '../http/auth/static.js';
import { type SandboxOptions, type ScriptedOutcome, startSandbox } from '../sandbox/index.js';
import type { SessionWithItems } from '../schemas/session.js';

export interface TestSandboxOptions
  extends Omit<SandboxOptions, 'tokens' | 'scriptedOutcomes' | 'port' | 'host'> {
  /** Outcomes by line position (the engine's line number), e.g. `{ line: 2, on: 'insee_code' }`. */
  outcomes?: ScriptedOutcome[];
}

export interface TestSandbox {
  /** The sandbox's base URL (http://127.0.0.1:<port>): the app's API base URL. */
  url: string;
  /** The bearer token it accepts. */
  token: string;
  /** A client on it (no retries: a test sees every failure). */
  api: CovageApi;
  /** A session as the sandbox holds it (its outcomes settled), or undefined. */
  session(id: string): Promise<SessionWithItems | undefined>;
  close(): Promise<void>;
}

const TOKEN = 'test-sandbox-token';

export async function startTestSandbox(options: TestSandboxOptions = {}): Promise<TestSandbox> {
  const { outcomes, ...rest } = options;
  const handle = await startSandbox({
    outcomeDelayMs: 20,
    ...rest,
    tokens: [TOKEN],
    ...(outcomes ? { scriptedOutcomes: outcomes } : {}),
  });
  return {
    url: handle.url,
    token: TOKEN,
    api: createCovageClient({ baseUrl: handle.url, auth: bearerToken(TOKEN), retry: false }),
    async session(id) {
      const response = await fetch(`${handle.url}/__sandbox/state`, {
        headers: { authorization: `Bearer ${handle.adminToken}` },
      });
      if (!response.ok) throw new Error(`the sandbox state answered ${response.status}`);
      const state = (await response.json()) as { sessions: SessionWithItems[] };
      return state.sessions.find((session) => session.id === id);
    },
    close: () => handle.close(),
  };
}
