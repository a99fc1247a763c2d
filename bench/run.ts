/**
 * `npm run bench [-- <scenario id>... --rounds N --warmup N --sizes 100,1000 --no-save]`: builds,
 * then runs each
 * scenario (all by default) and prints, per contender, the median time, its ratio to the
 * baseline and the figures it reported (e.g. requests made); then writes `bench/results.json`
 * and the tables of `docs/performance.md` (`--no-save`: neither).
 * A benchmark, not a test: it reports a missed target and still exits 0.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DOC_PATH, updateDoc } from './markdown.js';
import { type MeasureOptions, measure } from './measure.js';
import { formatProbe, formatResult } from './report.js';
import { machineInfo, RESULTS_PATH, type SavedResult, saveResults } from './results.js';
import { SCENARIOS } from './scenarios/index.js';

export interface BenchOptions {
  ids: string[];
  /** Given on the command line: overrides every scenario's own counts. */
  rounds?: number;
  warmup?: number;
  /** Session sizes of the `scaling` probe (default 100, 1,000 and 10,000 lines). */
  sizes?: number[];
  save: boolean;
}

const DEFAULT_ROUNDS = 21;
const DEFAULT_WARMUP = 5;

export function parseArgs(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = { ids: [], save: true };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] as string;
    if (arg === '--rounds' || arg === '--warmup') {
      const value = Number(argv[++index]);
      const min = arg === '--rounds' ? 1 : 0;
      if (!Number.isInteger(value) || value < min)
        throw new Error(`${arg} takes a whole number ≥ ${min}`);
      options[arg === '--rounds' ? 'rounds' : 'warmup'] = value;
    } else if (arg === '--sizes') {
      const sizes = String(argv[++index] ?? '')
        .split(',')
        .map((size) => Number(size.replaceAll('_', '')));
      if (sizes.length === 0 || sizes.some((size) => !Number.isInteger(size) || size < 1))
        throw new Error('--sizes takes whole numbers ≥ 1, separated by commas (e.g. 100,1000)');
      options.sizes = sizes;
    } else if (arg === '--no-save') options.save = false;
    else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}`);
    else options.ids.push(arg);
  }
  const known = new Set(SCENARIOS.map((scenario) => scenario.id));
  for (const id of options.ids) {
    if (!known.has(id))
      throw new Error(`unknown scenario "${id}" (known: ${[...known].join(', ')})`);
  }
  return options;
}

/** Runs the chosen scenarios, printing each result as it comes; returns them all. */
export async function runBenchmarks(
  options: BenchOptions,
  print: (text: string) => void = console.log,
): Promise<SavedResult[]> {
  const exposed = (globalThis as { gc?: (options?: { type: 'major' | 'minor' }) => void }).gc;
  // A plain gc() is V8's memory-reducing collection, which also throws compiled code away: every
  // timed run would then start cold. An ordinary major collection clears the previous run's
  // garbage and keeps the code.
  const gc = exposed ? () => exposed({ type: 'major' }) : undefined;
  const forced = options.rounds !== undefined || options.warmup !== undefined;
  const measureOptions: MeasureOptions = {
    rounds: options.rounds ?? DEFAULT_ROUNDS,
    warmup: options.warmup ?? DEFAULT_WARMUP,
    forceCounts: forced,
    gc,
  };
  const machine = machineInfo();
  print(
    `${machine.cpus.count} × ${machine.cpus.model}, node ${machine.node}, ${gc ? 'gc between runs' : 'no --expose-gc: gc left to the runtime'}`,
  );
  const results: SavedResult[] = [];
  for (const { id, build } of SCENARIOS) {
    if (options.ids.length > 0 && !options.ids.includes(id)) continue;
    const built = build(options);
    const ranAt = new Date().toISOString();
    if ('contenders' in built) {
      const result = await measure(built, measureOptions);
      results.push({ kind: 'race', ranAt, ...result });
      print(`\n${formatResult(result)}`);
    } else {
      const result = await built.run();
      results.push({ kind: 'probe', ranAt, id: built.id, title: built.title, ...result });
      print(`\n${formatProbe(built.id, built.title, result)}`);
    }
  }
  if (options.save) {
    const saved = await saveResults(
      RESULTS_PATH,
      machine,
      results,
      SCENARIOS.map((scenario) => scenario.id),
    );
    print(`\nresults written to ${RESULTS_PATH}`);
    if (await updateDoc(DOC_PATH, saved.machine, saved.scenarios))
      print(`tables written to ${DOC_PATH}`);
  }
  return results;
}

async function main(): Promise<void> {
  try {
    await runBenchmarks(parseArgs(process.argv.slice(2)));
  } catch (error) {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  }
}

/** Runs only as the program (`node dist/bench/run.js`), not when imported. */
function isMain(): boolean {
  const script = process.argv[1];
  return (
    script !== undefined && realpathSync(script) === realpathSync(fileURLToPath(import.meta.url))
  );
}

if (isMain()) await main();
