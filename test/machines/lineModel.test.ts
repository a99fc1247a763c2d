/**
 * Model-based tests of one line's lifecycle: every shortest path of an events-only model (no
 * invoke, no after, as `createTestModel` requires) is executed against a real session actor and
 * the sandbox; each state checks the line actor and the line the sandbox holds.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { assign, createMachine } from 'xstate';
import { createTestModel } from 'xstate/graph';
import { createOrderSession, type OrderSession } from '../../src/runtime/index.js';
import { completeLine, type Outcome } from '../helpers/lines.js';
import { ROUTES, startTestSandbox, type TestSandbox, testClient } from '../helpers/sandbox.js';

const OUTCOMES: Outcome[] = [
  'acknowledged',
  'held_adv_validation',
  'in_progress',
  'rejected_creation',
  'technical_error',
];

type ModelEvent =
  | { type: 'START' }
  | { type: 'EDIT' }
  | { type: 'REMOVE' }
  | { type: `CONFIRM_${Uppercase<Outcome>}` };

const confirmations = Object.fromEntries(
  OUTCOMES.map((outcome) => [`CONFIRM_${outcome.toUpperCase()}`, outcome]),
) as Record<string, Outcome>;

const model = createMachine({
  types: {} as { context: { edited: boolean }; events: ModelEvent },
  id: 'lineModel',
  context: { edited: false },
  initial: 'draft',
  states: {
    draft: { on: { START: 'created', REMOVE: 'removed_locally' } },
    created: {
      on: {
        EDIT: { guard: ({ context }) => !context.edited, actions: assign({ edited: true }) },
        REMOVE: 'removed',
        ...Object.fromEntries(
          Object.entries(confirmations).map(([event, outcome]) => [event, outcome]),
        ),
      },
    },
    removed_locally: { type: 'final' },
    removed: { type: 'final' },
    ...Object.fromEntries(OUTCOMES.map((outcome) => [outcome, { type: 'final' as const }])),
  },
});

const EXPECTED_MACHINE_STATE: Record<Outcome, string> = {
  acknowledged: 'order_created.acknowledged',
  held_adv_validation: 'order_created.held_adv_validation',
  in_progress: 'order_created.in_progress',
  rejected_creation: 'no_order.rejected_creation',
  technical_error: 'no_order.technical_error',
};

const options = { poll: { initialDelayMs: 5, maxDelayMs: 20 }, syncDelayMs: 5 };

interface World {
  sandbox: TestSandbox;
  session: OrderSession;
  key: string;
}
let world: World | null = null;
afterEach(async () => {
  world?.session.actor.stop();
  await world?.sandbox.close();
  world = null;
});

const testModel = createTestModel(model);
const paths = testModel.getShortestPaths().map((path) => {
  const key = (step: (typeof path.steps)[number]) =>
    JSON.stringify([step.state.value, step.state.context]);
  path.steps = path.steps.filter(
    (step, index) => index === 0 || key(step) !== key(path.steps[index - 1] as typeof step),
  );
  path.description = `reaches ${JSON.stringify(path.state.value)}: ${path.steps
    .slice(1)
    .map((step) => step.event.type)
    .join(' → ')}`;
  return path;
});

function lineState(w: World): string {
  const lines = w.session.actor.getSnapshot().context.lines.getSnapshot().lines;
  const value = lines.get(w.key)?.getSnapshot().value;
  return typeof value === 'string'
    ? value
    : (Object.entries(value ?? {}).map(([k, v]) => `${k}.${String(v)}`)[0] ?? '');
}

async function heldLine(w: World) {
  const id = w.session.actor.getSnapshot().context.sessionId;
  return (await w.sandbox.state()).sessions.find((s) => s.id === id)?.product_order_item[0];
}

function once(
  session: OrderSession,
  type: 'line.created' | 'line.updated' | 'line.removed' | 'session.outcome',
) {
  return new Promise<void>((resolve) => {
    const subscription = session.on(type, () => {
      subscription.unsubscribe();
      resolve();
    });
  });
}

describe('the line lifecycle, path by path (model-based)', () => {
  it('covers every outcome of the doc, and removal', () => {
    const reached = new Set(paths.flatMap((path) => path.steps.map((step) => step.state.value)));
    for (const state of [...OUTCOMES, 'removed', 'removed_locally', 'created', 'draft'])
      expect(reached).toContain(state);
  });

  it.each(paths.map((path) => [path.description, path] as const))('%s', async (_, path) => {
    const sandbox = await startTestSandbox();
    const session = createOrderSession({ api: testClient(sandbox), options });
    const w: World = { sandbox, session, key: '' };
    world = w;
    const confirmWith = (outcome: Outcome) => async () => {
      session.updateLine(w.key, { note: `[sandbox:${outcome}]` });
      session.confirm();
      await session.settled();
    };
    w.key = session.addLine(completeLine());
    await testModel.testPath(path, {
      events: {
        START: async () => {
          const created = once(session, 'line.created');
          session.start();
          await created;
        },
        EDIT: async () => {
          const updated = once(session, 'line.updated');
          session.updateLine(w.key, { customer_order_name: 'edited' });
          await updated;
        },
        REMOVE: async () => {
          const removed = once(session, 'line.removed');
          session.removeLine(w.key);
          await removed;
        },
        ...Object.fromEntries(
          Object.entries(confirmations).map(([event, outcome]) => [event, confirmWith(outcome)]),
        ),
      },
      states: {
        draft: async () => {
          expect(lineState(w)).toBe('draft');
          expect((await sandbox.state()).requests.total).toBe(0);
        },
        created: async (state) => {
          expect(lineState(w)).toBe('created.in_sync');
          const held = await heldLine(w);
          expect(held?.state).toBe('created');
          expect(await sandbox.count(ROUTES.createLine)).toBe(1);
          expect(await sandbox.count(ROUTES.updateLine)).toBe(state.context.edited ? 1 : 0);
          if (state.context.edited) expect(held?.customer_order_name).toBe('edited');
        },
        removed_locally: async () => {
          expect(lineState(w)).toBe('removed');
          expect((await sandbox.state()).requests.total).toBe(0);
        },
        removed: async () => {
          expect(lineState(w)).toBe('removed');
          expect(await heldLine(w)).toBeUndefined();
          expect(await sandbox.count(ROUTES.deleteLine)).toBe(1);
        },
        ...Object.fromEntries(
          OUTCOMES.map((outcome) => [
            outcome,
            async () => {
              expect(lineState(w)).toBe(EXPECTED_MACHINE_STATE[outcome]);
              const held = await heldLine(w);
              expect(held?.state).toBe(outcome);
              const orderCreated = outcome !== 'rejected_creation' && outcome !== 'technical_error';
              expect(Boolean(held?.order_reference)).toBe(orderCreated);
              if (!orderCreated)
                expect(w.session.result().lines[0]?.terminationErrors.length).toBeGreaterThan(0);
            },
          ]),
        ),
      },
    });
  });
});
