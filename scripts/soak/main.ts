/**
 * `npm run soak`: the reliability soak at the issue's sizes (or smaller ones), its summary table,
 * the summary written into docs/reliability.md, and a non-zero exit when anything was duplicated,
 * lost, left unfinished, answered with a 5xx, crashed on, or leaked a secret.
 *
 * Usage: node dist/scripts/soak/main.js [--short] [--seed N] [--rounds N] [--sessions N]
 *   [--lines N] [--crashes N] [--files N] [--binary-sample N] [--bodies N] [--store-kills N]
 *   [--only store,bodies,faults,crashes,files,memory,runner] [--sandbox-cli PATH] [--no-docs]
 *   [--keep]
 * `--sandbox-cli` points the memory round at another build's `dist/src/cli/main.js` (to measure
 * a sandbox before a fix; the summary is then not written into the docs).
 * Exit status: 0 passed, 1 failed, 2 bad flags.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from './paths.js';
import { FULL_SOAK, runSoak, SHORT_SOAK, type SoakSizes } from './soak.js';
import { renderMarkdown, renderTable, summaryRows, verdict } from './summary.js';

const PARTS = ['store', 'bodies', 'faults', 'crashes', 'files', 'memory', 'runner'] as const;
const START = '<!-- soak:last-summary:start -->';
const END = '<!-- soak:last-summary:end -->';

function whole(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new Error(`--${name} is a whole number`);
  return Number(value);
}

function sizesFrom(values: Record<string, string | boolean | undefined>): SoakSizes {
  const base = structuredClone(values.short ? SHORT_SOAK : FULL_SOAK);
  const n = (name: string) => whole(name, values[name] as string | undefined);
  if (base.fault) {
    base.fault.rounds = n('rounds') ?? base.fault.rounds;
    base.fault.sessions = n('sessions') ?? base.fault.sessions;
    base.fault.lines = n('lines') ?? base.fault.lines;
  }
  if (base.crash) base.crash.crashes = n('crashes') ?? base.crash.crashes;
  if (base.hostileFiles) {
    base.hostileFiles.count = n('files') ?? base.hostileFiles.count;
    base.hostileFiles.binarySample = n('binary-sample') ?? base.hostileFiles.binarySample;
  }
  if (base.hostileBodies) base.hostileBodies.count = n('bodies') ?? base.hostileBodies.count;
  if (base.store) base.store.kills = n('store-kills') ?? base.store.kills;
  const only = values.only as string | undefined;
  if (only !== undefined) {
    const wanted = new Set(only.split(',').map((part) => part.trim()));
    for (const part of wanted)
      if (!(PARTS as readonly string[]).includes(part))
        throw new Error(`--only takes ${PARTS.join(', ')}; "${part}" is none of them`);
    if (!wanted.has('store')) base.store = null;
    if (!wanted.has('bodies')) base.hostileBodies = null;
    if (!wanted.has('faults')) base.fault = null;
    if (!wanted.has('crashes')) base.crash = null;
    if (!wanted.has('files')) base.hostileFiles = null;
    if (!wanted.has('memory')) base.memory = null;
    if (!wanted.has('runner')) base.runner = null;
    else base.runner ??= structuredClone(FULL_SOAK.runner);
  }
  return base;
}

async function writeDocs(markdown: string): Promise<string> {
  const path = join(repoRoot(), 'docs', 'reliability.md');
  const text = await readFile(path, 'utf8').catch(() => '');
  const section = `${START}\n\n${markdown}\n\n${END}`;
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  const next =
    start >= 0 && end > start
      ? `${text.slice(0, start)}${section}${text.slice(end + END.length)}`
      : `${text.trimEnd()}\n\n## The soak's last summary\n\n${section}\n`;
  await writeFile(path, next);
  return path;
}

async function main(): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  let sizes: SoakSizes;
  let seed: number;
  try {
    ({ values } = parseArgs({
      options: {
        short: { type: 'boolean' },
        seed: { type: 'string' },
        rounds: { type: 'string' },
        sessions: { type: 'string' },
        lines: { type: 'string' },
        crashes: { type: 'string' },
        files: { type: 'string' },
        'binary-sample': { type: 'string' },
        bodies: { type: 'string' },
        'store-kills': { type: 'string' },
        only: { type: 'string' },
        'no-docs': { type: 'boolean' },
        keep: { type: 'boolean' },
        'sandbox-cli': { type: 'string' },
      },
    }));
    sizes = sizesFrom(values);
    seed = whole('seed', values.seed as string | undefined) ?? 1;
  } catch (error) {
    process.stderr.write(`soak: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const workDir = await mkdtemp(join(tmpdir(), 'covage-soak-'));
  const say = (line: string) => process.stdout.write(`${line}\n`);
  say(`soak: seed ${seed}, scratch directory ${workDir}`);
  const sandboxCli = values['sandbox-cli'] as string | undefined;
  const { summary, scanner } = await runSoak({
    seed,
    workDir,
    sizes,
    log: say,
    ...(sandboxCli ? { sandboxCli } : {}),
  });

  const table = renderTable(summaryRows(summary));
  const leaksInTable = scanner.scanText('the summary', table);
  summary.secrets.leaks.push(...leaksInTable);
  const reasons = verdict(summary);
  say(table);
  if (reasons.length === 0) say('soak: passed');
  else {
    say('soak: FAILED');
    for (const reason of reasons) say(`  ${reason}`);
  }

  const partial =
    values.short === true || values.only !== undefined || values['sandbox-cli'] !== undefined;
  if (!values['no-docs'] && !partial) {
    const args = process.argv.slice(2).join(' ');
    const path = await writeDocs(
      renderMarkdown(summary, `npm run soak${args ? ` -- ${args}` : ''}`),
    );
    say(`soak: summary written to ${path}`);
  }
  if (values.keep || reasons.length > 0) say(`soak: scratch directory kept: ${workDir}`);
  else await rm(workDir, { recursive: true, force: true });
  return reasons.length === 0 ? 0 : 1;
}

process.exitCode = await main();
