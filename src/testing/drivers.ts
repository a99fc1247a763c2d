/**
 * Running the test models' paths on the real session actor: what each model event does to the
 * actor (a user's edit, or waiting for the API's answer), and what each model state means for
 * the actor and the sandbox. An app team drives its page the same way, with its own steps.
 *
 *     const model = createTestModel(sessionTestModel);
 *     for (const path of model.getShortestPaths()) {
 *       const sandbox = await startTestSandbox({ outcomes: scriptFor(path) });
 *       const actor = createActor(createOrderSessionMachine({ api: sandbox.api }), { input }).start();
 *       await path.test(sessionModelSteps(actor, sandbox));
 *     }
 */
import { type Actor, type Snapshot, type SnapshotFrom, waitFor } from 'xstate';
import type { TestModel, TestParam, TestPath } from 'xstate/graph';
import type { LineChanges, LineDraft } from '../rules/parseLine.js';
import type { OrderSessionMachine } from '../runtime/orderSessionMachine.js';
import { readiness } from '../runtime/readiness.js';
import type { ScriptedOutcome } from '../sandbox/index.js';
import type { LineCreate } from '../schemas/line.js';
import type { LineModelEvent, LineTestModel } from './lineModel.js';
import { sampleLine } from './sampleLine.js';
import type { TestSandbox } from './sandbox.js';
import type { SessionModelEvent, SessionTestModel } from './sessionModel.js';

type SessionActorRef = Actor<OrderSessionMachine>;
export type SessionSteps = TestParam<SnapshotFrom<SessionTestModel>, SessionModelEvent>;
export type LineSteps = TestParam<SnapshotFrom<LineTestModel>, LineModelEvent>;

/**
 * The shortest paths of a test model, as a user would follow them: xstate/graph lists an event
 * that the model ignores there (its guard is false) as a step that stays in place; such steps
 * are dropped (a real app would do something with them), and each path is described by the
 * state it reaches and its events (`reaches "partial": ADD_LINE → … → API.OUTCOME`).
 */
export function userPaths<
  TSnapshot extends { value: unknown; context: unknown },
  TEvent extends { type: string },
>(
  model: TestModel<TSnapshot & Snapshot<unknown>, TEvent, unknown>,
): TestPath<TSnapshot & Snapshot<unknown>, TEvent>[] {
  const seen = new Set<string>();
  const key = (snapshot: { value: unknown; context: unknown }) =>
    JSON.stringify([snapshot.value, snapshot.context]);
  return model.getShortestPaths().filter((path) => {
    path.steps = path.steps.filter(
      (step, index) =>
        index === 0 || key(step.state) !== key((path.steps[index - 1] as typeof step).state),
    );
    const events = path.steps.slice(1).map((step) => step.event.type);
    path.description = `reaches ${JSON.stringify(path.state.value)}: ${events.join(' → ') || '(start)'}`;
    if (seen.has(path.description)) return false;
    seen.add(path.description);
    // path.test runs the steps it was built with: run the ones kept.
    path.test = (params) => model.testPath(path, params);
    return true;
  });
}
type SessionSnapshot = ReturnType<SessionActorRef['getSnapshot']>;

/** The contact field a scripted rejection names. */
const REJECTED_ON = 'insee_code';
/** The longest wait for the API (the sandbox answers in milliseconds). */
const API_TIMEOUT_MS = 15_000;

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

let drafts = 0;
/** A complete line with its own qualification item. */
function completeDraft(): LineCreate {
  drafts++;
  return sampleLine({
    product_offering_qualification_item_id: `model-${drafts}-${Math.random().toString(16).slice(2, 8)}`,
  });
}

/**
 * The outcomes to script in the sandbox for a path of either model: each line the path adds
 * with `ADD_LINE_THE_API_REJECTS`, or the line of a line-model path ending `API.REJECTED`, is
 * rejected on its contact's insee_code. Lines are numbered as the engine numbers them.
 */
export function scriptFor(path: {
  steps: readonly { event: { type: string } }[];
}): ScriptedOutcome[] {
  const script: ScriptedOutcome[] = [];
  let line = 0;
  for (const { event } of path.steps) {
    if (event.type.startsWith('ADD_')) line++;
    if (event.type === 'ADD_LINE_THE_API_REJECTS') script.push({ line, on: REJECTED_ON });
    if (event.type === 'API.REJECTED') script.push({ line: 1, on: REJECTED_ON });
  }
  return script;
}

const waitForApi = (actor: SessionActorRef, test: (snapshot: SessionSnapshot) => boolean) =>
  waitFor(actor, (snapshot) => test(snapshot) || snapshot.hasTag('failed'), {
    timeout: API_TIMEOUT_MS,
  }).then((snapshot) => {
    check(
      !snapshot.hasTag('failed'),
      `the session failed: ${JSON.stringify(snapshot.context.error)}`,
    );
    return snapshot;
  });

