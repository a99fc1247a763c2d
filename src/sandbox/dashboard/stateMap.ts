/**
 * Where the sandbox's API states sit in the machines' diagrams. The sandbox knows only API
 * states; the machines have more (draft, syncing, …) that the API never shows. Each API state
 * names the machine state it means by its key, with its parent's key where it is nested
 * (`order_created` › `acknowledged`), and is found in the machine as it is now, wherever that
 * state is nested, so the map holds while the machines are reorganised. See docs/dashboard.md.
 */
import type { AnyStateMachine } from 'xstate';
import { DIAGRAM_MACHINES } from '../../diagrams/catalog.js';
import type { LineState, SessionState } from '../../schemas/states.js';
import { FINAL_SESSION_STATES } from '../../schemas/states.js';
import { allStates, machineDiagram } from './diagram/model.js';

/** The keys of a state, outermost first; the last is the state's own key. */
type KeyPath = readonly string[];

const statePaths = new Map<AnyStateMachine, string[][]>();

function pathsOf(machine: AnyStateMachine): string[][] {
  let paths = statePaths.get(machine);
  if (!paths) {
    paths = allStates(machineDiagram(machine).states)
      .filter((state) => !state.machineWide)
      .map((state) => state.id.split('__'));
    statePaths.set(machine, paths);
  }
  return paths;
}

/**
 * The diagram id of the shallowest state whose path ends with `keys`; failing that, of the
 * shallowest state with the same own key. Undefined when the machine has no such state.
 */
export function findState(machine: AnyStateMachine, keys: KeyPath): string | undefined {
  const endsWith = (path: string[], tail: KeyPath) =>
    path.length >= tail.length &&
    tail.every((key, i) => path[path.length - tail.length + i] === key);
  const shallowest = (tail: KeyPath) =>
    pathsOf(machine)
      .filter((path) => endsWith(path, tail))
      .sort((a, b) => a.length - b.length)[0];
  return (shallowest(keys) ?? shallowest(keys.slice(-1)))?.join('__');
}

/** An API session state → the session machine's state of the same name. */
export function sessionStateKeys(state: SessionState): KeyPath {
  return [state];
}

const ORDER_CREATED: Partial<Record<LineState, KeyPath>> = {
  acknowledged: ['order_created', 'acknowledged'],
  held_adv_validation: ['order_created', 'held_adv_validation'],
  in_progress: ['order_created', 'in_progress'],
  created: ['order_created'],
};

const NO_ORDER: Partial<Record<LineState, KeyPath>> = {
  rejected_creation: ['no_order', 'rejected_creation'],
  technical_error: ['no_order', 'technical_error'],
};

/**
 * An API line state → the line machine's state. The session's state tells the two meanings of
 * `in_progress` apart: waiting for the outcome (session `in_progress`) or an order created
 * (session final). Before confirmation a line is `created`.
 */
export function lineStateKeys(line: LineState, session: SessionState): KeyPath {
  const noOrder = NO_ORDER[line];
  if (noOrder) return noOrder;
  if (session === 'created') return ['created'];
  if (!FINAL_SESSION_STATES.includes(session)) return ['awaiting_outcome'];
  return ORDER_CREATED[line] ?? ['order_created'];
}

const resolved = new Map<string, string>();

function resolve(name: 'session' | 'line', keys: KeyPath): string {
  const cacheKey = `${name}:${keys.join('.')}`;
  let id = resolved.get(cacheKey);
  if (id === undefined) {
    const machine = DIAGRAM_MACHINES[name]?.machine;
    // A state the machine lacks is shown by its key: the page then marks nothing.
    id = (machine && findState(machine, keys)) ?? keys.join('__');
    resolved.set(cacheKey, id);
  }
  return id;
}

/** The session diagram's state id for an API session state. */
export function sessionDiagramState(state: SessionState): string {
  return resolve('session', sessionStateKeys(state));
}

/** The line diagram's state id for an API line state in a session of state `session`. */
export function lineDiagramState(line: LineState, session: SessionState): string {
  return resolve('line', lineStateKeys(line, session));
}
