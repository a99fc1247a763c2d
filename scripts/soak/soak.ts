/**
 * The whole soak: the store, hostile bodies, the fault rounds, the crashes, the hostile files and
 * memory under abuse, in that order, each in its own scratch directory under `workDir`; then the secret scan of
 * everything printed and every file left. `npm run soak` runs the full sizes (main.ts), the test
 * suite a short version (test/soak/soak.short.test.ts).
 */
import { join } from 'node:path';
import { type CrashSoakReport, runCrashSoak } from './crashSoak.js';
import { type FaultSoakReport, runFaultSoak } from './faultSoak.js';
import { type HostileBodiesReport, runHostileBodies } from './hostileBodies.js';
import { type HostileFilesReport, runHostileFiles } from './hostileFiles.js';
import {
  FULL_MEMORY,
  type MemorySoakReport,
  type MemorySoakSizes,
  runMemorySoak,
  SHORT_MEMORY,
} from './memorySoak.js';
import { seededRandom } from './random.js';
import { type RunnerSoakReport, runRunnerSoak } from './runnerSoak.js';
import { SecretScanner } from './secrets.js';
import { runStoreSoak, type StoreSoakReport } from './storeSoak.js';
import type { SoakSummary } from './summary.js';

export interface SoakSizes {
  fault: { rounds: number; sessions: number; lines: number } | null;
  crash: { crashes: number; linesPerRun: number } | null;
  hostileFiles: { count: number; binarySample: number } | null;
  hostileBodies: { count: number } | null;
  store: { kills: number } | null;
  /** Memory under abuse (issue 18): RSS of the sandbox process under each attack. */
  memory: MemorySoakSizes | null;
  /** One runner per session (issue 16): workers on PostgreSQL under kills, concurrent resumes. */
  runner: {
    sessions: number;
    lines: number;
    workers: number;
    killEveryMs: number;
    leaseTtlMs: number;
  } | null;
}

/** The sizes. */
export const FULL_SOAK: SoakSizes = {
  fault: { rounds: 5, sessions: 20, lines: 25 },
  crash: { crashes: 30, linesPerRun: 8 },
  hostileFiles: { count: 10_000, binarySample: 200 },
  hostileBodies: { count: 10_000 },
  store: { kills: 30 },
  memory: FULL_MEMORY,
  runner: { sessions: 50, lines: 20, workers: 3, killEveryMs: 4_000, leaseTtlMs: 3_000 },
};

/** The version in `npm test`: every part, small. */
export const SHORT_SOAK: SoakSizes = {
  fault: { rounds: 1, sessions: 3, lines: 5 },
  crash: { crashes: 2, linesPerRun: 4 },
  hostileFiles: { count: 300, binarySample: 3 },
  hostileBodies: { count: 300 },
  store: { kills: 3 },
  memory: SHORT_MEMORY,
  // Its pieces are tested in test/store/postgres.test.ts and test/cli/resumeLease.test.ts.
  runner: null,
};

export interface SoakConfig {
  seed: number;
  workDir: string;
  sizes: SoakSizes;
  /** Progress lines (they are scanned for secrets too). */
  log?: (line: string) => void;
  /** The memory round attacks this build's sandbox (`dist/src/cli/main.js`) instead. */
  sandboxCli?: string;
}

