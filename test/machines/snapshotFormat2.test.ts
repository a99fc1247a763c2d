/**
 * Sessions stored by covage-orders 0.2.0 (snapshot format 2: the whole session in one JSON file,
 * test/fixtures/snapshots-0.2.0) resume with this version, from the CLI's state directory: the
 * file store reads `<id>.json`, the session goes on to its outcome with each line held once, and
 * its first save writes the journal of format 3 in place of the old file. Each fixture's API
 * session is rebuilt in a fresh sandbox first, and the record's ids replaced by the new ones.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resumeOrderSession } from '../../src/runtime/index.js';
import type { LineCreate } from '../../src/schemas/line.js';
import { createFileStore, SNAPSHOT_VERSION, type SnapshotRecord } from '../../src/store/file.js';
import {
  linesByExternalId,
  ROUTES,
  startTestSandbox,
  type TestSandbox,
  testClient,
} from '../helpers/sandbox.js';

const DIR = join(process.cwd(), 'test', 'fixtures', 'snapshots-0.2.0');

interface StoredLine {
  context: { lineId: string | null; draft: LineCreate; synced: LineCreate | null };
}

function fixture(name: string): SnapshotRecord {
  return JSON.parse(readFileSync(join(DIR, `${name}.json`), 'utf8')) as SnapshotRecord;
}

const storedLines = (record: SnapshotRecord) =>
  (
    record.snapshot as {
      children: { lines: { snapshot: { lines: Record<string, StoredLine> } } };
    }
  ).children.lines.snapshot.lines;

let sandbox: TestSandbox | undefined;
let dir: string | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

/**
 * The API session the record speaks of, rebuilt: the lines it shows created, and `landed`, lines
 * whose POST was under way and reached the API (their answer lost); confirmed when `confirmed`.
 */
async function rebuild(
  record: SnapshotRecord,
  options: { confirmed?: boolean; landed?: string[] } = {},
): Promise<SnapshotRecord> {
  const active = sandbox as TestSandbox;
  const api = testClient(active);
  let text = JSON.stringify(record);
  if (!record.sessionId) return record;
  const session = await api.createSession({});
  text = text.replaceAll(record.sessionId, session.id);
  for (const [key, line] of Object.entries(storedLines(record))) {
    const { lineId, synced, draft } = line.context;
    if (lineId) {
      const created = await api.createLine(session.id, synced ?? draft);
      text = text.replaceAll(lineId, created.id);
    } else if (options.landed?.includes(key)) await api.createLine(session.id, draft);
  }
  if (options.confirmed) await api.confirmSession(session.id);
  return JSON.parse(text) as SnapshotRecord;
}

/** Writes the record as 0.2.0 did (`<dir>/<id>.json`) and resumes it from there to the end. */
async function resumeFromStateDir(record: SnapshotRecord) {
  dir = await mkdtemp(join(tmpdir(), 'covage-format2-'));
  await writeFile(join(dir, `${record.id}.json`), JSON.stringify(record));
  const store = createFileStore(dir);
  const session = await resumeOrderSession(store, record.id, {
    api: testClient(sandbox as TestSandbox),
  });
  const restored = session.actor.getSnapshot();
  if (restored.matches('draft') || restored.matches('created')) session.confirm();
  const result = await session.settled();
  await session.stop();
  return { store, result };
}

const CASES = [
  { name: 'draft', label: 'draft', outcome: 'partial', lines: 2 },
  { name: 'syncing', label: 'lines being created', outcome: 'completed', lines: 5 },
  {
    name: 'syncing',
    label: 'lines being created, one POST landed',
    outcome: 'completed',
    lines: 5,
    landed: ['L3'],
  },
  { name: 'confirming', label: 'confirming', outcome: 'completed', lines: 2 },
  {
    name: 'confirming',
    label: 'confirming, the confirmation landed',
    outcome: 'completed',
    lines: 2,
    confirmed: true,
  },
  {
    name: 'in-progress',
    label: 'waiting for the outcome',
    outcome: 'partial',
    lines: 3,
    confirmed: true,
  },
] as const;

