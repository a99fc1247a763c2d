/**
 * Every command the docs show works as pasted: each shell block of README.md and docs/*.md that
 * runs `covage-orders` (or `npx covage-orders`) is run, from a fresh folder holding the clone's
 * `examples/`, with the built CLI on the PATH as `npm link` puts it there (a sandbox started for
 * the blocks that talk to one, test values for the secrets a reader would set: see docBlocks.ts).
 * And every flag the docs name next to a command is one that command's `--help` lists, as is every
 * flag of the examples each `--help` ends with.
 */
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HELP_EXAMPLES } from '../../src/cli/helpExamples.js';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { assertBuilt, CLI, cleanEnv, ROOT } from '../cli/support/cli.js';
import { postgresForTests, type ThrowawayPostgres } from '../helpers/postgres.js';
import {
  codeOf,
  commandBlocks,
  commandLines,
  type DocBlock,
  docFiles,
  invocations,
  sectionFlags,
} from './docBlocks.js';

assertBuilt();

const BLOCKS = docFiles(ROOT).flatMap((file) => commandBlocks(ROOT, file));
const COMMANDS = [
  'validate',
  'submit',
  'resume',
  'export',
  'diagram',
  'sandbox',
  'track',
  'worker',
];
/** The address the docs give a sandbox run apart. */
const DOC_SANDBOX = '127.0.0.1:4010';
/** The address the docs give a PostgreSQL server (a `postgres` block gets a throwaway one). */
const DOC_POSTGRES = '127.0.0.1:5432';

let home: string;
let bin: string;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'covage-docs-'));
  bin = join(home, 'bin');
  await mkdir(bin);
  // What `npm link` puts on the PATH; and `npx covage-orders`, which runs it inside the clone
  // (the last test checks the real npx does).
  const shims = {
    'covage-orders': `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`,
    npx: '#!/bin/sh\n[ "$1" = covage-orders ] || { echo "docs test: npx runs covage-orders only" >&2; exit 127; }\nshift\nexec covage-orders "$@"\n',
  };
  for (const [name, text] of Object.entries(shims)) {
    await writeFile(join(bin, name), text);
    await chmod(join(bin, name), 0o755);
  }
}, 60_000);

afterAll(async () => {
  for (const pid of running) killGroup(pid, 'SIGKILL');
  await rm(home, { recursive: true, force: true });
});

let folders = 0;
/** A folder as the reader's clone looks after the quick start (for what the examples read). */
async function clone(): Promise<string> {
  folders++;
  const dir = join(home, `run-${folders}`);
  await cp(join(ROOT, 'examples'), join(dir, 'examples'), { recursive: true });
  return dir;
}

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Longest a block may run: past it, its processes are killed and it fails with what it printed. */
const BLOCK_MS = 100_000;
/** Process groups still running, killed at the end whatever happened. */
const running = new Set<number>();

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

function sh(
  script: string,
  options: { cwd: string; env: Record<string, string>; until?: RegExp },
): Promise<Ran> {
  return new Promise((resolve) => {
    // Its own process group, so that a block's every process can be stopped.
    const child = spawn('/bin/sh', ['-e', '-c', script], {
      cwd: options.cwd,
      env: options.env,
      detached: true,
    });
    const pid = child.pid;
    if (pid !== undefined) running.add(pid);
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      stderr += `\n[docs test: still running after ${BLOCK_MS} ms, killed]`;
      killGroup(pid, 'SIGKILL');
    }, BLOCK_MS);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (options.until?.test(stdout)) child.kill('SIGTERM');
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (pid !== undefined) running.delete(pid);
      resolve({ code, stdout, stderr });
    });
  });
}

function environment(block: DocBlock, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...cleanEnv(),
    PATH: `${bin}:${process.env.PATH ?? ''}`,
    ...block.env,
    ...extra,
  };
}

async function runBlock(block: DocBlock): Promise<Ran[]> {
  const cwd = await clone();
  if (block.background) {
    // A server: each command runs until it prints its URL, then must stop cleanly on SIGTERM.
    const runs: Ran[] = [];
    for (const line of commandLines(block.text)) {
      const command = line.replace(/--port \d+/, '--port 0').replace(/\s+#.*$/, '');
      // `exec env A=b …`: the shell becomes the server, so that SIGTERM reaches it.
      runs.push(
        await sh(`exec env ${command}`, {
          cwd,
          env: environment(block),
          until: /^http:\/\/\S+\n/m,
        }),
      );
    }
    return runs;
  }
  let sandbox: SandboxHandle | undefined;
  let database: ThrowawayPostgres | undefined;
  try {
    let script = block.text;
    if (block.postgres) {
      database = await postgresForTests();
      // No PostgreSQL here (and not in CI): the block cannot run; postgresForTests said why.
      if (!database) return [{ code: block.exit, stdout: '', stderr: '' }];
      script = script.replaceAll(DOC_POSTGRES, `127.0.0.1:${database.port}`);
    }
    if (block.sandbox) {
      sandbox = await startSandbox({
        port: 0,
        tokens: ['demo-token'],
        outcomeDelayMs: 20,
        exportIntervalMs: 1500,
        exportDurationMs: 20,
      });
      script = script.replaceAll(DOC_SANDBOX, new URL(sandbox.url).host);
    }
    for (const [from, to] of block.replace)
      script = script.replaceAll(from, to.replace('$SANDBOX', sandbox?.url ?? ''));
    return [await sh(script, { cwd, env: environment(block) })];
  } finally {
    await sandbox?.close();
    await database?.stop();
  }
}

describe('the docs command blocks', () => {
  it('there are command blocks, in the README and the guides', () => {
    expect(BLOCKS.length).toBeGreaterThanOrEqual(10);
    expect(BLOCKS.some((block) => block.where.startsWith('README.md'))).toBe(true);
  });

  describe.concurrent.each(BLOCKS.map((block) => [block.where, block] as const))(
    '%s',
    (_where, block) => {
      it('works as pasted', async () => {
        const runs = await runBlock(block);
        for (const run of runs) {
          const report = `${block.text}\n--- stdout ---\n${run.stdout}\n--- stderr ---\n${run.stderr}`;
          expect(run.code, report).toBe(block.exit);
          expect(run.stderr, report).not.toMatch(/\n\s+at |node:internal|command not found/);
          if (block.background) expect(run.stdout, report).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/m);
        }
      }, 120_000);
    },
  );
});

