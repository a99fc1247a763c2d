/**
 * The crash soak: `covage-orders submit` run as a user runs it, killed with SIGKILL at random
 * moments, then `covage-orders resume`d (and killed again, some runs), until the session is over.
 * Each run's order is known in advance (outcome markers), so at the end the sandbox — a separate
 * process that never dies — must hold each intended line exactly once, every session final.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readJournal } from '../../src/store/journal.js';
import { type IntendedSession, intendedSession } from './orders.js';
import { type ChildResult, runCli } from './processRun.js';
import { between, type Random, randomSecret } from './random.js';
import { startSandboxProcess } from './sandboxProcess.js';
import { readSandboxState } from './sandboxState.js';
import type { SecretScanner } from './secrets.js';
import { type Reported, type Verification, verify } from './verify.js';

export interface CrashSoakOptions {
  /** SIGKILLs to deliver in all (kills that land after the command ended do not count). */
  crashes: number;
  /** Kills per run before it is left to finish. Default 3. */
  killsPerRun?: number;
  linesPerRun?: number;
  seed: number;
  random: Random;
  workDir: string;
  scanner: SecretScanner;
  /** Random faults of the sandbox process (its default mix). Default 0.03. */
  faultRate?: number;
}

export interface CrashSoakReport {
  runs: number;
  kills: number;
  /** Kills by the command they hit. */
  killedDuring: { submit: number; resume: number };
  /** Kills by the session state the stored snapshot showed right after (`none`: nothing saved). */
  killedAt: Record<string, number>;
  /** `submit` killed before it saved anything, so run again from the start (nothing was sent). */
  restartedFromScratch: number;
  resumes: number;
  /** Exit codes of the commands that were not killed. */
  exitCodes: Record<string, number>;
  /** Random faults the sandbox process injected, by kind. */
  faults: Record<string, number>;
  verification: Verification;
  problems: string[];
  durationMs: number;
}

const FINAL_EXITS = new Set([0, 3, 4]);
/** Exit 5 (an API failure) and 130 leave a resumable session. */
const RESUMABLE_EXITS = new Set([5, 130]);
const MAX_COMMANDS_PER_RUN = 20;

interface JsonDocument {
  state?: string;
  sessionId?: string | null;
  lines?: { externalId: string | null; apiState: string | null }[];
}

function lastJson(stdout: string): JsonDocument | undefined {
  const line = stdout.trim().split('\n').at(-1);
  try {
    return line ? (JSON.parse(line) as JsonDocument) : undefined;
  } catch {
    return undefined;
  }
}

/** The machine state the stored snapshot shows, top level only (`syncing`, `in_progress`…). */
async function storedState(stateDir: string): Promise<string> {
  const id = await storedId(stateDir);
  if (!id) return 'none';
  try {
    const path = join(stateDir, `${id}.journal`);
    const record = readJournal(await readFile(path, 'utf8'), path).record;
    return typeof record?.state === 'string'
      ? (record.state.split('.')[0] ?? 'unknown')
      : 'unknown';
  } catch {
    return 'unreadable';
  }
}

async function storedId(stateDir: string): Promise<string | undefined> {
  const names = await readdir(stateDir).catch(() => [] as string[]);
  const journal = names.find((name) => name.endsWith('.journal') && !name.startsWith('.'));
  return journal?.slice(0, -'.journal'.length);
}

