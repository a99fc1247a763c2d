/**
 * `npm run bench [-- <scenario id>... --rounds N --warmup N]`: builds, then runs each scenario
 * (all by default) and prints, per contender, the median time and its ratio to the baseline.
 * A benchmark, not a test: it reports a missed target and still exits 0.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type MeasureOptions, measure, type ScenarioResult } from './measure.js';
import { formatResult } from './report.js';
import { SCENARIOS } from './scenarios/index.js';

export interface BenchOptions {
  ids: string[];
  rounds: number;
  warmup: number;
}

export function parseArgs(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = { ids: [], rounds: 21, warmup: 5 };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] as string;
    if (arg === '--rounds' || arg === '--warmup') {
      const value = Number(argv[++index]);
      if (!Number.isInteger(value) || value < 1) throw new Error(`${arg} takes a whole number ≥ 1`);
      options[arg === '--rounds' ? 'rounds' : 'warmup'] = value;
    } else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}`);
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
export function runBenchmarks(
  options: BenchOptions,
  print: (text: string) => void = console.log,
): ScenarioResult[] {
  const exposed = (globalThis as { gc?: (options?: { type: 'major' | 'minor' }) => void }).gc;
  // A plain gc() is V8's memory-reducing collection, which also throws compiled code away: every
  // timed run would then start cold. An ordinary major collection clears the previous run's
  // garbage and keeps the code.
  const gc = exposed ? () => exposed({ type: 'major' }) : undefined;
  const measureOptions: MeasureOptions = { rounds: options.rounds, warmup: options.warmup, gc };
  print(
    `node ${process.version}, ${gc ? 'gc between runs' : 'no --expose-gc: gc left to the runtime'}`,
  );
  const results: ScenarioResult[] = [];
  for (const { id, build } of SCENARIOS) {
    if (options.ids.length > 0 && !options.ids.includes(id)) continue;
    const result = measure(build(), measureOptions);
    results.push(result);
    print(`\n${formatResult(result, options.rounds)}`);
  }
  return results;
}

function main(): void {
  try {
    runBenchmarks(parseArgs(process.argv.slice(2)));
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

if (isMain()) main();
