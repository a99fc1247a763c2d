/**
 * The store soak. Kills: a child process saves one record over and over through the file store
 * and is killed with SIGKILL at random moments, mostly in the middle of a write; each time, the
 * record read back must be whole and no older than the last save the child finished. Damage: a
 * state directory with cut, empty, binary, foreign, other-version and hand-broken snapshots must
 * make `load` and `resumeOrderSession` fail with a clear `SnapshotStoreError`, never a crash, and
 * `covage-orders resume` exit 2 with one line naming the file.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CovageApi } from '../../src/client/api.js';
import { resumeOrderSession } from '../../src/runtime/orderSession.js';
import {
  createFileStore,
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  SnapshotStoreError,
} from '../../src/store/file.js';
import { journalText } from '../../src/store/journal.js';
import { mapPool } from '../shared/pool.js';
import { repoRoot } from './paths.js';
import { runCli } from './processRun.js';
import { between, type Random } from './random.js';

export interface StoreSoakReport {
  kills: number;
  /** Kills that landed while a save was under way (started, not finished). */
  killedMidWrite: number;
  /** Records read back whole after a kill. */
  intact: number;
  /** Temporary files left behind by killed writes (ignored by `list` and `load`). */
  leftoverTempFiles: number;
  damagedFiles: number;
  /** Damaged files reported with a `SnapshotStoreError` (the rest is a problem). */
  reportedClearly: number;
  /** Damaged files `covage-orders resume` refused with exit 2 and one line naming them. */
  cliReportedClearly: number;
  problems: string[];
}

const ID = 'store-soak';

/** The writer next to this module when it runs built, else the built one (tests run the .ts). */
function writerPath(): string {
  const beside = fileURLToPath(new URL('./storeWriter.js', import.meta.url));
  return existsSync(beside)
    ? beside
    : join(repoRoot(), 'dist', 'scripts', 'soak', 'storeWriter.js');
}

/** Runs the writer, kills it `delayMs` after its first finished save; returns what it said. */
function writeAndKill(dir: string, delayMs: number, payload: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writerPath(), dir, ID, String(payload)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    let armed = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (!armed && out.includes('saved ')) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(guard);
      resolve(out);
    });
  });
}

function lastNumber(text: string, word: string): number {
  const matches = [...text.matchAll(new RegExp(`^${word} (\\d+)$`, 'gm'))];
  return Number(matches.at(-1)?.[1] ?? 0);
}

