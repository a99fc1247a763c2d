/**
 * Hostile order files into `validate` and `submit`. Spawning 10 000 Node processes would take
 * about an hour on two cores, so most files go through the commands' own run functions
 * in-process (`runValidate`, `runSubmit`: the same code the CLI runs after parsing its flags,
 * with the CLI's own error wrapper), and a sample goes through the built binary as a user would
 * run it. Every file is broken on purpose: each command must exit 1 or 2 with a message and no
 * uncaught exception, and `submit`, pointed at a sandbox, must send nothing.
 */
import { copyFile, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Writable } from 'node:stream';
import { runSubmit } from '../../src/cli/commands/submit.js';
import { runValidate } from '../../src/cli/commands/validate.js';
import { CliError } from '../../src/cli/exitCodes.js';
import type { CliIo } from '../../src/cli/sessionRun.js';
import { reportingStoreErrors } from '../../src/cli/storeErrors.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { chunks, mapPool } from '../shared/pool.js';
import { type HostileFile, sampleHostileFiles } from './hostileInput.js';
import { pollutionSince, prototypeSnapshot } from './pollution.js';
import { runCli } from './processRun.js';
import { randomSecret } from './random.js';
import { readSandboxState } from './sandboxState.js';
import type { SecretScanner } from './secrets.js';

export interface HostileFilesOptions {
  count: number;
  seed: number;
  /** Scratch directory for the files and submit's state directory. */
  workDir: string;
  /** Files (of the `count`) also run through the built binary, for each command. */
  binarySample: number;
  scanner: SecretScanner;
}

export interface CommandTally {
  runs: number;
  exitCodes: Record<string, number>;
  /** Exceptions that were not the CLI's own `CliError` (a crash, for a user). */
  uncaught: number;
  /** Exit 1 or 2 without a word on stdout or stderr. */
  silent: number;
}

export interface HostileFilesReport {
  files: number;
  /** How many of the files were of each kind (the breaking change's label, without details). */
  kinds: number;
  validate: CommandTally;
  submit: CommandTally;
  /** Requests the sandbox received from all those submits (must be 0). */
  requestsSent: number;
  /** Files submit left in its state directory (must be none). */
  stateFiles: number;
  binary: CommandTally;
  /** Keys that appeared on built-in prototypes during the in-process runs (must be none). */
  pollutedKeys: string[];
  problems: string[];
  durationMs: number;
}

const MAX_PROBLEMS = 20;

function tally(): CommandTally {
  return { runs: 0, exitCodes: {}, uncaught: 0, silent: 0 };
}

/** A stream that keeps what is written to it. */
function collector(): Writable & { text(): string } {
  const parts: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      parts.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
      done();
    },
  }) as Writable & { text(): string };
  stream.text = () => parts.join('');
  return stream;
}

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
  uncaught?: string;
}

/**
 * Runs a command's action as `covage-orders` does (`main.ts`'s wrapper: a `CliError` is a
 * one-line message and its exit code); `validate` writes to `process.stdout`, which is captured
 * for the call.
 */
async function inProcess(
  action: (io: CliIo) => Promise<number>,
  env: CliIo['env'],
): Promise<Outcome> {
  const stdout = collector();
  const stderr = collector();
  const io = { stdout, stderr, env } as unknown as CliIo;
  const writeOut = process.stdout.write;
  const writeErr = process.stderr.write;
  process.stdout.write = ((chunk: string | Uint8Array) => stdout.write(chunk)) as typeof writeOut;
  process.stderr.write = ((chunk: string | Uint8Array) => stderr.write(chunk)) as typeof writeErr;
  let code: number;
  let uncaught: string | undefined;
  try {
    code = await reportingStoreErrors(() => action(io));
  } catch (error) {
    if (error instanceof CliError) {
      stderr.write(`covage-orders: ${error.message}\n`);
      code = error.exitCode;
    } else {
      uncaught = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      code = -1;
    }
  } finally {
    process.stdout.write = writeOut;
    process.stderr.write = writeErr;
  }
  return { code, stdout: stdout.text(), stderr: stderr.text(), ...(uncaught ? { uncaught } : {}) };
}

function judge(
  what: string,
  file: HostileFile,
  outcome: Outcome,
  counts: CommandTally,
  problems: string[],
): boolean {
  counts.runs++;
  counts.exitCodes[outcome.code] = (counts.exitCodes[outcome.code] ?? 0) + 1;
  let ok = true;
  const note = (problem: string) => {
    ok = false;
    if (problems.length < MAX_PROBLEMS) problems.push(`${what} on "${file.label}": ${problem}`);
  };
  if (outcome.uncaught !== undefined) {
    counts.uncaught++;
    note(`uncaught ${outcome.uncaught.slice(0, 200)}`);
    return ok;
  }
  if (outcome.code !== 1 && outcome.code !== 2) note(`exit ${outcome.code}`);
  else if (!outcome.stdout.trim() && !outcome.stderr.trim()) {
    counts.silent++;
    note(`exit ${outcome.code} without a message`);
  }
  if (/unexpected error|^\s+at .+:\d+:\d+\)?$/m.test(outcome.stderr)) {
    counts.uncaught++;
    note(`an unexpected error or a stack trace on stderr: ${outcome.stderr.slice(0, 200)}`);
  }
  return ok;
}

