import { afterEach, describe, expect, it } from 'vitest';
import { createActor, waitFor } from 'xstate';
import { type ExportProgressEvent, exportMachine } from '../../machines/export/index.js';
import { createExportActors } from '../../src/export/actors.js';
import { createOrderSession } from '../../src/runtime/index.js';
import { completeLine } from '../helpers/lines.js';
import { startTestSandbox, type TestSandbox, testClient } from '../helpers/sandbox.js';

let sandbox: TestSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
});

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

function exportActor(api: ReturnType<typeof testClient>, files: string[]) {
  const machine = exportMachine.provide({
    actors: createExportActors(api, async (stream) => {
      const text = await readAll(stream);
      files.push(text);
      return new TextEncoder().encode(text).length;
    }),
  });
  return createActor(machine, { input: { options: { initialDelayMs: 5, maxDelayMs: 20 } } });
}

describe('the CSV export machine', () => {
  it('starts the task, waits while success is null, then downloads the CSV', async () => {
    // The export takes a minute of the sandbox's clock, which moves on only once the machine
    // has reported the task running: no race between the poll and the task, however slow.
    let skipped = 0;
    sandbox = await startTestSandbox({
      clock: { now: () => Date.now() + skipped },
      exportDurationMs: 60_000,
    });
    const api = testClient(sandbox);
    const session = createOrderSession({
      api,
      options: { poll: { initialDelayMs: 5, maxDelayMs: 20 } },
    });
    session.addLine(completeLine({ outcome: 'acknowledged', external_id: 'export-me-1' }));
    session.confirm();
    await session.settled();

    const files: string[] = [];
    const actor = exportActor(api, files);
    const events: ExportProgressEvent['type'][] = [];
    actor.on('*', (event) => {
      events.push(event.type);
      if (event.type === 'export.running') skipped = 60_000;
    });
    actor.start();
    actor.send({ type: 'START' });
    const done = await waitFor(actor, (s) => s.status === 'done');
    expect(done.value).toBe('done');
    expect(events[0]).toBe('export.started');
    expect(events).toContain('export.running');
    expect(events.slice(-2)).toEqual(['export.ready', 'export.downloaded']);
    expect(files[0]).toContain('export-me-1');
    expect(done.context.bytes).toBeGreaterThan(0);
  });

  it('waits out a 429 by its Retry-After before starting again', async () => {
    let now = Date.parse('2025-07-08T10:30:00Z');
    sandbox = await startTestSandbox({
      clock: { now: () => now },
      exportDurationMs: 0,
      exportIntervalMs: 300_000,
    });
    const api = testClient(sandbox, { retry: false });
    await api.startExport(); // uses this user's one start for the next five minutes

    const actor = exportActor(api, []);
    const limited = new Promise<number>((resolve) =>
      actor.on('export.rate_limited', (event) => resolve(event.retryInMs)),
    );
    actor.start();
    actor.send({ type: 'START' });
    const retryInMs = await limited;
    expect(retryInMs).toBeGreaterThan(0);
    expect(retryInMs).toBeLessThanOrEqual(300_000);
    expect(actor.getSnapshot().value).toBe('rate_limited');

    now += 300_000; // the sandbox's five minutes are over; skip the machine's wait too
    actor.send({ type: 'RETRY' });
    await waitFor(actor, (s) => s.status === 'done');
  });
});
