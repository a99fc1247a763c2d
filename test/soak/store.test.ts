/**
 * The file store under a crash and against damaged files: a save killed half-way leaves the
 * previous snapshot whole, and a damaged or foreign snapshot is reported, never restored and
 * never crashed on. (The kills run a built child process: `npm test` builds first.)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../../scripts/soak/random.js';
import { runStoreSoak } from '../../scripts/soak/storeSoak.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'covage-store-soak-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the file store, killed and damaged', () => {
  it('keeps a whole snapshot through SIGKILLs in the middle of writes, and reports every damaged file', async () => {
    const report = await runStoreSoak({ workDir: dir, kills: 3, random: seededRandom(11) });
    expect(report.problems).toEqual([]);
    expect(report.kills).toBe(3);
    expect(report.intact).toBe(3);
    expect(report.killedMidWrite).toBeGreaterThan(0);
    expect(report.reportedClearly).toBe(report.damagedFiles);
  });
});