export async function runHostileFiles(options: HostileFilesOptions): Promise<HostileFilesReport> {
  const started = Date.now();
  const { scanner } = options;
  const token = randomSecret('hostile-files-token');
  scanner.add('the hostile-files user token', token);
  const sandbox = await startSandbox({ tokens: [token] });
  const filesDir = join(options.workDir, 'files');
  const stateDir = join(options.workDir, 'state');
  const findingsDir = join(options.workDir, 'findings');
  await mkdir(filesDir, { recursive: true });
  await mkdir(findingsDir, { recursive: true });
  const env = { COVAGE_TOKEN: token };
  const report: HostileFilesReport = {
    files: 0,
    kinds: 0,
    validate: tally(),
    submit: tally(),
    requestsSent: 0,
    stateFiles: 0,
    binary: tally(),
    pollutedKeys: [],
    problems: [],
    durationMs: 0,
  };
  const kinds = new Set<string>();
  const sampleEvery = Math.max(1, Math.floor(options.count / Math.max(1, options.binarySample)));
  const sampled: { path: string; file: HostileFile }[] = [];
  const submitFlags = { baseUrl: sandbox.url, stateDir, quiet: true };
  const prototypes = prototypeSnapshot();
  try {
    for (const [start, size] of chunks(options.count, 250)) {
      const files = sampleHostileFiles(size, options.seed + start);
      for (const [offset, file] of files.entries()) {
        const n = start + offset;
        const path = join(filesDir, `${String(n).padStart(5, '0')}-${file.name}`);
        await writeFile(path, file.content);
        report.files++;
        kinds.add(file.label.replace(/ \((json|yaml|yml)\)$/, '').replace(/"[^"]*"/g, '"…"'));
        const validated = await inProcess(() => runValidate(path, {}), env);
        const submitted = await inProcess((io) => runSubmit(path, submitFlags, io), env);
        const validateOk = judge('validate', file, validated, report.validate, report.problems);
        const submitOk = judge('submit', file, submitted, report.submit, report.problems);
        // A file that broke a command is kept for a look (the scratch directory stays on failure).
        if (!validateOk || !submitOk)
          await copyFile(path, join(findingsDir, basename(path))).catch(() => {});
        scanner.collect(
          `submit's output on hostile file ${n}`,
          submitted.stdout + submitted.stderr,
        );
        if (n % sampleEvery === 0 && sampled.length < options.binarySample)
          sampled.push({ path, file });
        else await rm(path);
      }
    }
    report.pollutedKeys = pollutionSince(prototypes);
    if (report.pollutedKeys.length > 0)
      report.problems.push(`built-in prototypes gained ${report.pollutedKeys.join(', ')}`);
    await mapPool(sampled, 2, async ({ path, file }, n) => {
      const validated = await runCli(['validate', path], { env });
      const submitted = await runCli(
        ['submit', path, '--base-url', sandbox.url, '--state-dir', stateDir, '--quiet'],
        { env },
      );
      for (const [what, result] of [
        ['validate (binary)', validated],
        ['submit (binary)', submitted],
      ] as const) {
        scanner.collect(`${what} on sampled file ${n}`, result.stdout + result.stderr);
        judge(
          what,
          file,
          { code: result.code ?? -1, stdout: result.stdout, stderr: result.stderr },
          report.binary,
          report.problems,
        );
      }
    });
    const state = await readSandboxState(sandbox.url, sandbox.adminToken);
    report.requestsSent = state.requests.total;
    if (report.requestsSent > 0)
      report.problems.push(
        `submit sent ${report.requestsSent} request(s) for files that are broken`,
      );
    report.stateFiles = (await readdir(stateDir).catch(() => [])).length;
    if (report.stateFiles > 0)
      report.problems.push(`submit left ${report.stateFiles} file(s) in its state directory`);
  } finally {
    await sandbox.close();
    await rm(filesDir, { recursive: true, force: true });
  }
  report.kinds = kinds.size;
  report.durationMs = Date.now() - started;
  return report;
}

/** True when every run exited 1 or 2 with a message, and submit sent and saved nothing. */
export function hostileFilesPassed(report: HostileFilesReport): boolean {
  const clean = (t: CommandTally) =>
    t.uncaught === 0 &&
    t.silent === 0 &&
    Object.keys(t.exitCodes).every((code) => code === '1' || code === '2');
  return (
    clean(report.validate) &&
    clean(report.submit) &&
    clean(report.binary) &&
    report.requestsSent === 0 &&
    report.stateFiles === 0 &&
    report.pollutedKeys.length === 0
  );
}
