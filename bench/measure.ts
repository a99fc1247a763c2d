import type { Contender, Scenario } from './scenario.js';

export interface MeasureOptions {
  /** Timed rounds per contender. */
  rounds: number;
  /** Untimed rounds per contender first, to let the JIT settle. */
  warmup: number;
  /** Called between timed runs, when the runtime exposes it (`node --expose-gc`). */
  gc?: () => void;
  now?: () => number;
}

export interface ContenderResult {
  name: string;
  /** Milliseconds of each timed round, in the order they ran. */
  samples: number[];
  medianMs: number;
  /** Median per item, in microseconds. */
  perItemUs: number;
  /** Median divided by the baseline's median. */
  ratio: number;
}

export interface ScenarioResult {
  id: string;
  title: string;
  items: number;
  baseline: string;
  contenders: ContenderResult[];
  target?: { contender: string; maxRatio: number; ratio: number; met: boolean };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Keeps results reachable so that the work producing them cannot be skipped. */
let sink: unknown;
export function lastSink(): unknown {
  return sink;
}

function timeOnce(contender: Contender, options: MeasureOptions): number {
  const now = options.now ?? (() => performance.now());
  options.gc?.();
  const start = now();
  sink = contender.run();
  return now() - start;
}

/**
 * Runs the contenders in alternation (A B C, B C A, C A B, …) so that drift in the machine's
 * speed falls on all of them alike, and reports the median of each.
 */
export function measure(scenario: Scenario, options: MeasureOptions): ScenarioResult {
  const { contenders } = scenario;
  if (!contenders.some((contender) => contender.name === scenario.baseline)) {
    throw new Error(`${scenario.id}: no contender is named "${scenario.baseline}"`);
  }
  for (let round = 0; round < options.warmup; round++) {
    for (const contender of contenders) sink = contender.run();
  }
  const samples = new Map<string, number[]>(contenders.map((contender) => [contender.name, []]));
  for (let round = 0; round < options.rounds; round++) {
    for (let index = 0; index < contenders.length; index++) {
      const contender = contenders[(round + index) % contenders.length] as Contender;
      samples.get(contender.name)?.push(timeOnce(contender, options));
    }
  }
  const baselineMedian = median(samples.get(scenario.baseline) ?? []);
  const results = contenders.map((contender): ContenderResult => {
    const own = samples.get(contender.name) ?? [];
    const medianMs = median(own);
    return {
      name: contender.name,
      samples: own,
      medianMs,
      perItemUs: (medianMs * 1000) / scenario.items,
      ratio: medianMs / baselineMedian,
    };
  });
  const result: ScenarioResult = {
    id: scenario.id,
    title: scenario.title,
    items: scenario.items,
    baseline: scenario.baseline,
    contenders: results,
  };
  if (scenario.target) {
    const ratio = results.find((r) => r.name === scenario.target?.contender)?.ratio ?? Number.NaN;
    result.target = { ...scenario.target, ratio, met: ratio <= scenario.target.maxRatio };
  }
  return result;
}
