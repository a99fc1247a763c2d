import type { Random } from '../random.js';

/** One state of a seeded order and when it was (or will be) entered, in clock ms. */
export interface Step<S extends string = string> {
  state: S;
  at: number;
}

export interface TimelinePlan<S extends string> {
  /** The states the order goes through, in order. */
  path: readonly S[];
  createdAt: number;
  /** The sandbox's start. */
  start: number;
  /** Whether the order is still moving at the start (else every step is in the past). */
  live: boolean;
  progressStepMs: number;
}

const HOUR = 3_600_000;

/**
 * The steps of a seeded order. A settled order went through its whole path before the start; a
 * live one went through some of it, and takes each remaining step `progressStepMs` apart after
 * the start (so an injected clock moves it along).
 */
export function planTimeline<S extends string>(random: Random, plan: TimelinePlan<S>): Step<S>[] {
  const { path, createdAt, start, live, progressStepMs } = plan;
  const done = live ? 1 + Math.floor(random() * (path.length - 1)) : path.length;
  const room = Math.max(1, start - createdAt - 1);
  const gap = Math.max(1, Math.min(room / Math.max(1, done), 36 * HOUR));
  return path.map((state, index) =>
    index < done
      ? { state, at: createdAt + Math.floor(index * gap) }
      : { state, at: start + (index - done + 1) * progressStepMs },
  );
}

/** The steps that happened by `now` (the first one always has: the order exists). */
export function stepsAt<S extends string>(steps: readonly Step<S>[], now: number): Step<S>[] {
  const past = steps.filter((step, index) => index === 0 || step.at <= now);
  return past;
}

/** The current step at `now`. */
export function currentStep<S extends string>(steps: readonly Step<S>[], now: number): Step<S> {
  return stepsAt(steps, now).at(-1) as Step<S>;
}

/**
 * How many state changes of all these timelines happened by `now`: a version number of the
 * data set, so a cached listing is reused until something changes.
 */
export class ChangeClock {
  private readonly times: number[];
  constructor(timelines: Iterable<readonly Step[]>) {
    this.times = [...timelines].flatMap((steps) => steps.slice(1).map((step) => step.at));
    this.times.sort((a, b) => a - b);
  }
  versionAt(now: number): number {
    let low = 0;
    let high = this.times.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.times[middle] as number) <= now) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
