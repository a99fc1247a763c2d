/**
 * The soak, short (the full one is `npm run soak`): a few sessions submitted through faults and
 * expiring tokens, two `submit` processes killed with SIGKILL then resumed, 300 hostile order
 * files into validate and submit, 300 hostile bodies at the sandbox, three SIGKILLs during store
 * writes and eleven damaged state files. Nothing may be duplicated, lost, crashed on, answered
 * with a 5xx or leak a secret; the sandbox's memory stays bounded under the attacks of issue 18. (The kills run the built CLI: `npm test` builds first.)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSoak, SHORT_SOAK } from '../../scripts/soak/soak.js';
import { allVerifications, type SoakSummary, verdict } from '../../scripts/soak/summary.js';

let workDir: string;
let summary: SoakSummary;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'covage-soak-short-'));
  ({ summary } = await runSoak({ seed: 7, workDir, sizes: SHORT_SOAK }));
}, 120_000);

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('the short soak', () => {
  it('passes: nothing duplicated, lost, crashed on, answered 5xx or leaked', () => {
    expect(verdict(summary)).toEqual([]);
  });

  it('holds each intended line exactly once, every session final, through faults and kills', () => {
    const checks = allVerifications(summary);
    // The fault round, the read-off fault round (issue 15) and the crashes.
    expect(checks).toHaveLength(3);
    for (const check of checks) {
      expect(check.exactlyOnce).toBe(check.lines);
      expect(check.finalSessions).toBe(check.sessions);
    }
    expect(checks[0]?.lines).toBe(15);
  });

  it('ran a fault round with the session read off, through order tracking and the CSV export', () => {
    const off = summary.faults.find((round) => round.sessionRead === 'off');
    expect(off?.verification.lines).toBe(15);
    expect(off?.verification.exactlyOnce).toBe(15);
    expect(off?.requestsByRoute['GET /api/v1/product_order/{id}/'] ?? 0).toBe(0);
    expect(off?.exportStarts).toBeGreaterThan(0);
  });

  it('really injected faults, and really killed the CLI twice', () => {
    const [round] = summary.faults;
    const injected = Object.values(round?.faults ?? {}).reduce((sum, n) => sum + n, 0);
    expect(injected).toBeGreaterThan(0);
    expect(summary.crashes?.kills).toBe(2);
  });

  it('sent nothing for 300 broken order files, each refused with exit 1 or 2', () => {
    const files = summary.hostileFiles;
    expect(files?.files).toBe(300);
    expect(files?.requestsSent).toBe(0);
    expect(Object.keys(files?.validate.exitCodes ?? {}).sort()).toEqual(['1', '2']);
  });

  it('answered 300 hostile bodies without a 5xx, and still serves', () => {
    expect(summary.hostileBodies?.requests).toBe(300);
    expect(summary.hostileBodies?.serverErrors).toBe(0);
    expect(summary.hostileBodies?.stillServing).toBe(true);
  });

  it('keeps a whole snapshot through kills mid-write, and reports every damaged file clearly', () => {
    const store = summary.store;
    expect(store?.problems).toEqual([]);
    expect(store?.intact).toBe(store?.kills);
    expect(store?.killedMidWrite).toBeGreaterThan(0);
    expect(store?.reportedClearly).toBe(store?.damagedFiles);
    expect(store?.cliReportedClearly).toBe(store?.damagedFiles);
  });

  it('keeps the sandbox within its memory bound under each attack of issue 18', () => {
    const memory = summary.memory;
    expect(memory?.attacks.map((attack) => attack.attack)).toEqual(['sse', 'bodies', 'notes']);
    for (const attack of memory?.attacks ?? []) {
      expect(attack.stillServing).toBe(true);
      expect(attack.peakMb - attack.beforeMb).toBeLessThanOrEqual(memory?.maxGrowthMb ?? 0);
    }
    const [sse, bodies, notes] = memory?.attacks ?? [];
    // The attackers were answered as the sandbox now does: a huge external_id refused (422),
    // unauthenticated bodies refused before being read (401), 1 MB notes refused (422), then the
    // per-user quota (429).
    expect(sse?.byStatus['422']).toBeGreaterThan(0);
    expect(bodies?.byStatus['401']).toBeGreaterThan(0);
    expect(notes?.byStatus['422']).toBeGreaterThan(0);
    expect(notes?.byStatus['429']).toBeGreaterThan(0);
  });

  it('found none of the secrets it looked for in its output or state directories', () => {
    expect(summary.secrets.secrets).toBeGreaterThan(5);
    expect(summary.secrets.leaks).toEqual([]);
  });
});