export async function runCrashSoak(options: CrashSoakOptions): Promise<CrashSoakReport> {
  const started = Date.now();
  const { scanner, random } = options;
  const token = randomSecret('crash-token');
  const adminToken = randomSecret('crash-admin');
  scanner.add('the crash soak user token', token);
  scanner.add('the crash soak admin token', adminToken);
  const sandbox = await startSandboxProcess({
    token,
    adminToken,
    seed: options.seed,
    faultRate: options.faultRate ?? 0.03,
  });
  const env = { COVAGE_TOKEN: token };
  const killsPerRun = options.killsPerRun ?? 3;
  const report: CrashSoakReport = {
    runs: 0,
    kills: 0,
    killedDuring: { submit: 0, resume: 0 },
    killedAt: {},
    restartedFromScratch: 0,
    resumes: 0,
    exitCodes: {},
    faults: {},
    verification: verify([], []),
    problems: [],
    durationMs: 0,
  };
  const reported: Reported[] = [];
  let commands = 0;
  const run = async (args: string[], killAfterMs?: number): Promise<ChildResult> => {
    const result = await runCli(args, {
      env,
      ...(killAfterMs === undefined ? {} : { killAfterMs }),
    });
    commands++;
    scanner.collect(`${args[0]} #${commands} (stdout)`, result.stdout);
    scanner.collect(`${args[0]} #${commands} (stderr)`, result.stderr);
    return result;
  };

  try {
    // How long each command takes when left alone (the first run is never killed): kills land
    // between a fifth of that and all of it.
    const typicalMs = { submit: 3000, resume: 1500 };
    const maxRuns = options.crashes * 4 + 5;
    for (let r = 1; report.kills < options.crashes; r++) {
      if (r > maxRuns) {
        report.problems.push(
          `only ${report.kills} of ${options.crashes} kills landed in ${maxRuns} runs`,
        );
        break;
      }
      report.runs++;
      const intended: IntendedSession = intendedSession(
        `crash-${options.seed}-r${String(r).padStart(2, '0')}`,
        options.linesPerRun ?? 8,
        random,
      );
      const runDir = join(options.workDir, `run-${r}`);
      const stateDir = join(runDir, 'state');
      await mkdir(runDir, { recursive: true });
      const file = join(runDir, 'order.json');
      await writeFile(
        file,
        JSON.stringify({
          session: { external_id: intended.externalId },
          lines: intended.lines.map((line) => line.body),
        }),
      );
      const submitArgs = [
        'submit',
        file,
        '--base-url',
        sandbox.url,
        '--state-dir',
        stateDir,
        '--export-interval',
        '1',
        '--json',
        '--quiet',
      ];
      let killsLeft = r === 1 ? 0 : Math.min(killsPerRun, options.crashes - report.kills);
      let document: JsonDocument | undefined;
      let done = false;
      for (let step = 0; !done && step < MAX_COMMANDS_PER_RUN; step++) {
        const id = await storedId(stateDir);
        const args = id
          ? [
              'resume',
              id,
              '--state-dir',
              stateDir,
              '--base-url',
              sandbox.url,
              '--export-interval',
              '1',
              '--json',
              '--quiet',
            ]
          : submitArgs;
        if (id) report.resumes++;
        else if (step > 0) report.restartedFromScratch++;
        const command = id ? 'resume' : 'submit';
        const kill =
          killsLeft > 0
            ? between(random, Math.round(typicalMs[command] * 0.2), typicalMs[command])
            : undefined;
        const began = Date.now();
        const result = await run(args, kill);
        if (result.signal === 'SIGKILL' && kill !== undefined) {
          killsLeft--;
          report.kills++;
          report.killedDuring[command]++;
          const at = await storedState(stateDir);
          report.killedAt[at] = (report.killedAt[at] ?? 0) + 1;
          continue;
        }
        typicalMs[command] = Math.max(300, Date.now() - began);
        const code = result.code ?? -1;
        report.exitCodes[code] = (report.exitCodes[code] ?? 0) + 1;
        if (FINAL_EXITS.has(code)) {
          document = lastJson(result.stdout);
          done = true;
        } else if (!RESUMABLE_EXITS.has(code)) {
          report.problems.push(
            `${intended.externalId}: ${args[0]} exited ${code}: ${result.stderr.trim().split('\n').at(-1) ?? ''}`,
          );
          done = true;
        }
      }
      if (!done)
        report.problems.push(
          `${intended.externalId}: not over after ${MAX_COMMANDS_PER_RUN} commands`,
        );
      reported.push({
        intended,
        sessionId: document?.sessionId ?? null,
        state: document?.state ?? 'unknown',
        lineStates: new Map(
          (document?.lines ?? []).map((line) => [line.externalId ?? '', line.apiState]),
        ),
      });
    }
    const state = await readSandboxState(sandbox.url, adminToken);
    report.verification = verify(reported, state.sessions);
    report.faults = state.faults;
  } finally {
    await sandbox.stop();
  }
  report.durationMs = Date.now() - started;
  return report;
}
