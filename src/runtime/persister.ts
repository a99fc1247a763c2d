/** Where the persister writes: a store (`SnapshotStore`), or anything with the same `write`. */
export interface Writer<W> {
  write(change: W): Promise<void>;
}

export interface PersisterOptions<W> {
  /** Called when a save fails (`flush()` callers get the error too), with the write that failed. */
  onError?: (error: unknown, write: W | undefined) => void;
  /** Called after each successful save, with what was written. */
  onSaved?: (write: W) => void;
  /**
   * A background save (asked by `request()`, nobody waiting) starts no sooner than `spacing`
   * times the last save's duration after that save ended: saving a large session then takes at
   * most 1 / (1 + spacing) of the time, however often it changes, while a small one is saved
   * almost at once. `flush()` never waits for it. Default 4.
   */
  spacing?: number;
}

export const DEFAULT_SAVE_SPACING = 4;
/** The longest delay `setTimeout` takes (a longer one would fire at once). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Saves a session's snapshot after every change without piling up writes: requests made while a
 * save runs are served by one more save of the latest snapshot. `flush()` resolves once a
 * snapshot taken after the call is stored. `build(durable)` makes each write: `durable` is true
 * when someone waits for it (`flush()`: a checkpoint), false for a background save.
 */
export class Persister<W = unknown> {
  #requested = 0;
  #saved = 0;
  #running: Promise<void> | null = null;
  #waiters: { generation: number; resolve: () => void; reject: (error: unknown) => void }[] = [];
  #lastError: unknown = null;
  #lastEnd = 0;
  #lastDuration = 0;
  #wake: (() => void) | null = null;
  readonly #onError: (error: unknown, write: W | undefined) => void;
  readonly #onSaved: (write: W) => void;
  readonly #spacing: number;

  constructor(
    private readonly store: Writer<W>,
    private readonly build: (durable: boolean) => W,
    options: PersisterOptions<W> = {},
  ) {
    this.#onError = options.onError ?? (() => {});
    this.#onSaved = options.onSaved ?? (() => {});
    this.#spacing = options.spacing ?? DEFAULT_SAVE_SPACING;
  }

  /** Asks for a save of the current snapshot; does not wait. */
  request(): void {
    this.#requested++;
    this.#kick();
  }

  /** Saves the current snapshot (or waits for a save that includes it). */
  flush(): Promise<void> {
    this.#requested++;
    const generation = this.#requested;
    const done = new Promise<void>((resolve, reject) =>
      this.#waiters.push({ generation, resolve, reject }),
    );
    this.#wake?.();
    this.#kick();
    return done;
  }

  get lastError(): unknown {
    return this.#lastError;
  }

  #kick(): void {
    if (this.#running) return;
    this.#running = this.#loop().finally(() => {
      this.#running = null;
      if (this.#saved < this.#requested) this.#kick();
    });
  }

  async #loop(): Promise<void> {
    while (this.#saved < this.#requested) {
      if (this.#waiters.length === 0) await this.#spaceOut();
      // Let the actor finish the step under way, so the snapshot taken is complete.
      await Promise.resolve();
      const generation = this.#requested;
      const started = performance.now();
      let change: W | undefined;
      try {
        change = this.build(this.#waiters.length > 0);
        await this.store.write(change);
        this.#saved = generation;
        this.#lastError = null;
        this.#onSaved(change);
        this.#settle(generation, null);
      } catch (error) {
        this.#saved = generation;
        this.#lastError = error;
        this.#onError(error, change);
        this.#settle(generation, error);
      } finally {
        this.#lastEnd = performance.now();
        this.#lastDuration = this.#lastEnd - started;
      }
    }
  }

  /** Waits until a background save may start, or until `flush()` needs one now. */
  async #spaceOut(): Promise<void> {
    const wait = this.#lastEnd + this.#lastDuration * this.#spacing - performance.now();
    if (wait <= 0) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#wake = null;
        resolve();
      };
      const timer = setTimeout(done, Math.min(wait, MAX_TIMER_MS));
      this.#wake = done;
    });
  }

  #settle(generation: number, error: unknown): void {
    const ready = this.#waiters.filter((waiter) => waiter.generation <= generation);
    this.#waiters = this.#waiters.filter((waiter) => waiter.generation > generation);
    for (const waiter of ready) {
      if (error) waiter.reject(error);
      else waiter.resolve();
    }
  }
}
