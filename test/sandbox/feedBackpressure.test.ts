/**
 * The dashboard's live feed never queues views for a watcher that does not keep up: it holds at
 * most one view being written and the latest one waiting; a watcher stuck for `stallMs` is
 * disconnected; beyond `maxWatchers` a newcomer gets one view and is turned away.
 */
import { describe, expect, it } from 'vitest';
import { type FeedSubscriber, ViewFeed } from '../../src/sandbox/dashboard/feed.js';

/** A subscriber whose writes finish only when the test says so. */
function slowSubscriber() {
  const sent: string[] = [];
  const pending: (() => void)[] = [];
  let closed = false;
  const subscriber: FeedSubscriber = {
    send(json) {
      sent.push(json);
      return new Promise<void>((resolve) => pending.push(resolve));
    },
    close() {
      closed = true;
    },
  };
  return {
    subscriber,
    sent,
    /** Finishes the oldest write in flight. */
    finishWrite: async () => {
      pending.shift()?.();
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
    get closed() {
      return closed;
    },
  };
}

function feedOf(
  limits: { maxWatchers?: number; stallMs?: number; maxBytesInFlight?: number } = {},
) {
  let version = 0;
  let now = 0;
  const feed = new ViewFeed(() => ({ version }), 60_000, { ...limits, now: () => now });
  return {
    feed,
    /** Changes the view and lets the feed notice (as its timer would). */
    change() {
      version++;
      (feed as unknown as { poll(): void }).poll();
    },
    advance(ms: number) {
      now += ms;
    },
  };
}

describe('a watcher that falls behind', () => {
  it('gets the latest view once its write finishes, never the ones in between', async () => {
    const { feed, change } = feedOf();
    const slow = slowSubscriber();
    const stop = feed.subscribe(slow.subscriber);
    expect(slow.sent).toEqual(['{"version":0}']);
    for (let n = 0; n < 1000; n++) change();
    expect(slow.sent).toHaveLength(1);
    expect(feed.stats()).toMatchObject({ watchers: 1, behind: 1 });
    await slow.finishWrite();
    expect(slow.sent).toEqual(['{"version":0}', '{"version":1000}']);
    await slow.finishWrite();
    expect(feed.stats().behind).toBe(0);
    stop();
    feed.close();
  });

  it('is disconnected once a write has been stuck for stallMs; a reading one stays', async () => {
    const { feed, change, advance } = feedOf({ stallMs: 15_000 });
    const stuck = slowSubscriber();
    const reading = slowSubscriber();
    feed.subscribe(stuck.subscriber);
    feed.subscribe(reading.subscriber);
    for (let second = 0; second < 20; second++) {
      advance(1_000);
      change();
      await reading.finishWrite();
    }
    expect(stuck.closed).toBe(true);
    expect(reading.closed).toBe(false);
    expect(feed.stats()).toMatchObject({ watchers: 1, dropped: 1 });
    feed.close();
    expect(reading.closed).toBe(true);
  });
});

describe('too many watchers', () => {
  it('a newcomer beyond maxWatchers is closed at once, without a view', async () => {
    const { feed } = feedOf({ maxWatchers: 2 });
    const watchers = [slowSubscriber(), slowSubscriber(), slowSubscriber()];
    for (const watcher of watchers) feed.subscribe(watcher.subscriber);
    expect(watchers.map((watcher) => watcher.sent.length)).toEqual([1, 1, 0]);
    expect(watchers.map((watcher) => watcher.closed)).toEqual([false, false, true]);
    expect(feed.stats()).toMatchObject({ watchers: 2, turnedAway: 1 });
    expect(feed.hasRoom()).toBe(false);
    feed.close();
  });
});

describe('the budget of views being written', () => {
  it('watchers over maxBytesInFlight wait their turn, and get the latest view', async () => {
    const { feed, change } = feedOf({ maxBytesInFlight: 30 });
    const watchers = [slowSubscriber(), slowSubscriber(), slowSubscriber()];
    for (const watcher of watchers) feed.subscribe(watcher.subscriber);
    // '{"version":0}' is 13 characters: two fit in 30, the third waits.
    expect(watchers.map((watcher) => watcher.sent.length)).toEqual([1, 1, 0]);
    expect(feed.stats()).toMatchObject({ bytesInFlight: 26, behind: 1 });
    change();
    await watchers[0]?.finishWrite();
    // The room freed goes to a waiting view (each watcher's latest), never over the budget.
    expect(watchers[2]?.sent).toEqual(['{"version":1}']);
    expect(feed.stats().bytesInFlight).toBeLessThanOrEqual(30);
    feed.close();
  });
});
