/**
 * A benchmark scenario: contenders that do the same work in different ways, timed against one
 * of them, the baseline. Add a scenario by writing a module that exports one, and listing it in
 * `bench/scenarios/index.ts`.
 *
 * A contender's work may be synchronous (CPU-bound: timed without any `await` in the way) or
 * asynchronous (I/O: the promise it returns is awaited inside the timed span).
 */

/** Figures a contender reports about one timed run (e.g. the requests it made), by name. */
export type Figures = Record<string, number>;

export interface Contender {
  /** Short, stable name, shown in the report (and used as a key in saved results). */
  name: string;
  /**
   * Does the scenario's whole workload once. Its value (or the value its promise resolves to)
   * is kept, so that the work cannot be optimized away.
   */
  run(): unknown;
  /** Untimed, before each run (warm-up ones too): e.g. an empty directory for a file store. */
  before?(): unknown;
  /**
   * Untimed, after each timed run: figures about it (e.g. `{ requests: 202 }` from the
   * sandbox's counters) and cleanup. Each figure is reported as its median over the rounds.
   */
  after?(): Figures | undefined | Promise<Figures | undefined>;
}

/** A figure computed from the measured medians, e.g. an ideal time from a measured round trip. */
export interface DerivedTime {
  name: string;
  /** How it is computed, in words, for the report. */
  formula: string;
  medianMs: number;
}

export interface Target {
  contender: string;
  /** Ceiling on the contender's median divided by `against`'s median. */
  maxRatio: number;
  /** A contender or derived time; default: the baseline. */
  against?: string;
  /** Each of these figures must equal the given value (e.g. `{ requests: 202 }`). */
  figures?: Figures;
}

export interface Scenario {
  /** Stable identifier, used to pick scenarios on the command line: `npm run bench -- rules`. */
  id: string;
  /** What one run does, in words. */
  title: string;
  /** How many items one run handles, to report a per-item time. */
  items: number;
  /** The name of the contender the others are compared with. */
  baseline: string;
  contenders: Contender[];
  /** Optional ceilings, reported as met or missed. */
  target?: Target;
  /** Rounds for this scenario when the command line does not say (slow scenarios take fewer). */
  rounds?: number;
  warmup?: number;
  /** Untimed, once before the first run (e.g. starts a sandbox). */
  setup?(): Promise<void>;
  /** Untimed, once after the last run, even when a run failed. */
  teardown?(): Promise<void>;
  /** Times computed from the contenders' medians, reported next to them. */
  derive?(medians: ReadonlyMap<string, number>): DerivedTime[];
  /** What limits the figures, one line, printed under the table. */
  note?: string;
}

/** A measurement that is not a race between contenders (e.g. memory held per line). */
export interface Probe {
  id: string;
  title: string;
  run(): Promise<ProbeResult>;
}

export interface ProbeFigure {
  name: string;
  value: number;
  unit: string;
}

export interface ProbeResult {
  figures: ProbeFigure[];
  /** How the figures were obtained, in words. */
  method: string;
}