const run = (args: string[], cwd = ROOT) =>
  new Promise<Ran>((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd, env: cleanEnv() }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });

/** Every flag each command's --help lists. */
const HELP: Record<string, Set<string>> = {};
const HELP_TEXT: Record<string, string> = {};

describe('the flags the docs name', () => {
  beforeAll(async () => {
    await Promise.all(
      COMMANDS.map(async (command) => {
        const help = await run([command, '--help']);
        HELP_TEXT[command] = help.stdout;
        HELP[command] = new Set(
          [...help.stdout.matchAll(/(?:^|[\s,])(--[a-z][a-z-]*)/g)].map((m) => m[1] as string),
        );
      }),
    );
  }, 60_000);

  const everyFlag = () => new Set(Object.values(HELP).flatMap((flags) => [...flags]));

  it('every flag written after `covage-orders <command>` is one that command takes', () => {
    const wrong: string[] = [];
    for (const file of docFiles(ROOT)) {
      const text = codeOf(readFileSync(join(ROOT, file), 'utf8'));
      for (const { command, flags } of invocations(text)) {
        if (!HELP[command]) {
          if (!['resume', 'submit'].includes(command) || flags.length > 0)
            wrong.push(`${file}: covage-orders ${command} is not a command`);
          continue;
        }
        for (const flag of flags)
          if (!HELP[command]?.has(flag)) wrong.push(`${file}: covage-orders ${command} ${flag}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('every flag of a command section, or of the CLI guides, exists', () => {
    const named = [
      ...sectionFlags(ROOT, 'docs/cli.md', (heading) => {
        const named = [...heading.matchAll(/`covage-orders (\w+)/g)];
        return named.length === 1 ? (named[0]?.[1] as string) : '*';
      }),
      ...sectionFlags(ROOT, 'docs/sandbox.md', (heading) =>
        /Starting it|Flags and options/.test(heading) ? 'sandbox' : undefined,
      ),
      ...sectionFlags(ROOT, 'docs/tracking.md', (heading) =>
        /The CLI/.test(heading) ? 'track' : undefined,
      ),
      ...sectionFlags(ROOT, 'README.md', (heading) =>
        /Command line/.test(heading) ? '*' : undefined,
      ),
    ];
    expect(named.length).toBeGreaterThan(30);
    const all = everyFlag();
    const wrong = named
      .filter(({ command, flag }) => !(command === '*' ? all : HELP[command])?.has(flag))
      .map(({ command, flag, where }) => `${where}: ${command} ${flag}`);
    expect(wrong).toEqual([]);
  });

  it('every --help ends with examples, and their flags exist', () => {
    for (const command of COMMANDS) {
      const examples = HELP_EXAMPLES[command] ?? [];
      expect(examples.length, command).toBeGreaterThanOrEqual(2);
      expect(HELP_TEXT[command]).toContain('Examples:');
      for (const example of examples) {
        expect(HELP_TEXT[command]).toContain(example);
        for (const { command: used, flags } of invocations(example)) {
          expect(used).toBe(command);
          for (const flag of flags) expect(HELP[command], `${example}: ${flag}`).toContain(flag);
        }
      }
    }
  });
});

describe('the docs as a clone has them', () => {
  it('name no path of the machine they were written on, and no file outside the clone', () => {
    const found = docFiles(ROOT).flatMap((file) =>
      [
        ...readFileSync(join(ROOT, file), 'utf8').matchAll(
          /(?:\/work\/|\/home\/|\/root\/|\/Users\/|\.\.\/shared\/)\S*/g,
        ),
      ].map((match) => `${file}: ${match[0]}`),
    );
    expect(found).toEqual([]);
  });
});

describe('npx covage-orders inside the clone', () => {
  it('runs the package’s own command, without the registry', async () => {
    const ran = await new Promise<Ran>((resolve) => {
      execFile(
        'npx',
        ['--no', 'covage-orders', '--version'],
        { cwd: ROOT, env: cleanEnv() },
        (error, stdout, stderr) => resolve({ code: error ? 1 : 0, stdout, stderr }),
      );
    });
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  }, 60_000);
});
