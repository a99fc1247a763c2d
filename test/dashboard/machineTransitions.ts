/**
 * Every transition of a machine, read straight from its state nodes (not through
 * `toDirectedGraph`, which the dashboard uses), with the words its diagram label must show:
 * the event (`done`/`error` for an actor's answer, `after X` for a timer) and each guard's name.
 */
import type { AnyStateMachine, AnyStateNode } from 'xstate';

export interface MachineTransition {
  source: string;
  target: string;
  words: string[];
}

const idOf = (node: AnyStateNode) =>
  node.path.length > 0 ? node.path.join('__') : node.machine.id;

function guardNames(guard: unknown): string[] {
  if (!guard) return [];
  if (typeof guard === 'string') return [guard];
  const inner = (guard as { guards?: unknown[] }).guards;
  if (Array.isArray(inner)) return inner.flatMap(guardNames);
  if (typeof guard === 'function') return guard.name ? [guard.name] : [];
  const type = (guard as { type?: unknown }).type;
  return typeof type === 'string' ? [type] : [];
}

function eventWords(eventType: string): string[] {
  if (eventType === '') return [];
  if (eventType.startsWith('xstate.after.')) return ['after', eventType.split('.')[2] ?? ''];
  if (eventType.startsWith('xstate.done.')) return ['done'];
  if (eventType.startsWith('xstate.error.')) return ['error'];
  return [eventType];
}

export function machineTransitions(machine: AnyStateMachine): MachineTransition[] {
  const found: MachineTransition[] = [];
  const visit = (node: AnyStateNode) => {
    const definitions = [...[...node.transitions.values()].flat(), ...(node.always ?? [])];
    for (const transition of definitions)
      for (const target of transition.target ?? [node])
        found.push({
          source: idOf(node),
          target: idOf(target),
          words: [...eventWords(transition.eventType), ...guardNames(transition.guard)],
        });
    for (const child of Object.values(node.states ?? {})) visit(child as AnyStateNode);
  };
  visit(machine.root);
  return found;
}

/** The distinct ordered pairs (source, target) among the transitions. */
export function orderedPairs(transitions: readonly MachineTransition[]): Set<string> {
  return new Set(transitions.map(({ source, target }) => `${source} → ${target}`));
}