describe('a session stored by 0.2.0 (format 2)', () => {
  it.each(CASES)('resumes from $label to $outcome, each line once', async (c) => {
    sandbox = await startTestSandbox();
    const record = await rebuild(fixture(c.name), {
      confirmed: 'confirmed' in c,
      landed: 'landed' in c ? [...c.landed] : [],
    });
    expect(record.version).toBe(2);
    const { store, result } = await resumeFromStateDir(record);
    expect(result.state).toBe(c.outcome);
    expect(result.lines).toHaveLength(c.lines);
    const held = linesByExternalId(await sandbox.session(result.sessionId ?? ''));
    expect(held.size).toBe(c.lines);
    for (const [, lines] of held) expect(lines).toHaveLength(1);
    expect(await sandbox.count(ROUTES.confirm)).toBe(1);
    // Stored again in format 3: the old file is gone, the journal holds the session.
    expect(await readdir(store.dir)).toEqual([`${record.id}.journal`]);
    expect(await store.load(record.id)).toMatchObject({
      version: SNAPSHOT_VERSION,
      state: result.state,
    });
  });

  it('shows a finished session as it ended, without calling the API', async () => {
    sandbox = await startTestSandbox();
    const { result } = await resumeFromStateDir(fixture('completed'));
    expect(result.state).toBe('completed');
    expect(result.lines.map((line) => line.machineState)).toEqual([
      'order_created.acknowledged',
      'order_created.in_progress',
    ]);
    expect((await sandbox.state()).requests.total).toBe(0);
  });
});

/**
 * 0.2.0 kept a line that had its outcome (`order_created.*`, `no_order.*`) counted as `confirmed`:
 * the standings `ordered` and `no_order` came with issue 15. Such a session, resumed without the
 * session read, settles by counting its lines: each must count where it is.
 */
function withOutcomesSeen(record: SnapshotRecord): SnapshotRecord {
  const copy = JSON.parse(JSON.stringify(record)) as SnapshotRecord;
  const lines = storedLines(copy) as unknown as Record<
    string,
    { value: unknown; context: { standing: string; remote: { state: string } | null } }
  >;
  const seen = { L1: ['order_created', 'acknowledged'], L2: ['no_order', 'rejected_creation'] };
  for (const [key, [top, state]] of Object.entries(seen)) {
    const line = lines[key];
    if (!line?.context.remote) throw new Error(`the fixture has no ${key} read back`);
    expect(line.context.standing).toBe('confirmed');
    line.value = { [top as string]: state };
    line.context.remote.state = state as string;
  }
  return copy;
}

describe('a session stored by 0.2.0, followed without the session read', () => {
  it('counts its lines where they stand: those that had their outcome are not awaited again', async () => {
    sandbox = await startTestSandbox({
      readSessionEndpoint: false,
      exportIntervalMs: 1000,
      exportDurationMs: 50,
    });
    const record = withOutcomesSeen(await rebuild(fixture('in-progress'), { confirmed: true }));
    dir = await mkdtemp(join(tmpdir(), 'covage-format2-'));
    await writeFile(join(dir, `${record.id}.json`), JSON.stringify(record));
    const api = testClient(sandbox, { sessionRead: 'off', exportIntervalMs: 1000 });
    const session = await resumeOrderSession(createFileStore(dir), record.id, { api });
    const counts = session.actor.getSnapshot().context.counts;
    expect({ ...counts }).toMatchObject({ confirmed: 1, ordered: 1, no_order: 1, unknown: 0 });

    const result = await session.settled();
    await session.stop();
    expect(result.state).toBe('partial');
    expect(result.lines.map((line) => line.machineState)).toEqual([
      'order_created.acknowledged',
      'no_order.rejected_creation',
      'order_created.tracked',
    ]);
    expect(session.actor.getSnapshot().context.counts).toMatchObject({
      confirmed: 0,
      ordered: 2,
      no_order: 1,
    });
    expect(await sandbox.count(ROUTES.getSession)).toBe(0);
    expect(await sandbox.count(ROUTES.confirm)).toBe(1);
  });
});
