import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileLeases } from '../../src/lease/fileLeases.js';
import { LeaseLostError } from '../../src/lease/leaseLostError.js';
import { SessionLockedError } from '../../src/lease/sessionLockedError.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'covage-lease-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A process that takes a lease (the built library) and reports, every 50 ms, whether it holds it. */
function leaseHolderProcess(leaseDir: string, key: string, ttlMs: number): ChildProcess {
  const module = pathToFileURL(resolve('dist/src/lease/fileLeases.js')).href;
  const code = `
    const { createFileLeases } = await import(${JSON.stringify(module)});
    const lease = await createFileLeases(${JSON.stringify(leaseDir)}, { ttlMs: ${ttlMs} }).acquire(${JSON.stringify(key)});
    console.log('held ' + lease.epoch);
    setInterval(() => lease.check().then(() => console.log('ok'), (e) => { console.log(e.name + ' ' + e.reason); process.exit(0); }), 50);
  `;
  return spawn(process.execPath, ['--input-type=module', '-e', code], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

function lines(child: ChildProcess): { all: string[]; next(match: RegExp): Promise<string> } {
  const all: string[] = [];
  let waiters: { match: RegExp; resolve: (line: string) => void }[] = [];
  let buffer = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const line of parts) {
      all.push(line);
      const ready = waiters.filter((waiter) => waiter.match.test(line));
      waiters = waiters.filter((waiter) => !waiter.match.test(line));
      for (const waiter of ready) waiter.resolve(line);
    }
  });
  return {
    all,
    next: (match) => new Promise((resolve) => waiters.push({ match, resolve })),
  };
}

describe('one runner per session (file leases)', () => {
  it('a second runner is refused with SessionLockedError naming the holder and its start time', async () => {
    const leases = createFileLeases(dir, { ttlMs: 5_000 });
    const first = await leases.acquire('s1');
    const refused = await leases.acquire('s1').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SessionLockedError);
    const locked = refused as SessionLockedError;
    expect(locked.pid).toBe(process.pid);
    expect(locked.host).toBe(hostname());
    expect(locked.since).toBe(first.holder.since);
    expect(locked.message).toContain(`pid ${process.pid}`);
    // Another session is free.
    const other = await leases.acquire('s2');
    await other.release();
    await first.release();
    const again = await leases.acquire('s1');
    expect(again.holder.runner).not.toBe(first.holder.runner);
    await again.release();
    expect(await readdir(dir).catch(() => [])).toEqual([]);
  });

  it('of runners racing for a free lease, exactly one wins', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 12 }), async (runners) => {
        const key = `race-${runners}-${Math.random().toString(36).slice(2, 8)}`;
        const leases = createFileLeases(dir, { ttlMs: 5_000 });
        const outcomes = await Promise.allSettled(
          Array.from({ length: runners }, () => leases.acquire(key)),
        );
        const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
        expect(won).toHaveLength(1);
        for (const outcome of outcomes)
          if (outcome.status === 'rejected')
            expect(outcome.reason).toBeInstanceOf(SessionLockedError);
        await (
          won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof leases.acquire>>>
        ).value.release();
      }),
      { numRuns: 15 },
    );
  });

  it('a lease whose holder process is gone is taken over at once, at the next epoch', async () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid as number;
    const stale = {
      runner: 'gone',
      pid: dead,
      host: hostname(),
      since: new Date().toISOString(),
      epoch: 4,
      ttlMs: 600_000,
      heartbeatAt: Date.now(),
    };
    await writeFile(join(dir, 's1.lease-4'), JSON.stringify(stale));
    const lease = await createFileLeases(dir).acquire('s1');
    expect(lease.epoch).toBe(5);
    await lease.release();
  });

  it('a lease held by a live process on another host waits for its heartbeat to age past the TTL', async () => {
    const holder = {
      runner: 'elsewhere',
      pid: 1,
      host: 'another-host',
      since: '2026-01-01T00:00:00.000Z',
      epoch: 1,
      ttlMs: 400,
      heartbeatAt: Date.now(),
    };
    await writeFile(join(dir, 's1.lease-1'), JSON.stringify(holder));
    const leases = createFileLeases(dir, { ttlMs: 400 });
    await expect(leases.acquire('s1')).rejects.toThrow(/another-host, since 2026-01-01/);
    let told = 0;
    const lease = await leases.acquire('s1', { waitMs: 5_000, onWait: () => told++ });
    expect(told).toBe(1);
    expect(lease.epoch).toBe(2);
    await lease.release();
  });

  it('waiting is bounded: still held after --wait, SessionLockedError says how long it waited', async () => {
    const leases = createFileLeases(dir, { ttlMs: 5_000 });
    const first = await leases.acquire('s1');
    const refused = await leases.acquire('s1', { waitMs: 300 }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SessionLockedError);
    expect((refused as Error).message).toMatch(/still held after waiting/);
    await first.release();
  });

  it('a runner paused past its TTL (SIGSTOP) is taken over, and finds its lease lost when it wakes', async () => {
    const child = leaseHolderProcess(dir, 's1', 600);
    const out = lines(child);
    try {
      expect(await out.next(/^held/)).toBe('held 1');
      await out.next(/^ok/);
      const leases = createFileLeases(dir, { ttlMs: 600 });
      await expect(leases.acquire('s1')).rejects.toBeInstanceOf(SessionLockedError);
      child.kill('SIGSTOP');
      const taken = await leases.acquire('s1', { waitMs: 10_000 });
      expect(taken.epoch).toBe(2);
      const verdict = out.next(/^LeaseLostError/);
      child.kill('SIGCONT');
      expect(await verdict).toMatch(/^LeaseLostError (lapsed|taken)$/);
      // The new holder still holds it: the old one's wake-up changed nothing.
      await expect(taken.check()).resolves.toBeUndefined();
      await taken.release();
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('a lease taken over while its holder still runs is reported lost to that holder', async () => {
    const leases = createFileLeases(dir, { ttlMs: 60_000 });
    const first = await leases.acquire('s1');
    let notified: unknown;
    first.onLost((error) => {
      notified = error;
    });
    // A later epoch appears (as a runner elsewhere would write it after judging this one stale).
    await writeFile(
      join(dir, 's1.lease-2'),
      JSON.stringify({
        runner: 'x',
        pid: 1,
        host: 'another-host',
        since: 'now',
        epoch: 2,
        ttlMs: 60_000,
        heartbeatAt: Date.now(),
      }),
    );
    const error = await first.check().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LeaseLostError);
    expect((error as LeaseLostError).reason).toBe('taken');
    expect((error as LeaseLostError).holder?.host).toBe('another-host');
    expect(notified).toBe(error);
  });
});
