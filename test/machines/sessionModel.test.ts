/**
 * Model-based tests of the session lifecycle. `createTestModel` (xstate/graph) walks a small,
 * events-only model of what a user can do with a session; every shortest path to every model
 * state is executed against the real session actor talking to the sandbox over HTTP, and each
 * state checks both the actor and what the sandbox holds.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { assign, setup } from 'xstate';
import { createTestModel } from 'xstate/graph';
import { createOrderSession, type OrderSession } from '../../src/runtime/index.js';
import { completeLine, lineWithoutEnni } from '../helpers/lines.js';
import { ROUTES, startTestSandbox, type TestSandbox, testClient } from '../helpers/sandbox.js';

interface ModelContext {
  accepted: number;
  rejected: number;
  broken: boolean;
  /** A created line was edited (one PATCH). */
  edited: boolean;
}

type ModelEvent =
  | { type: 'ADD_ACCEPTED_LINE' }
  | { type: 'ADD_REJECTED_LINE' }
  | { type: 'ADD_BROKEN_LINE' }
  | { type: 'START' }
  | { type: 'EDIT_LINE' }
  | { type: 'REMOVE_BROKEN_LINE' }
  | { type: 'CONFIRM' };

const lineCount = (c: ModelContext) => c.accepted + c.rejected + (c.broken ? 1 : 0);

/** What a user can do with a session, and what the doc says follows. */
const model = setup({
  types: {} as { context: ModelContext; events: ModelEvent },
  guards: {
    canAddAccepted: ({ context }) => context.accepted < 1,
    canAddRejected: ({ context }) => context.rejected < 1,
    canAddBroken: ({ context }) => !context.broken,
    hasBrokenLine: ({ context }) => context.broken,
    canEdit: ({ context }) => !context.edited && context.accepted > 0,
    notConfirmable: ({ context }) => context.broken || lineCount(context) === 0,
    noRejectedLine: ({ context }) => context.rejected === 0,
    noAcceptedLine: ({ context }) => context.accepted === 0,
  },
  actions: {
    addAccepted: assign({ accepted: ({ context }) => context.accepted + 1 }),
    addRejected: assign({ rejected: ({ context }) => context.rejected + 1 }),
    addBroken: assign({ broken: true }),
    removeBroken: assign({ broken: false }),
    edit: assign({ edited: true }),
  },
}).createMachine({
  id: 'sessionModel',
  context: { accepted: 0, rejected: 0, broken: false, edited: false },
  initial: 'draft',
  states: {
    draft: {
      on: {
        ADD_ACCEPTED_LINE: { guard: 'canAddAccepted', actions: 'addAccepted' },
        ADD_REJECTED_LINE: { guard: 'canAddRejected', actions: 'addRejected' },
        ADD_BROKEN_LINE: { guard: 'canAddBroken', actions: 'addBroken' },
        START: 'created',
        CONFIRM: [
          { guard: 'notConfirmable', target: 'draft_invalid' },
          { guard: 'noRejectedLine', target: 'completed' },
          { guard: 'noAcceptedLine', target: 'rejected' },
          { target: 'partial' },
        ],
      },
    },
    draft_invalid: {
      on: {
        REMOVE_BROKEN_LINE: { guard: 'hasBrokenLine', target: 'draft', actions: 'removeBroken' },
        ADD_ACCEPTED_LINE: { guard: 'canAddAccepted', target: 'draft', actions: 'addAccepted' },
      },
    },
    created: {
      on: {
        ADD_ACCEPTED_LINE: { guard: 'canAddAccepted', actions: 'addAccepted' },
        ADD_REJECTED_LINE: { guard: 'canAddRejected', actions: 'addRejected' },
        ADD_BROKEN_LINE: { guard: 'canAddBroken', actions: 'addBroken' },
        EDIT_LINE: { guard: 'canEdit', actions: 'edit' },
        CONFIRM: [
          { guard: 'notConfirmable', target: 'created_invalid' },
          { guard: 'noRejectedLine', target: 'completed' },
          { guard: 'noAcceptedLine', target: 'rejected' },
          { target: 'partial' },
        ],
      },
    },
    created_invalid: {
      on: {
        REMOVE_BROKEN_LINE: { guard: 'hasBrokenLine', target: 'created', actions: 'removeBroken' },
      },
    },
    completed: { type: 'final' },
    partial: { type: 'final' },
    rejected: { type: 'final' },
  },
});

const options = { poll: { initialDelayMs: 5, maxDelayMs: 20 }, syncDelayMs: 5 };

interface World {
  sandbox: TestSandbox;
  session: OrderSession;
  brokenKey: string | null;
  keys: string[];
}

let world: World | null = null;
afterEach(async () => {
  world?.session.actor.stop();
  await world?.sandbox.close();
  world = null;
});

function nextEvent(
  session: OrderSession,
  type: 'line.created' | 'line.updated' | 'line.removed',
): Promise<void> {
  return new Promise((resolve) => {
    const subscription = session.on(type, () => {
      subscription.unsubscribe();
      resolve();
    });
  });
}

async function heldLines(w: World): Promise<number> {
  const held = w.session.actor.getSnapshot().context.sessionId;
  const session = (await w.sandbox.state()).sessions.find((s) => s.id === held);
  return session?.product_order_item.length ?? 0;
}

