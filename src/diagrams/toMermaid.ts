/**
 * Mermaid `stateDiagram-v2` text generated from a machine definition (via `toDirectedGraph`
 * from `xstate/graph`), so the diagrams in docs/ can never drift from the code.
 */
import type { AnyStateMachine } from 'xstate';
import { type DirectedGraphNode, toDirectedGraph } from 'xstate/graph';

interface GuardLike {
  type?: unknown;
  params?: unknown;
}

/** A guard's readable name: named guards by name, `and`/`or`/`not` spelled out. */
function guardText(guard: unknown): string | undefined {
  if (!guard) return undefined;
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'function') {
    const fn = guard as { check?: unknown; guards?: unknown[]; name?: string };
    const guards = (fn as { guards?: unknown[] }).guards;
    if (Array.isArray(guards)) {
      const parts = guards.map((inner) => guardText(inner) ?? 'condition');
      const name = fn.name;
      if (name === 'not') return `not ${parts[0]}`;
      return parts.join(name === 'or' ? ' or ' : ' and ');
    }
    return undefined;
  }
  const object = guard as GuardLike;
  if (typeof object.type === 'string') return object.type;
  return undefined;
}

/** The event part of an edge label. */
function eventText(eventType: string): string {
  if (eventType === '') return '';
  const after = /^xstate\.after\.([^.]+)\./.exec(eventType);
  if (after) return `after ${after[1]}`;
  if (eventType.startsWith('xstate.done.actor')) return 'done';
  if (eventType.startsWith('xstate.error.actor')) return 'error';
  if (eventType.startsWith('xstate.done.state')) return 'done';
  return eventType;
}

function stateId(node: DirectedGraphNode): string {
  return node.stateNode.path.join('__') || node.stateNode.id;
}

function quoted(text: string): string {
  return text.replace(/"/g, "'");
}

export function toMermaid(machine: AnyStateMachine): string {
  const root = toDirectedGraph(machine);
  const lines: string[] = ['stateDiagram-v2'];
  const edges: string[] = [];
  const ids = new Map<string, string>();

  const collectIds = (node: DirectedGraphNode) => {
    ids.set(node.stateNode.id, stateId(node));
    for (const child of node.children) collectIds(child);
  };
  collectIds(root);

  const render = (node: DirectedGraphNode, indent: string) => {
    const initial = node.stateNode.initial?.target?.[0];
    if (initial) lines.push(`${indent}[*] --> ${ids.get(initial.id)}`);
    for (const child of node.children) {
      const id = stateId(child);
      const name = child.stateNode.key;
      if (child.children.length > 0) {
        lines.push(`${indent}state "${quoted(name)}" as ${id} {`);
        render(child, `${indent}  `);
        lines.push(`${indent}}`);
      } else {
        lines.push(`${indent}state "${quoted(name)}" as ${id}`);
      }
      if (child.stateNode.type === 'final') lines.push(`${indent}${id} --> [*]`);
    }
    for (const child of node.children) collectEdges(child);
  };

  const edge = (sourceId: string, targetId: string, eventType: string, guard: unknown) => {
    const source = ids.get(sourceId);
    const target = ids.get(targetId);
    if (!source || !target) return;
    const guardLabel = guardText(guard);
    const label = [eventText(eventType), guardLabel ? `[${guardLabel}]` : '']
      .filter(Boolean)
      .join(' ');
    edges.push(`  ${source} --> ${target}${label ? `: ${quoted(label)}` : ''}`);
  };

  const collectEdges = (node: DirectedGraphNode) => {
    for (const item of node.edges) {
      edge(item.source.id, item.target.id, item.transition.eventType, item.transition.guard);
    }
    // Eventless ("always") transitions are not among the graph's edges: add them.
    for (const transition of node.stateNode.always ?? []) {
      for (const target of transition.target ?? []) {
        edge(node.stateNode.id, target.id, '', transition.guard);
      }
    }
  };

  render(root, '  ');
  return `${[...lines, ...edges].join('\n')}\n`;
}
