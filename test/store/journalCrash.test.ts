/**
 * A process killed in the middle of a journal append: a real child process runs a session saved
 * in the file store; at its Nth append it writes half of the text and stops there (a test hook),
 * and is killed with SIGKILL. The journal it leaves must have its torn record detected and
 * dropped, and the session resumed from it in another process must end with each line held
 * exactly once by the API, confirmed once. Repeated with the kill at several appends: the first
 * (lines' POSTs under way), the second (lines created, others under way), and the one holding the
 * confirmation under way (its checkpoint; or its answer, when that checkpoint was a compaction).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resumeOrderSession } from '../../src/runtime/index.js';
import { createFileStore } from '../../src/store/file.js';
import { readJournal } from '../../src/store/journal.js';
import {
  linesByExternalId,
  ROUTES,
  startTestSandbox,
  TEST_TOKEN,
  type TestSandbox,
  testClient,
} from '../helpers/sandbox.js';

const WRITER = fileURLToPath(new URL('./support/tearingWriter.mjs', import.meta.url));
const BUILT = fileURLToPath(new URL('../../dist/src/store/file.js', import.meta.url));
const LINES = 40;

let sandbox: TestSandbox;
let dir: string;
beforeAll(async () => {
  if (!existsSync(BUILT)) throw new Error(`${BUILT} is missing: run "npm run build" first`);
  sandbox = await startTestSandbox({ latencyMs: 15 });
  dir = await mkdtemp(join(tmpdir(), 'covage-journal-crash-'));
});
afterAll(async () => {
  await sandbox?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Runs the writer until it tears the append `where` names, then kills it; the session's id. */
function tearAndKill(stateDir: string, where: string): Promise<{ id: string; torn: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [WRITER, stateDir, sandbox.url, TEST_TOKEN, where, String(LINES)],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    let torn = false;
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      err += chunk;
    });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (!torn && /^torn \S+ \d+$/m.test(out)) {
        torn = true;
        child.kill('SIGKILL');
      }
    });
    const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(guard);
      const id = /^(?:torn|settled) (\S+)/m.exec(out)?.[1];
      if (!id) reject(new Error(`the writer said nothing useful: ${out} ${err}`));
      else resolve({ id, torn });
    });
  });
}

describe('a process killed in the middle of a journal append', () => {
  it.each(['n:1', 'n:2', 'confirming'])(
    'killed halfway through an append (%s): the torn record is dropped and each line is sent once',
    async (where) => {
      const stateDir = join(dir, `tear-${where.replace(':', '')}`);
      // Counted before the writer starts: it may have confirmed before it was killed (a tear in
      // the append holding the confirmation's answer), and then the resumed run must not.
      const confirmsBefore = await sandbox.count(ROUTES.confirm);
      const { id, torn } = await tearAndKill(stateDir, where);
      expect(torn).toBe(true);
      const store = createFileStore(stateDir);
      const text = await readFile(store.pathOf(id), 'utf8');
      const journal = readJournal(text, id);
      // The half record is there, and found: the journal is read up to it.
      expect(journal.dropped).toBeGreaterThan(0);
      expect(journal.soundLength).toBeLessThan(text.length);
      expect(journal.record?.id).toBe(id);

      const session = await resumeOrderSession(store, id, { api: testClient(sandbox) });
      // As `covage-orders resume` does: a session stopped before its confirmation is confirmed.
      const restored = session.actor.getSnapshot();
      if (restored.matches('draft') || restored.matches('created')) session.confirm();
      const result = await session.settled();
      await session.stop();
      expect(['completed', 'partial']).toContain(result.state);
      expect(result.lines).toHaveLength(LINES);
      const held = linesByExternalId(await sandbox.session(result.sessionId ?? ''));
      expect(held.size).toBe(LINES);
      for (const [, lines] of held) expect(lines).toHaveLength(1);
      expect(await sandbox.count(ROUTES.confirm)).toBe(confirmsBefore + 1);
      // Resumed and saved whole again: the journal reads without a dropped record.
      const after = readJournal(await readFile(store.pathOf(id), 'utf8'), id);
      expect(after.dropped).toBe(0);
    },
  );
});
