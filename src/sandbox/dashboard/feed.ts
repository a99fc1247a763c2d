/**
 * Pushes the dashboard's view to its live subscribers whenever it changes. The sandbox applies
 * outcomes lazily, when a session is read once the clock has passed their due time; while
 * someone watches, the feed reads the store every `intervalMs` (which settles what is due, as
 * an API read would) and sends the view only when it differs from the last one sent.
 *
 * Memory stays bounded whatever the watchers do: each has at most one view being written and
 * one waiting (the latest: a newer view replaces a waiting one, never queues behind it); the
 * views being written add up to at most `maxBytesInFlight` (a watcher over it waits its turn,
 * unless nothing else is being written). A watcher whose write has not finished after `stallMs`
 * (it stopped reading) is disconnected, and at most `maxWatchers` watch at once (a newcomer
 * beyond is turned away: 503 with `Retry-After`).
 */
import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';

export interface FeedSubscriber {
  /** Gets the view as JSON: at once, then after each change. Resolves once written out. */
  send(json: string): Promise<unknown> | undefined;
  /** Disconnects the subscriber: the sandbox stops, or the subscriber fell too far behind. */
  close(): void;
}

export interface FeedLimits {
  /** Subscribers at once; default 32. */
  maxWatchers?: number;
  /** A write unfinished for this long drops its subscriber (ms); default 15 000. */
  stallMs?: number;
  /** Characters of views being written at once, all watchers together; default 32 Mi. */
  maxBytesInFlight?: number;
  /** Clock of the stall check; default Date.now (real time: sockets do not follow a test clock). */
  now?: () => number;
}

interface Watcher {
  subscriber: FeedSubscriber;
  /** When the write in flight started, or undefined when none is. */
  writingSince: number | undefined;
  /** The size of the view being written (0 when none is). */
  writingSize: number;
  /** The latest view not yet written (coalesced: only the newest is kept). */
  waiting: string | undefined;
}

/** What the feed holds, for the counts route and tests. */
export interface FeedStats {
  watchers: number;
  /** Watchers with a view waiting behind a write in flight (or for room in the budget). */
  behind: number;
  /** Characters of views being written now. */
  bytesInFlight: number;
  /** Watchers disconnected for stalling, and turned away for being too many, since the start. */
  dropped: number;
  turnedAway: number;
}

export class ViewFeed {
  private readonly watchers = new Set<Watcher>();
  private last = '';
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly maxWatchers: number;
  private readonly stallMs: number;
  private readonly clock: () => number;
  private readonly maxBytesInFlight: number;
  private bytesInFlight = 0;
  private dropped = 0;
  private turnedAway = 0;

  constructor(
    private readonly read: () => unknown,
    private readonly intervalMs: number,
    limits: FeedLimits = {},
  ) {
    this.maxWatchers = limits.maxWatchers ?? 32;
    this.stallMs = limits.stallMs ?? 15_000;
    this.clock = limits.now ?? Date.now;
    this.maxBytesInFlight = limits.maxBytesInFlight ?? 32 * 1024 * 1024;
  }

  /** The current view as JSON (due outcomes settled first). */
  snapshot(): string {
    return JSON.stringify(this.read());
  }

  stats(): FeedStats {
    let behind = 0;
    for (const watcher of this.watchers) if (watcher.waiting !== undefined) behind++;
    return {
      watchers: this.watchers.size,
      behind,
      bytesInFlight: this.bytesInFlight,
      dropped: this.dropped,
      turnedAway: this.turnedAway,
    };
  }

  /** Counts a watcher turned away before it subscribed. */
  turnAway() {
    this.turnedAway++;
  }

  /** Whether one more watcher may subscribe. */
  hasRoom(): boolean {
    return this.watchers.size < this.maxWatchers;
  }