export async function runSoak(
  config: SoakConfig,
): Promise<{ summary: SoakSummary; scanner: SecretScanner }> {
  const started = Date.now();
  const { seed, workDir, sizes } = config;
  const scanner = new SecretScanner();
  const log = (line: string) => {
    scanner.collect('the soak output', line);
    config.log?.(line);
  };
  const timed = async <T>(name: string, part: () => Promise<T>): Promise<T> => {
    log(`${name}…`);
    const at = Date.now();
    const result = await part();
    log(`${name}: done in ${((Date.now() - at) / 1000).toFixed(1)} s`);
    return result;
  };

  let store: StoreSoakReport | null = null;
  if (sizes.store) {
    const { kills } = sizes.store;
    store = await timed(`file store (${kills} kills)`, () =>
      runStoreSoak({ workDir: join(workDir, 'store'), kills, random: seededRandom(seed + 1) }),
    );
  }

  let hostileBodies: HostileBodiesReport | null = null;
  if (sizes.hostileBodies) {
    const { count } = sizes.hostileBodies;
    hostileBodies = await timed(`hostile bodies (${count})`, () =>
      runHostileBodies({ count, seed: seed + 2, scanner }),
    );
  }

  const faults: FaultSoakReport[] = [];
  if (sizes.fault) {
    const { rounds, sessions, lines } = sizes.fault;
    for (let round = 0; round < rounds; round++) {
      faults.push(
        await timed(
          `faults, round ${round + 1} of ${rounds} (${sessions} sessions × ${lines} lines)`,
          () =>
            runFaultSoak({
              sessions,
              linesPerSession: lines,
              seed: seed + 100 + round,
              stateDir: join(workDir, `faults-${round + 1}`, 'state'),
              scanner,
            }),
        ),
      );
    }
    // Issue 15: one more round with the session read off (order tracking and the CSV export).
    faults.push(
      await timed(`faults, read-off round (${sessions} sessions × ${lines} lines)`, () =>
        runFaultSoak({
          sessions,
          linesPerSession: lines,
          seed: seed + 200,
          stateDir: join(workDir, 'faults-read-off', 'state'),
          scanner,
          readOff: true,
        }),
      ),
    );
  }

  let crashes: CrashSoakReport | null = null;
  if (sizes.crash) {
    const { crashes: count, linesPerRun } = sizes.crash;
    crashes = await timed(`crashes (${count} SIGKILLs)`, () =>
      runCrashSoak({
        crashes: count,
        linesPerRun,
        seed: seed + 3,
        random: seededRandom(seed + 3),
        workDir: join(workDir, 'crashes'),
        scanner,
      }),
    );
  }

  let hostileFiles: HostileFilesReport | null = null;
  if (sizes.hostileFiles) {
    const { count, binarySample } = sizes.hostileFiles;
    hostileFiles = await timed(
      `hostile order files (${count}, ${binarySample} through the binary)`,
      () =>
        runHostileFiles({
          count,
          seed: seed + 4,
          workDir: join(workDir, 'hostile-files'),
          binarySample,
          scanner,
        }),
    );
  }

  let memory: MemorySoakReport | null = null;
  if (sizes.memory) {
    const memorySizes = sizes.memory;
    memory = await timed('memory under abuse (SSE, unauthenticated bodies, 1 MB notes)', () =>
      runMemorySoak({
        sizes: memorySizes,
        scanner,
        log,
        ...(config.sandboxCli ? { sandboxCli: config.sandboxCli } : {}),
      }),
    );
  }

  let runner: RunnerSoakReport | null = null;
  if (sizes.runner) {
    const runnerSizes = sizes.runner;
    runner = await timed(
      `runners (${runnerSizes.sessions} sessions × ${runnerSizes.lines} lines, ${runnerSizes.workers} workers on PostgreSQL, kills and a pause; two resumes at once)`,
      () =>
        runRunnerSoak({
          ...runnerSizes,
          seed: seed + 5,
          random: seededRandom(seed + 5),
          workDir: join(workDir, 'runners'),
          scanner,
        }),
    );
  }

  const scan = await scanner.scanAll([workDir]);
  return {
    summary: {
      finishedAt: new Date().toISOString(),
      seed,
      durationMs: Date.now() - started,
      faults,
      crashes,
      hostileFiles,
      hostileBodies,
      store,
      memory,
      runner,
      secrets: { secrets: scanner.size, texts: scan.texts, dirs: scan.dirs, leaks: scan.leaks },
    },
    scanner,
  };
}
