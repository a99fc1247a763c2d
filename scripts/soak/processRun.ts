/** Runs the built CLI as a child process and collects what it printed. */
import { spawn } from 'node:child_process';
import { cliPath } from './paths.js';

export interface ChildResult {
  /** The exit code, or null when killed by a signal. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface ChildOptions {
  env?: Record<string, string>;
  /** Sends SIGKILL after this many ms (a crash at a random moment). */
  killAfterMs?: number;
  /** Gives up (SIGKILL) after this many ms. Default 60 s. */
  timeoutMs?: number;
}

/** `covage-orders <args>` with a clean environment (PATH, NO_COLOR and `env` only). */
export function runCli(args: readonly string[], options: ChildOptions = {}): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath(), ...args], {
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timers: NodeJS.Timeout[] = [];
    if (options.killAfterMs !== undefined)
      timers.push(setTimeout(() => child.kill('SIGKILL'), options.killAfterMs));
    timers.push(setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000));
    child.on('error', (error) => {
      for (const timer of timers) clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      for (const timer of timers) clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}
