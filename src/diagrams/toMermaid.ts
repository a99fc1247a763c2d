/**
 * Mermaid `stateDiagram-v2` text generated from a machine definition, so the diagrams in docs/
 * can never drift from the code. It loses nothing: one edge per ordered pair of states, its
 * label listing every event (and guard) that takes one to the other, one per line. (Mermaid draws
 * one edge of each pair only: a second edge or self-loop between the same states is dropped.)
 * Transitions of the machine itself (its root: taken in any state) start from a box named
 * `(any state)`, whose id is the machine's.
 */
import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { type Transition, transitionsOf, transitionText } from './transitions.js';

/** A state's id in the Mermaid text: its path joined by `__` (`created__syncing`). */
export function mermaidId(node: Pick<AnyStateNode, 'path' | 'id'>): string {
  return node.path.join('__') || node.id;
}

function quoted(text: string): string {
  return text.replace(/"/g, "'");
}

/** One edge per ordered pair of states, each with the lines of its label, in definition order. */
export function edgesOf(
  machine: AnyStateMachine,
): { source: string; target: string; lines: string[] }[] {
  const edges = new Map<string, { source: string; target: string; lines: string[] }>();
  const byId = new Map<string, AnyStateNode>();
  const collect = (node: AnyStateNode) => {
    byId.set(node.id, node);
    for (const child of Object.values(node.states)) collect(child);
  };
  collect(machine.root);
  const idOf = (stateId: string) => mermaidId(byId.get(stateId) as AnyStateNode);
  for (const transition of transitionsOf(machine) as Transition[]) {
    const source = idOf(transition.source);
    const target = idOf(transition.target);
    const key = `${source}\u0000${target}`;
    let edge = edges.get(key);
    if (!edge) {
      edge = { source, target, lines: [] };
      edges.set(key, edge);
    }
    const line = transitionText(transition);
    if (!edge.lines.includes(line)) edge.lines.push(line);
  }
  return [...edges.values()];
}

export function toMermaid(machine: AnyStateMachine): string {
  const lines: string[] = ['stateDiagram-v2'];
  const edges = edgesOf(machine);
  const rootId = mermaidId(machine.root);
  const rootHasEdges = edges.some((edge) => edge.source === rootId || edge.target === rootId);

  const render = (node: AnyStateNode, indent: string) => {
    const initial = node.initial?.target?.[0];
    if (initial) lines.push(`${indent}[*] --> ${mermaidId(initial)}`);
    for (const child of Object.values(node.states)) {
      const id = mermaidId(child);
      if (Object.keys(child.states).length > 0) {
        lines.push(`${indent}state "${quoted(child.key)}" as ${id} {`);
        render(child, `${indent}  `);
        lines.push(`${indent}}`);
      } else {
        lines.push(`${indent}state "${quoted(child.key)}" as ${id}`);
      }
      if (child.type === 'final') lines.push(`${indent}${id} --> [*]`);
    }
  };

  render(machine.root, '  ');
  if (rootHasEdges) lines.push(`  state "(any state)" as ${rootId}`);
  for (const edge of edges) {
    const label = edge.lines.map(quoted).join('<br/>');
    lines.push(`  ${edge.source} --> ${edge.target}: ${label}`);
  }
  return `${lines.join('\n')}\n`;
}
