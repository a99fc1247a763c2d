/**
 * covage-orders/testing: the test models of the session and a line walk with createTestModel
 * (no invoke, no after), and every shortest path runs on a real session actor against its own
 * sandbox, with the outcomes the path needs scripted per line.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { createTestModel } from 'xstate/graph';
import { createOrderSessionMachine } from '../../src/runtime/orderSessionMachine.js';
import {
  lineModelSteps,
  lineTestModel,
  scriptFor,
  sessionModelSteps,
  sessionTestModel,
  startTestSandbox,
  type TestSandbox,
  userPaths,
} from '../../src/testing/index.js';

const options = { syncDelayMs: 5, poll: { initialDelayMs: 10, maxDelayMs: 50 } };

let sandbox: TestSandbox | null = null;
let stop: (() => void) | null = null;
afterEach(async () => {
  stop?.();
  await sandbox?.close();
  sandbox = null;
  stop = null;
});

async function runOn(path: { steps: readonly { event: { type: string } }[] }) {
  sandbox = await startTestSandbox({ outcomes: scriptFor(path) });
  const actor = createActor(createOrderSessionMachine({ api: sandbox.api }), {
    input: { instanceKey: 'model', options },
  }).start();
  stop = () => actor.stop();
  return { actor, sandbox };
}

const sessionPaths = userPaths(createTestModel(sessionTestModel));
const linePaths = userPaths(createTestModel(lineTestModel));
/** Every state a path passes through (shortest paths that are prefixes of others are left out). */
const visited = (paths: typeof sessionPaths | typeof linePaths) =>
  new Set(paths.flatMap((path) => path.steps.map((step) => JSON.stringify(step.state.value))));

describe('the session test model', () => {
  it('reaches every state a user sees, through user events and API answers only', () => {
    const reached = visited(sessionPaths);
    for (const state of [
      'editing',
      'invalid',
      'confirming',
      'in_progress',
      'completed',
      'partial',
      'rejected',
    ])
      expect(reached, state).toContain(JSON.stringify(state));
  });

  it.each(sessionPaths.map((path) => [path.description, path] as const))('%s', async (_, path) => {
    const { actor, sandbox } = await runOn(path);
    await path.test(sessionModelSteps(actor, sandbox));
  });
});

describe('the line test model', () => {
  it('reaches blocked, ready, sent, order_created and rejected', () => {
    const reached = visited(linePaths);
    for (const state of ['blocked', 'ready', 'sent', 'order_created', 'rejected'])
      expect(reached, state).toContain(JSON.stringify(state));
  });

  it.each(linePaths.map((path) => [path.description, path] as const))('%s', async (_, path) => {
    const { actor, sandbox } = await runOn(path);
    await path.test(lineModelSteps(actor, sandbox));
  });
});

describe('scriptFor: the outcomes a path needs', () => {
  it('rejects on insee_code each line added with ADD_LINE_THE_API_REJECTS, numbered in order', () => {
    const steps = ['ADD_LINE', 'ADD_INCOMPLETE_LINE', 'ADD_LINE_THE_API_REJECTS', 'CONFIRM'].map(
      (type) => ({ event: { type } }),
    );
    expect(scriptFor({ steps })).toEqual([{ line: 3, on: 'insee_code' }]);
  });
});
