import type { SnapshotRecord, SnapshotStore } from '../store/snapshotRecord.js';

/**
 * Saves a session's snapshot after every change without piling up writes: requests made while a
 * save runs are served by one more save of the latest snapshot. `flush()` resolves once a
 * snapshot taken after the call is stored.
 */
export class Persister {
  #requested = 0;
  #saved = 0;
  #running: Promise<void> | null = null;
  #waiters: { generation: number; resolve: () => void; reject: (error: unknown) => void }[] = [];
  #lastError: unknown = null;

  constructor(
    private readonly store: SnapshotStore,
    private readonly build: () => SnapshotRecord,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

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
      const generation = this.#requested;
      try {
        // Let the actor finish the step under way, so the snapshot taken is complete.
        await Promise.resolve();
        await this.store.save(this.build());
        this.#saved = generation;
        this.#lastError = null;
        this.#settle(generation, null);
      } catch (error) {
        this.#saved = generation;
        this.#lastError = error;
        this.onError(error);
        this.#settle(generation, error);
      }
    }
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