async function killDuringWrites(
  dir: string,
  kills: number,
  random: Random,
  report: StoreSoakReport,
): Promise<void> {
  const store = createFileStore(dir);
  for (let n = 0; n < kills; n++) {
    const out = await writeAndKill(dir, between(random, 0, 120), 2_000_000);
    report.kills++;
    const started = lastNumber(out, 'started');
    const saved = lastNumber(out, 'saved');
    // The child may have finished a save whose "saved" line it never got to print.
    if (started > saved) report.killedMidWrite++;
    try {
      const record = await store.load(ID);
      const sequence = Number(record?.state);
      // The line the last finished save wrote holds that save or a later one; none is newer
      // than the last save started.
      const lines = Object.values(record?.lines ?? {}) as { sequence: number }[];
      const last = (record?.lines?.[`L${saved % 4}`] as { sequence: number } | undefined)?.sequence;
      const linesSound =
        saved === 0 ||
        (last !== undefined && last >= saved && lines.every((line) => line.sequence <= started));
      if (record && sequence >= saved && sequence <= started && linesSound) report.intact++;
      else
        report.problems.push(
          `after kill ${n + 1}: read back save ${record?.state ?? 'none'} (its line ${last ?? 'none'}), expected ${saved}..${started}`,
        );
      const listed = await store.list();
      if (listed.length !== 1)
        report.problems.push(`after kill ${n + 1}: list() shows ${listed.length} records`);
    } catch (error) {
      report.problems.push(
        `after kill ${n + 1}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  report.leftoverTempFiles = (await readdir(dir)).filter((name) => name.endsWith('.tmp')).length;
}

/** A state file of format 2 (one JSON file per session, as 0.2.0 wrote them). */
const record = (id: string, snapshot: unknown) =>
  JSON.stringify({
    format: SNAPSHOT_FORMAT,
    version: 2,
    id,
    sessionId: null,
    state: 'created',
    savedAt: new Date(0).toISOString(),
    snapshot,
  });

/** Damaged state files, by id: each must be reported, not restored and not crashed on. */
const DAMAGED: Record<string, string | Uint8Array> = {
  empty: '',
  cut: record('cut', { status: 'active' }).slice(0, 60),
  binary: Uint8Array.from([0, 255, 254, 1, 2, 3]),
  foreign: JSON.stringify({ name: 'some other tool', version: 3 }),
  list: '[1, 2, 3]',
  'other-version': JSON.stringify({ ...JSON.parse(record('other-version', {})), version: 99 }),
  'no-snapshot': JSON.stringify({ format: SNAPSHOT_FORMAT, version: 2, id: 'x' }),
  'empty-snapshot': record('empty-snapshot', {}),
  'unknown-state': record('unknown-state', {
    status: 'active',
    value: 'nowhere',
    context: {},
    children: {},
  }),
  'null-context': record('null-context', { status: 'active', value: 'created', context: null }),
  'wrong-context': record('wrong-context', {
    status: 'done',
    value: 'completed',
    context: { lines: 5 },
  }).replace('"lines":5', '"lines":5,"__proto__":{"polluted":true}'),
};

/** A journal (format 3) whose header is `header` (written whole, or cut at `cut` characters). */
function journal(id: string, snapshot: unknown, cut?: number): string {
  const text = journalText(
    {
      format: SNAPSHOT_FORMAT,
      version: SNAPSHOT_VERSION,
      id,
      sessionId: null,
      state: 'created',
      savedAt: new Date(0).toISOString(),
      snapshot,
    },
    [{ key: 'L1', json: '{"c":{"index":0}}' }],
  );
  return cut === undefined ? text : text.slice(0, cut);
}

/** Damaged journals, by id: the same rule. */
const DAMAGED_JOURNALS: Record<string, string | Uint8Array> = {
  'journal-empty': '',
  'journal-cut': journal('journal-cut', { status: 'active' }, 40),
  'journal-bad-checksum': journal('journal-bad-checksum', { status: 'active' }).replace(
    /^[0-9a-f]/,
    (digit) => (digit === '0' ? '1' : '0'),
  ),
  'journal-binary': Uint8Array.from([0, 255, 254, 1, 2, 10, 3]),
  'journal-line-first': journal('journal-line-first', {}).split('\n').reverse().join('\n'),
  'journal-no-registry': journal('journal-no-registry', {
    status: 'active',
    value: 'draft',
    context: {},
    children: {},
  }),
  'journal-bad-line': journal('journal-bad-line', {
    status: 'active',
    value: { created: 'editing' },
    context: {},
    children: { lines: { src: 'lines', snapshot: { status: 'active' } } },
  }),
};

const refusingApi = new Proxy({} as CovageApi, {
  get: () => async () => {
    throw new Error('a damaged session must not reach the API');
  },
});

async function damagedSnapshots(dir: string, report: StoreSoakReport): Promise<void> {
  await mkdir(dir, { recursive: true });
  const store = createFileStore(dir);
  const files = [
    ...Object.entries(DAMAGED).map(([id, content]) => [id, content, '.json'] as const),
    ...Object.entries(DAMAGED_JOURNALS).map(([id, content]) => [id, content, '.journal'] as const),
  ];
  for (const [id, content, extension] of files) {
    await writeFile(join(dir, `${id}${extension}`), content);
    report.damagedFiles++;
    try {
      const session = await resumeOrderSession(store, id, { api: refusingApi });
      await session.stop();
      report.problems.push(`damaged file "${id}" was restored`);
    } catch (error) {
      if (error instanceof SnapshotStoreError && error.message.includes(id))
        report.reportedClearly++;
      else
        report.problems.push(
          `damaged file "${id}": ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
        );
    }
  }
  // list() skips what it cannot read instead of failing.
  await store.list().catch((error: unknown) => {
    report.problems.push(`list() failed on damaged files: ${String(error)}`);
  });
  // And the CLI says so in one line, exit 2, before any request (the base URL is unreachable).
  await mapPool([...Object.keys(DAMAGED), ...Object.keys(DAMAGED_JOURNALS)], 2, async (id) => {
    const result = await runCli(
      ['resume', id, '--state-dir', dir, '--base-url', 'http://127.0.0.1:9', '--quiet'],
      { env: { COVAGE_TOKEN: 'store-soak-unused-token' } },
    );
    const lines = result.stderr.trim().split('\n');
    if (
      result.code === 2 &&
      lines.length === 1 &&
      lines[0]?.includes(id) &&
      !/unexpected error/.test(result.stderr)
    )
      report.cliReportedClearly++;
    else
      report.problems.push(
        `resume of damaged file "${id}": exit ${result.code}, ${result.stderr.trim().slice(0, 200)}`,
      );
  });
}

export async function runStoreSoak(options: {
  workDir: string;
  kills: number;
  random: Random;
}): Promise<StoreSoakReport> {
  const report: StoreSoakReport = {
    kills: 0,
    killedMidWrite: 0,
    intact: 0,
    leftoverTempFiles: 0,
    damagedFiles: 0,
    reportedClearly: 0,
    cliReportedClearly: 0,
    problems: [],
  };
  await killDuringWrites(join(options.workDir, 'kills'), options.kills, options.random, report);
  await damagedSnapshots(join(options.workDir, 'damaged'), report);
  return report;
}

export function storeSoakPassed(report: StoreSoakReport): boolean {
  return (
    report.problems.length === 0 &&
    report.intact === report.kills &&
    report.reportedClearly === report.damagedFiles &&
    report.cliReportedClearly === report.damagedFiles
  );
}