const lineStates = async (actor: SessionActorRef, sandbox: TestSandbox) => {
  const id = actor.getSnapshot().context.sessionId;
  const session = id ? await sandbox.session(id) : undefined;
  return (session?.product_order_item ?? []).map((line) => line.state);
};

const ORDER_STATES = ['acknowledged', 'held_adv_validation', 'in_progress'];

/** `sessionTestModel`'s events and states on a session actor talking to `sandbox`. */
export function sessionModelSteps(actor: SessionActorRef, sandbox: TestSandbox): SessionSteps {
  let incompleteKey: string | null = null;
  const add = (line: LineDraft) => {
    const key = `L${actor.getSnapshot().context.nextNumber}`;
    actor.send({ type: 'ADD_LINE', line });
    return key;
  };
  const final = (state: string, test: (states: string[]) => boolean) => async () => {
    const snapshot = actor.getSnapshot();
    check(
      snapshot.value === state,
      `the session is ${JSON.stringify(snapshot.value)}, not ${state}`,
    );
    const states = await lineStates(actor, sandbox);
    check(test(states), `the sandbox holds lines ${states.join(', ')} for a ${state} session`);
  };
  return {
    events: {
      ADD_LINE: () => void add(completeDraft()),
      ADD_LINE_THE_API_REJECTS: () => void add(completeDraft()),
      ADD_INCOMPLETE_LINE: () => {
        const { enni: _missing, ...line } = completeDraft();
        incompleteKey = add(line);
      },
      COMPLETE_LINE: () => {
        check(incompleteKey !== null, 'no incomplete line to complete');
        actor.send({
          type: 'UPDATE_LINE',
          key: incompleteKey ?? '',
          changes: { enni: 'AZ001234' },
        });
        incompleteKey = null;
      },
      CONFIRM: () => actor.send({ type: 'CONFIRM' }),
      'API.CONFIRMED': async () => {
        await waitForApi(actor, (s) => s.matches('in_progress') || s.status === 'done');
      },
      'API.OUTCOME': async () => {
        await waitForApi(actor, (s) => s.status === 'done');
      },
    } as SessionSteps['events'],
    states: {
      editing: () => check(actor.getSnapshot().matches('draft'), 'the session is not a draft'),
      invalid: () => {
        const snapshot = actor.getSnapshot();
        check(snapshot.matches('draft'), 'a refused CONFIRM left the draft');
        check(snapshot.context.issues.length > 0, 'a refused CONFIRM shows no issue');
        check(!readiness(snapshot).ready, 'readiness says ready');
      },
      confirming: () => check(!actor.getSnapshot().matches('draft'), 'CONFIRM did not go ahead'),
      in_progress: () => {
        const snapshot = actor.getSnapshot();
        check(
          snapshot.matches('in_progress') || snapshot.status === 'done',
          `the session is ${JSON.stringify(snapshot.value)}`,
        );
      },
      completed: final('completed', (states) => states.every((s) => ORDER_STATES.includes(s))),
      partial: final(
        'partial',
        (states) =>
          states.includes('rejected_creation') && states.some((s) => ORDER_STATES.includes(s)),
      ),
      rejected: final('rejected', (states) => states.every((s) => s === 'rejected_creation')),
    },
  };
}

/**
 * `lineTestModel`'s events and states on a session actor holding one line, which this adds
 * (without its enni, the model's first state).
 */
export function lineModelSteps(actor: SessionActorRef, sandbox: TestSandbox): LineSteps {
  const { enni: _missing, ...line } = completeDraft();
  actor.send({ type: 'ADD_LINE', line });
  const update = (changes: LineChanges) => actor.send({ type: 'UPDATE_LINE', key: 'L1', changes });
  const outcome = async (expected: (state: string) => boolean, what: string) => {
    await waitForApi(actor, (s) => s.status === 'done');
    const [state] = await lineStates(actor, sandbox);
    check(state !== undefined && expected(state), `the line is ${state}, not ${what}`);
  };
  return {
    events: {
      FILL_ENNI: () => update({ enni: 'AZ001234' }),
      ADD_OPTION_7021: () => update({ option_ids: ['7021'] }),
      FILL_CPE: () => update({ cpe_networking_number: 'NET-1', cpe_serial_number: 'SN-1' }),
      CONFIRM: () => actor.send({ type: 'CONFIRM' }),
      'API.ORDER_CREATED': () => outcome((s) => ORDER_STATES.includes(s), 'an order'),
      'API.REJECTED': () => outcome((s) => s === 'rejected_creation', 'rejected'),
    } as LineSteps['events'],
    states: {
      blocked: () => check(!readiness(actor.getSnapshot()).ready, 'the line is ready'),
      ready: () => check(readiness(actor.getSnapshot()).ready, 'the line is not ready'),
      sent: () => check(!actor.getSnapshot().matches('draft'), 'CONFIRM did not go ahead'),
      order_created: () => check(actor.getSnapshot().value === 'completed', 'not completed'),
      rejected: () => check(actor.getSnapshot().value === 'rejected', 'not rejected'),
    },
  };
}
