/**
 * A machine's state diagram as data, read from the machine itself: its states as a tree
 * (`toDirectedGraph` from `xstate/graph`), and one transition per ordered pair of states,
 * labelled with every event (and guard) that takes it, read and worded by the same code as the
 * published Mermaid diagrams (`transitionsOf` in src/diagrams), so both show the same labels.
 */
import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { type DirectedGraphNode, toDirectedGraph } from 'xstate/graph';
import { transitionsOf, transitionText } from '../../../diagrams/transitions.js';

export interface DiagramState {
  /** The state's path joined with `__` (`order_created__acknowledged`): unique, stable. */
  id: string;
  /** The state's own key (`acknowledged`). */
  name: string;
  children: DiagramState[];
  /** The initial child's id, for a compound state. */
  initial: string | undefined;
  final: boolean;
  parallel: boolean;
  /** The machine itself, drawn as an "any state" box: the source of its own transitions. */
  machineWide: boolean;
}

export interface DiagramTransition {
  source: string;
  target: string;
  /** One entry per transition between the two, in declaration order: `EVENT [guard]`. */
  labels: string[];
}

export interface MachineDiagram {
  /** The top-level states (first, the machine itself when it has transitions of its own). */
  states: DiagramState[];
  /** The initial top-level state. */
  initial: string | undefined;
  transitions: DiagramTransition[];
}

/** The diagram id of a state node: its path joined with `__` (the machine itself: its id). */
export function stateIdOf(node: AnyStateNode): string {
  return node.path.length > 0 ? node.path.join('__') : node.machine.id;
}

function stateOf(node: DirectedGraphNode): DiagramState {
  const initial = node.stateNode.initial?.target?.[0];
  return {
    id: stateIdOf(node.stateNode),
    name: node.stateNode.path.at(-1) ?? node.stateNode.machine.id,
    children: node.children.map(stateOf),
    initial: initial && node.stateNode.type !== 'parallel' ? stateIdOf(initial) : undefined,
    final: node.stateNode.type === 'final',
    parallel: node.stateNode.type === 'parallel',
    machineWide: false,
  };
}

export function machineDiagram(machine: AnyStateMachine): MachineDiagram {
  const root = toDirectedGraph(machine);
  const pairs = new Map<string, DiagramTransition>();
  const add = (source: string, target: string, label: string) => {
    const key = JSON.stringify([source, target]);
    let pair = pairs.get(key);
    if (!pair) {
      pair = { source, target, labels: [] };
      pairs.set(key, pair);
    }
    if (!pair.labels.includes(label)) pair.labels.push(label);
  };
  const nodes = new Map<string, AnyStateNode>();
  const index = (node: AnyStateNode) => {
    nodes.set(node.id, node);
    for (const child of Object.values(node.states)) index(child);
  };
  index(machine.root);
  const idOf = (nodeId: string) => stateIdOf(nodes.get(nodeId) ?? machine.root);
  for (const transition of transitionsOf(machine))
    add(idOf(transition.source), idOf(transition.target), transitionText(transition));

  // Transitions of the machine itself apply in every state: an "any state" box is their source.
  const machineState = stateOf(root);
  const anyState: DiagramState = {
    ...machineState,
    name: 'any state',
    children: [],
    initial: undefined,
    machineWide: true,
  };
  const machineWide = [...pairs.values()].some((pair) => pair.source === machineState.id);
  return {
    states: machineWide ? [anyState, ...machineState.children] : machineState.children,
    initial: machineState.initial,
    transitions: [...pairs.values()],
  };
}

/** Every state of the diagram, parents before their children. */
export function allStates(states: readonly DiagramState[]): DiagramState[] {
  return states.flatMap((state) => [state, ...allStates(state.children)]);
}
