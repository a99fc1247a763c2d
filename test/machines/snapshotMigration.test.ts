/**
 * Sessions stored by covage-orders 0.1.0 (snapshot format 1, test/fixtures/snapshots-0.1.0: state
 * files of its file store) resume with this version, read through the file store, to the outcome
 * 0.1.0 would have reached. Each fixture's API session is
 * rebuilt in a fresh sandbox first (the lines the record shows as created, the confirmation when
 * it shows one), and the record's ids are replaced by the new ones.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createOrderSession, resumeOrderSession } from '../../src/runtime/index.js';
import type { LineCreate } from '../../src/schemas/line.js';
import { createFileStore } from '../../src/store/file.js';
import {
  createMemoryStore,
  SNAPSHOT_VERSION,
  type SnapshotRecord,
  SnapshotStoreError,
  saveRecord,
} from '../../src/store/index.js';
import {
  linesByExternalId,
  ROUTES,
  startTestSandbox,
  type TestSandbox,
  testClient,
} from '../helpers/sandbox.js';

const DIR = join(process.cwd(), 'test', 'fixtures', 'snapshots-0.1.0');

interface StoredLine {
  snapshot: { context: { lineId: string | null; draft: LineCreate; synced: LineCreate | null } };
}

function fixture(name: string): SnapshotRecord {
  return JSON.parse(readFileSync(join(DIR, `${name}.json`), 'utf8')) as SnapshotRecord;
}

let sandbox: TestSandbox | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A file store's directory holding the record as 0.1.0 wrote it: `<id>.json`. */
function stateDirWith(record: SnapshotRecord) {
  const dir = mkdtempSync(join(tmpdir(), 'covage-0.1.0-'));
  dirs.push(dir);
  writeFileSync(join(dir, `${record.id}.json`), JSON.stringify(record));
  return createFileStore(dir);
}

