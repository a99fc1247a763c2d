/**
 * The sandbox as a separate process (`covage-orders sandbox`), as a user would run it next to
 * `submit`: the crash soak kills the CLI, never the server. Tokens go through the environment.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { cliPath } from './paths.js';

export interface SandboxProcess {
  url: string;
  stop(): Promise<void>;
}

export function startSandboxProcess(options: {
  token: string;
  adminToken: string;
  seed: number;
  faultRate: number;
  /** Added to every request (default none). */
  latencyMs?: number;
}): Promise<SandboxProcess> {
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    [
      cliPath(),
      'sandbox',
      '--port',
      '0',
      '--seed',
      String(options.seed),
      '--fault-rate',
      String(options.faultRate),
      '--outcome-delay-ms',
      '200',
      // A session creation whose answer was lost is looked for in the export (under `auto`
      // before any read answered): exports a second apart, as the CLI runs are told.
      '--export-interval-ms',
      '1000',
      '--export-duration-ms',
      '100',
      ...(options.latencyMs ? ['--latency-ms', String(options.latencyMs)] : []),
    ],
    {
      env: {
        PATH: process.env.PATH ?? '',
        NO_COLOR: '1',
        COVAGE_SANDBOX_TOKENS: options.token,
        COVAGE_SANDBOX_ADMIN_TOKEN: options.adminToken,
      },
    },
  );
  const stopped = new Promise<void>((resolve) => child.on('close', () => resolve()));
  // Its stderr shows the admin token: it is neither printed nor kept.
  child.stderr.resume();
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('the sandbox process did not print its URL within 15 s'));
    }, 15_000);
    child.on('error', reject);
    child.on('close', (code) => reject(new Error(`the sandbox process exited (${code})`)));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const url = /^(http:\/\/\S+)\s*$/m.exec(out)?.[1];
      if (!url) return;
      clearTimeout(timer);
      resolve({
        url,
        stop: async () => {
          child.kill('SIGTERM');
          await stopped;
        },
      });
    });
  });
}
