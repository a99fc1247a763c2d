/**
 * Running the BUILT CLI as a user does, as a child process (`npm test` builds first), and a
 * Covage sandbox as a separate process (`covage-orders sandbox`), for the end-to-end tests.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** `COVAGE_TEST_CLI` points the tests at another build of the CLI. */
export const CLI = process.env.COVAGE_TEST_CLI ?? join(ROOT, 'dist/src/cli/main.js');
export const ORDER = join(ROOT, 'examples/order.json');
export const BROKEN = join(ROOT, 'examples/order-broken.json');

export function assertBuilt(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first`);
}

/** No colours, no CI detection, no credentials or base URL from the test runner's environment. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined || /^COVAGE_|^CI$|COLOR/.test(name)) continue;
    env[name] = value;
  }
  return { ...env, NO_COLOR: '1', COVAGE_SANDBOX_OUTCOME_DELAY_MS: '20', ...extra };
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface Running {
  child: ChildProcessWithoutNullStreams;
  readonly stdout: string;
  readonly stderr: string;
  /** Resolves once stdout or stderr matches `pattern`. */
  waitFor(pattern: RegExp): Promise<void>;
  exited: Promise<Exit>;
}

export function startCli(
  args: string[],
  options: { env?: Record<string, string>; cwd?: string } = {},
): Running {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: options.env ?? cleanEnv(),
    cwd: options.cwd ?? ROOT,
  });
  let stdout = '';
  let stderr = '';
  const watchers: { pattern: RegExp; resolve: () => void }[] = [];
  const check = () => {
    for (const watcher of [...watchers]) {
      if (watcher.pattern.test(stdout) || watcher.pattern.test(stderr)) {
        watchers.splice(watchers.indexOf(watcher), 1);
        watcher.resolve();
      }
    }
  };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    check();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    check();
  });
  const exited = new Promise<Exit>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return {
    child,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    waitFor(pattern) {
      return new Promise<void>((resolve, reject) => {
        watchers.push({ pattern, resolve });
        check();
        exited.then(() =>
          reject(new Error(`exited before ${pattern}:\n${stdout}\n--- stderr ---\n${stderr}`)),
        );
      });
    },
    exited,
  };
}

export function runCli(
  args: string[],
  options: { env?: Record<string, string>; cwd?: string } = {},
): Promise<Exit> {
  return startCli(args, options).exited;
}

export interface SandboxState {
  sessions: {
    id: string;
    state: string;
    product_order_item: { external_id?: string | null; state: string }[];
  }[];
  requests: { total: number; byRoute: Record<string, number> };
}

export interface SandboxProcess {
  url: string;
  token: string;
  state(): Promise<SandboxState>;
  stop(): Promise<void>;
}

export const ROUTES = {
  createSession: 'POST /api/v1/product_order',
  createLine: 'POST /api/v1/product_order/{id}/product_order_item',
  confirm: 'PATCH /api/v1/product_order/{id}/confirm/',
} as const;

/** `covage-orders sandbox --port 0 …` in its own process; resolves once it prints its URL. */
export async function startSandboxProcess(flags: string[] = []): Promise<SandboxProcess> {
  const token = `t-${Math.random().toString(36).slice(2)}`;
  const adminToken = `a-${Math.random().toString(36).slice(2)}`;
  const running = startCli(
    ['sandbox', '--port', '0', '--token', token, '--admin-token', adminToken, ...flags],
    { env: cleanEnv() },
  );
  await running.waitFor(/^http:\/\/\S+\n/);
  const url = running.stdout.trim().split('\n')[0] as string;
  return {
    url,
    token,
    async state() {
      const response = await fetch(`${url}/__sandbox/state`, {
        headers: { authorization: `Bearer ${adminToken}` },
      });
      if (!response.ok) throw new Error(`sandbox state: ${response.status}`);
      return (await response.json()) as SandboxState;
    },
    async stop() {
      running.child.kill('SIGTERM');
      await running.exited;
    },
  };
}

/** Lines the sandbox holds, by external_id, over every session. */
export function externalIdCounts(state: SandboxState): Map<string, number> {
  const counts = new Map<string, number>();
  for (const session of state.sessions)
    for (const line of session.product_order_item) {
      const id = line.external_id ?? '';
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
  return counts;
}

/**
 * The rows of a box table as printed (`│ a │ b │`), one array of cells per row; a cell wrapped
 * over several printed rows is joined back (with a space) into its row.
 */
export function tableRows(text: string): string[][] {
  const rows: string[][] = [];
  for (const printed of text.split('\n')) {
    if (!printed.startsWith('│')) continue;
    const cells = printed
      .split('│')
      .slice(1, -1)
      .map((cell) => cell.trim());
    const last = rows.at(-1);
    if (last && cells[0] === '') {
      cells.forEach((cell, index) => {
        if (cell) last[index] = last[index] ? `${last[index]} ${cell}` : cell;
      });
    } else rows.push(cells);
  }
  return rows;
}