/** The API session the record speaks of, rebuilt; the record with the new ids. */
async function rebuild(record: SnapshotRecord, confirmed: boolean): Promise<SnapshotRecord> {
  const active = sandbox as TestSandbox;
  const api = testClient(active);
  let text = JSON.stringify(record);
  if (!record.sessionId) return JSON.parse(text) as SnapshotRecord;
  const session = await api.createSession({});
  text = text.replaceAll(record.sessionId, session.id);
  const snapshot = record.snapshot as { children: Record<string, StoredLine> };
  for (const child of Object.values(snapshot.children)) {
    const line = child.snapshot?.context;
    if (!line?.lineId) continue;
    const created = await api.createLine(session.id, line.synced ?? line.draft);
    text = text.replaceAll(line.lineId, created.id);
  }
  if (confirmed) {
    await api.confirmSession(session.id);
    // The outcome is due 5 ms after confirming: read once it is, so the first read settles it.
    for (let n = 0; n < 100; n++) {
      const held = await active.session(session.id);
      if (held?.state !== 'in_progress') break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
  return JSON.parse(text) as SnapshotRecord;
}

/** Resumes the record and goes on as the CLI's `resume` does: retry a failure, confirm a draft. */
async function resumeToTheEnd(record: SnapshotRecord) {
  const store = stateDirWith(record);
  const session = await resumeOrderSession(store, record.id, {
    api: testClient(sandbox as TestSandbox),
  });
  for (let step = 0; step < 3; step++) {
    const snapshot = session.actor.getSnapshot();
    if (snapshot.status !== 'active') break;
    if (snapshot.hasTag('failed')) session.retry();
    else if (snapshot.matches('draft') || snapshot.matches('created')) session.confirm();
    const result = await session.settled();
    if (result.state !== 'failed' && result.state !== 'invalid') return { session, result };
  }
  return { session, result: await session.settled() };
}

async function expectEachLineOnce(sessionId: string | null, count: number) {
  const held = await (sandbox as TestSandbox).session(sessionId ?? '');
  const byExternalId = linesByExternalId(held);
  expect(byExternalId.size).toBe(count);
  for (const [, lines] of byExternalId) expect(lines).toHaveLength(1);
}

const CASES = [
  { name: 'draft', confirmed: false, outcome: 'partial', lines: 2 },
  { name: 'session-creation-failed', confirmed: false, outcome: 'completed', lines: 1 },
  { name: 'created-dirty', confirmed: false, outcome: 'completed', lines: 2 },
  { name: 'syncing', confirmed: false, outcome: 'completed', lines: 5 },
  { name: 'sync-failed', confirmed: false, outcome: 'partial', lines: 2 },
  { name: 'confirming', confirmed: false, outcome: 'completed', lines: 2 },
  { name: 'in-progress', confirmed: true, outcome: 'partial', lines: 3 },
  { name: 'following-failed', confirmed: true, outcome: 'partial', lines: 2 },
] as const;

describe('a session stored by 0.1.0', () => {
  it.each(CASES)('resumes from $name to $outcome, each line once', async (c) => {
    sandbox = await startTestSandbox();
    const record = await rebuild(fixture(c.name), c.confirmed);
    expect(record.version).toBe(1);
    const { result } = await resumeToTheEnd(record);
    expect(result.state).toBe(c.outcome);
    expect(result.lines).toHaveLength(c.lines);
    await expectEachLineOnce(result.sessionId, c.lines);
    expect(await sandbox.count(ROUTES.confirm)).toBe(1);
  });

  it('keeps the edits it held: made in draft, and waiting for their PATCH', async () => {
    sandbox = await startTestSandbox();
    const draft = (await resumeToTheEnd(await rebuild(fixture('draft'), false))).result;
    const first = await sandbox.session(draft.sessionId ?? '');
    expect(first?.product_order_item.map((line) => line.customer_order_name)).toContain(
      'Martin - edited in draft',
    );
    await sandbox.close();
    sandbox = await startTestSandbox();
    const dirty = (await resumeToTheEnd(await rebuild(fixture('created-dirty'), false))).result;
    const second = await sandbox.session(dirty.sessionId ?? '');
    expect(second?.product_order_item.map((line) => line.customer_order_name)).toContain(
      'Martin - edited after creation',
    );
    expect(await sandbox.count(ROUTES.updateLine)).toBe(1);
  });

  it('shows a finished session as it ended, without calling the API', async () => {
    sandbox = await startTestSandbox();
    const { result } = await resumeToTheEnd(fixture('completed'));
    expect(result.state).toBe('completed');
    expect(result.lines.map((line) => line.machineState)).toEqual([
      'order_created.acknowledged',
      'order_created.in_progress',
    ]);
    expect((await sandbox.state()).requests.total).toBe(0);
  });

  it('is stored again in the current format once resumed', async () => {
    sandbox = await startTestSandbox();
    const store = stateDirWith(fixture('draft'));
    const session = await resumeOrderSession(store, 'fixture-draft', {
      api: testClient(sandbox),
    });
    session.updateLine('L1', { note: 'edited after the upgrade' });
    await session.flush();
    expect((await store.load('fixture-draft'))?.version).toBe(SNAPSHOT_VERSION);
    await session.stop();
    const again = await resumeOrderSession(store, 'fixture-draft', { api: testClient(sandbox) });
    expect(again.result().lines.map((line) => line.key)).toEqual(['L1', 'L2']);
    await again.stop();
  });

  it('is refused with a typed error naming the file store when another store holds it', async () => {
    sandbox = await startTestSandbox();
    const store = createMemoryStore();
    await saveRecord(store, fixture('draft'));
    const error = await resumeOrderSession(store, 'fixture-draft', {
      api: testClient(sandbox),
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SnapshotStoreError);
    expect((error as SnapshotStoreError).code).toBe('corrupt');
    expect((error as Error).message).toMatch(/format 1 .*createFileStore/);
    expect((await sandbox.state()).requests.total).toBe(0);
  });
});

describe('a session of this version', () => {
  it('resumes from its own stored record', async () => {
    sandbox = await startTestSandbox();
    const store = createMemoryStore();
    const session = createOrderSession({ api: testClient(sandbox), store });
    session.addLine(fixtureLine());
    await session.stop();
    const resumed = await resumeOrderSession(store, session.id, { api: testClient(sandbox) });
    resumed.confirm();
    expect((await resumed.settled()).state).toBe('completed');
  });
});

function fixtureLine(): LineCreate {
  const record = fixture('draft');
  const children = (record.snapshot as { children: Record<string, StoredLine> }).children;
  const draft = children.L1?.snapshot.context.draft as LineCreate;
  return { ...draft, external_id: 'format-2-line' };
}