async function addLine(w: World, line: ReturnType<typeof completeLine>, broken = false) {
  const created = w.session.actor.getSnapshot().matches('created')
    ? nextEvent(w.session, 'line.created')
    : null;
  const key = w.session.addLine(line);
  w.keys.push(key);
  if (broken) w.brokenKey = key;
  await created;
}

const testModel = createTestModel(model);
/**
 * xstate/graph lists an event the model ignores (its guard is false) as a step that stays in
 * place; such steps do nothing in the model, so they are dropped before the path is run.
 */
const paths = testModel.getShortestPaths().map((path) => {
  const key = (step: (typeof path.steps)[number]) =>
    JSON.stringify([step.state.value, step.state.context]);
  path.steps = path.steps.filter(
    (step, index) => index === 0 || key(step) !== key(path.steps[index - 1] as typeof step),
  );
  path.description = `reaches ${JSON.stringify(path.state.value)} ${JSON.stringify(path.state.context)}: ${
    path.steps
      .slice(1)
      .map((step) => step.event.type)
      .join(' → ') || '(start)'
  }`;
  return path;
});

describe('the session lifecycle, path by path (model-based)', () => {
  it('covers every state of the model', () => {
    const reached = new Set(paths.map((path) => JSON.stringify(path.state.value)));
    for (const state of [
      'draft',
      'draft_invalid',
      'created',
      'created_invalid',
      'completed',
      'partial',
      'rejected',
    ]) {
      expect(reached).toContain(JSON.stringify(state));
    }
  });

  it.each(paths.map((path) => [path.description, path] as const))('%s', async (_, path) => {
    const sandbox = await startTestSandbox();
    const session = createOrderSession({ api: testClient(sandbox), options });
    const w: World = { sandbox, session, brokenKey: null, keys: [] };
    world = w;
    await testModel.testPath(path, {
      events: {
        ADD_ACCEPTED_LINE: () => addLine(w, completeLine({ outcome: 'acknowledged' })),
        ADD_REJECTED_LINE: () => addLine(w, completeLine({ outcome: 'rejected_creation' })),
        ADD_BROKEN_LINE: () => addLine(w, lineWithoutEnni(), true),
        START: async () => {
          const expected = w.keys.length;
          let created = 0;
          const all = new Promise<void>((resolve) => {
            if (expected === 0) resolve();
            w.session.on('line.created', () => ++created === expected && resolve());
          });
          const sessionCreated = new Promise<void>((resolve) =>
            w.session.on('session.created', () => resolve()),
          );
          w.session.start();
          await sessionCreated;
          await all;
        },
        EDIT_LINE: async () => {
          const updated = nextEvent(w.session, 'line.updated');
          w.session.updateLine(w.keys[0] as string, { note: `edited ${Date.now()}` });
          await updated;
        },
        REMOVE_BROKEN_LINE: async () => {
          const removed = nextEvent(w.session, 'line.removed');
          w.session.removeLine(w.brokenKey as string);
          w.keys = w.keys.filter((key) => key !== w.brokenKey);
          w.brokenKey = null;
          await removed;
        },
        CONFIRM: async () => {
          w.session.confirm();
          await w.session.settled();
        },
      },
      states: {
        draft: async (state) => {
          expect(w.session.actor.getSnapshot().value).toBe('draft');
          expect((await w.sandbox.state()).requests.total).toBe(0);
          expect(w.session.actor.getSnapshot().context.nextNumber - 1).toBeGreaterThanOrEqual(
            lineCount(state.context),
          );
        },
        draft_invalid: async () => {
          const result = w.session.result();
          expect(result.state).toBe('invalid');
          expect((await w.sandbox.state()).requests.total).toBe(0);
        },
        created: async (state) => {
          expect(w.session.actor.getSnapshot().value).toEqual({ created: 'editing' });
          expect(await heldLines(w)).toBe(lineCount(state.context));
          const created = await w.sandbox.count(ROUTES.createLine);
          expect(created - (await w.sandbox.count(ROUTES.deleteLine))).toBe(
            lineCount(state.context),
          );
          expect(await w.sandbox.count(ROUTES.updateLine)).toBe(state.context.edited ? 1 : 0);
        },
        created_invalid: async (state) => {
          expect(w.session.result().state).toBe('invalid');
          const lines = w.session.actor.getSnapshot().context.lines.getSnapshot().lines;
          const brokenIndex = lines.get(w.brokenKey ?? '')?.getSnapshot().context.index;
          const paths = w.session.result().issues.map((issue) => issue.path);
          if (state.context.broken) expect(paths).toContain(`lines[${brokenIndex}].enni`);
          else
            expect(w.session.result().issues.map((issue) => issue.code)).toContain(
              'session_has_no_line',
            );
          expect(await w.sandbox.count(ROUTES.confirm)).toBe(0);
        },
        completed: async () => {
          expect(w.session.result().state).toBe('completed');
          expect(await w.sandbox.count(ROUTES.confirm)).toBe(1);
          expect((await w.sandbox.state()).sessions[0]?.state).toBe('completed');
        },
        partial: async () => {
          expect(w.session.result().state).toBe('partial');
          expect((await w.sandbox.state()).sessions[0]?.state).toBe('partial');
        },
        rejected: async () => {
          expect(w.session.result().state).toBe('rejected');
          expect((await w.sandbox.state()).sessions[0]?.state).toBe('rejected');
        },
      },
    });
  });
});