  /** Starts sending to `subscriber` (or closes it at once when full); call the returned function to stop. */
  subscribe(subscriber: FeedSubscriber): () => void {
    if (!this.hasRoom()) {
      this.turnedAway++;
      subscriber.close();
      return () => {};
    }
    this.poll();
    const watcher: Watcher = {
      subscriber,
      writingSince: undefined,
      writingSize: 0,
      waiting: undefined,
    };
    this.watchers.add(watcher);
    this.offer(watcher, this.last);
    if (!this.timer) {
      this.timer = setInterval(() => this.poll(), this.intervalMs);
      this.timer.unref();
    }
    return () => this.remove(watcher);
  }

  /** Ends every subscription and the timer. */
  close() {
    this.stop();
    for (const watcher of [...this.watchers]) watcher.subscriber.close();
    this.watchers.clear();
  }

  private remove(watcher: Watcher) {
    this.watchers.delete(watcher);
    watcher.waiting = undefined;
    this.release(watcher);
    if (this.watchers.size === 0) this.stop();
  }

  /** Writes `json` now, or keeps it as the one waiting view if a write is in flight. */
  private offer(watcher: Watcher, json: string) {
    const overBudget =
      this.bytesInFlight > 0 && this.bytesInFlight + json.length > this.maxBytesInFlight;
    if (watcher.writingSince !== undefined || overBudget) {
      watcher.waiting = json;
      return;
    }
    watcher.writingSince = this.clock();
    watcher.writingSize = json.length;
    this.bytesInFlight += json.length;
    const written = watcher.subscriber.send(json);
    const done = () => {
      this.release(watcher);
      // To the back of the line, so that watchers waiting for room go first.
      if (this.watchers.delete(watcher)) this.watchers.add(watcher);
      this.startWaiting();
    };
    if (written === undefined) done();
    else written.then(done, () => this.drop(watcher));
  }

  /** The write of `watcher` is over (or abandoned): its view leaves the budget. */
  private release(watcher: Watcher) {
    this.bytesInFlight -= watcher.writingSize;
    watcher.writingSize = 0;
    watcher.writingSince = undefined;
  }

  /** Starts the waiting views that now fit (each watcher's latest). */
  private startWaiting() {
    for (const watcher of this.watchers) {
      const next = watcher.waiting;
      if (next === undefined || watcher.writingSince !== undefined) continue;
      watcher.waiting = undefined;
      this.offer(watcher, next);
    }
  }

  private drop(watcher: Watcher) {
    if (!this.watchers.has(watcher)) return;
    this.dropped++;
    this.remove(watcher);
    watcher.subscriber.close();
    this.startWaiting();
  }

  private poll() {
    const now = this.clock();
    for (const watcher of [...this.watchers])
      if (watcher.writingSince !== undefined && now - watcher.writingSince >= this.stallMs)
        this.drop(watcher);
    const json = this.snapshot();
    if (json === this.last) return;
    this.last = json;
    for (const watcher of this.watchers) this.offer(watcher, json);
  }

  private stop() {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}

/**
 * The feed as Server-Sent Events (`event: view`, `retry: 1000`). A subscriber the feed drops
 * has its connection destroyed, so that nothing stays buffered for a client that does not read.
 */
export function serveFeed(c: Context, feed: ViewFeed): Response {
  if (!feed.hasRoom()) {
    feed.turnAway();
    return c.json(
      {
        error: {
          code: 'too_many_watchers',
          message: 'the dashboard feed has as many watchers as it serves; retry later',
        },
      },
      503,
      { 'Retry-After': '5' },
    );
  }
  const bindings = c.env as HttpBindings | undefined;
  return streamSSE(c, async (stream) => {
    await new Promise<void>((resolve) => {
      const unsubscribe = feed.subscribe({
        send: (json) => stream.writeSSE({ event: 'view', data: json, retry: 1000 }),
        close: () => {
          bindings?.incoming?.socket?.destroy();
          stream.abort();
          resolve();
        },
      });
      stream.onAbort(() => {
        unsubscribe();
        resolve();
      });
    });
  });
}
