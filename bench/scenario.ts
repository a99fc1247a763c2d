/**
 * A benchmark scenario: contenders that do the same work in different ways, timed against one
 * of them, the baseline. Add a scenario by writing a module that exports one, and listing it in
 * `bench/scenarios/index.ts`.
 */
export interface Contender {
  /** Short, stable name, shown in the report (and used as a key in saved results). */
  name: string;
  /** Does the scenario's whole workload once. Its return value is kept, so it is not optimized away. */
  run(): unknown;
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
  /** Optional ceiling on the ratio to the baseline, reported as met or missed. */
  target?: { contender: string; maxRatio: number };
}
