/**
 * Pushes the dashboard's view to its live subscribers whenever it changes. The sandbox applies
 * outcomes lazily, when a session is read once the clock has passed their due time; while
 * someone watches, the feed reads the store every `intervalMs` (which settles what is due, as
 * an API read would) and sends the view only when it differs from the last one sent.
 */
export interface FeedSubscriber {
  /** Gets the view as JSON: at once, then after each change. */
  send(json: string): void;
  /** The feed is closing (the sandbox stops). */
  close(): void;
}

export class ViewFeed {
  private readonly subscribers = new Set<FeedSubscriber>();
  private last = '';
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly read: () => unknown,
    private readonly intervalMs: number,
  ) {}

  /** The current view as JSON (due outcomes settled first). */
  snapshot(): string {
    return JSON.stringify(this.read());
  }

  /** Starts sending to `subscriber`; call the returned function to stop. */
  subscribe(subscriber: FeedSubscriber): () => void {
    this.poll();
    this.subscribers.add(subscriber);
    subscriber.send(this.last);
    if (!this.timer) {
      this.timer = setInterval(() => this.poll(), this.intervalMs);
      this.timer.unref();
    }
    return () => {
      this.subscribers.delete(subscriber);
      if (this.subscribers.size === 0) this.stop();
    };
  }

  /** Ends every subscription and the timer. */
  close() {
    this.stop();
    for (const subscriber of [...this.subscribers]) subscriber.close();
    this.subscribers.clear();
  }

  private poll() {
    const json = this.snapshot();
    if (json === this.last) return;
    this.last = json;
    for (const subscriber of this.subscribers) subscriber.send(json);
  }

  private stop() {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
