import type { Contender, DerivedTime, Figures, Scenario } from './scenario.js';

export interface MeasureOptions {
  /** Timed rounds per contender (default: the scenario's own, else this). */
  rounds: number;
  /** Untimed rounds per contender first, to let the JIT settle and connections open. */
  warmup: number;
  /** When true, `rounds` and `warmup` override the scenario's own counts. */
  forceCounts?: boolean;
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
  /** The median of each figure the contender reported after its runs (e.g. `requests`). */
  figures?: Figures;
}

export interface TargetResult {
  contender: string;
  against: string;
  maxRatio: number;
  ratio: number;
  figures?: { name: string; expected: number; actual: number }[];
  met: boolean;
}

export interface ScenarioResult {
  id: string;
  title: string;
  items: number;
  rounds: number;
  warmup: number;
  baseline: string;
  contenders: ContenderResult[];
  derived?: (DerivedTime & { ratio: number })[];
  target?: TargetResult;
  note?: string;
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

function isPromise(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * One timed run. A synchronous contender is timed without any `await` inside the span; an
 * asynchronous one until its promise settles.
 */
async function timeOnce(contender: Contender, options: MeasureOptions): Promise<number> {
  const now = options.now ?? (() => performance.now());
  const prepared = contender.before?.();
  if (isPromise(prepared)) await prepared;
  options.gc?.();
  const start = now();
  const value = contender.run();
  if (isPromise(value)) sink = await value;
  else sink = value;
  return now() - start;
}

async function warmOnce(contender: Contender): Promise<void> {
  const prepared = contender.before?.();
  if (isPromise(prepared)) await prepared;
  const value = contender.run();
  sink = isPromise(value) ? await value : value;
  await contender.after?.();
}

function medianFigures(reports: readonly Figures[]): Figures | undefined {
  if (reports.length === 0) return undefined;
  const names = new Set(reports.flatMap((report) => Object.keys(report)));
  const out: Figures = {};
  for (const name of names) {
    out[name] = median(
      reports.map((report) => report[name]).filter((v): v is number => v !== undefined),
    );
  }
  return out;
}

function checkTarget(
  scenario: Scenario,
  results: ContenderResult[],
  derived: DerivedTime[],
): TargetResult | undefined {
  const target = scenario.target;
  if (!target) return undefined;
  const against = target.against ?? scenario.baseline;
  const medianOf = (name: string) =>
    results.find((r) => r.name === name)?.medianMs ??
    derived.find((d) => d.name === name)?.medianMs ??
    Number.NaN;
  const ratio = medianOf(target.contender) / medianOf(against);
  const own = results.find((r) => r.name === target.contender)?.figures ?? {};
  const figures = Object.entries(target.figures ?? {}).map(([name, expected]) => ({
    name,
    expected,
    actual: own[name] ?? Number.NaN,
  }));
  return {
    contender: target.contender,
    against,
    maxRatio: target.maxRatio,
    ratio,
    ...(figures.length > 0 ? { figures } : {}),
    met: ratio <= target.maxRatio && figures.every((figure) => figure.actual === figure.expected),
  };
}

/**
 * Runs the contenders in alternation (A B C, B C A, C A B, …) so that drift in the machine's
 * speed falls on all of them alike, and reports the median of each.
 */
export async function measure(
  scenario: Scenario,
  options: MeasureOptions,
): Promise<ScenarioResult> {
  const { contenders } = scenario;
  if (!contenders.some((contender) => contender.name === scenario.baseline)) {
    throw new Error(`${scenario.id}: no contender is named "${scenario.baseline}"`);
  }
  const rounds = options.forceCounts ? options.rounds : (scenario.rounds ?? options.rounds);
  const warmup = options.forceCounts ? options.warmup : (scenario.warmup ?? options.warmup);
  await scenario.setup?.();
  const samples = new Map<string, number[]>(contenders.map((contender) => [contender.name, []]));
  const reports = new Map<string, Figures[]>(contenders.map((contender) => [contender.name, []]));
  try {
    for (let round = 0; round < warmup; round++) {
      for (const contender of contenders) await warmOnce(contender);
    }
    for (let round = 0; round < rounds; round++) {
      for (let index = 0; index < contenders.length; index++) {
        const contender = contenders[(round + index) % contenders.length] as Contender;
        samples.get(contender.name)?.push(await timeOnce(contender, options));
        const report = await contender.after?.();
        if (report) reports.get(contender.name)?.push(report);
      }
    }
  } finally {
    await scenario.teardown?.();
  }
  const baselineMedian = median(samples.get(scenario.baseline) ?? []);
  const results = contenders.map((contender): ContenderResult => {
    const own = samples.get(contender.name) ?? [];
    const medianMs = median(own);
    const figures = medianFigures(reports.get(contender.name) ?? []);
    return {
      name: contender.name,
      samples: own,
      medianMs,
      perItemUs: (medianMs * 1000) / scenario.items,
      ratio: medianMs / baselineMedian,
      ...(figures ? { figures } : {}),
    };
  });
  const derived =
    scenario.derive?.(new Map(results.map((result) => [result.name, result.medianMs]))) ?? [];
  const result: ScenarioResult = {
    id: scenario.id,
    title: scenario.title,
    items: scenario.items,
    rounds,
    warmup,
    baseline: scenario.baseline,
    contenders: results,
  };
  if (derived.length > 0)
    result.derived = derived.map((d) => ({ ...d, ratio: d.medianMs / baselineMedian }));
  const target = checkTarget(scenario, results, derived);
  if (target) result.target = target;
  if (scenario.note) result.note = scenario.note;
  return result;
}
