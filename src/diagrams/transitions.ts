/**
 * Every transition of a machine, read from its definition: each event (with its guard) that
 * takes a state to another, or back to itself when it has no target. What the diagrams draw.
 */
import type { AnyStateMachine, AnyStateNode } from 'xstate';

export interface Transition {
  /** The source state's id (`session.created.syncing`). */
  source: string;
  /** The target state's id; the source itself for a transition without target. */
  target: string;
  /** The event, as a diagram shows it: `CONFIRM`, `createLine done`, `after SYNC_DELAY`. */
  event: string;
  /** The guard's name (and its static params), or undefined. */
  guard?: string;
}

/** An event as a diagram shows it. */
export function eventText(eventType: string): string {
  const after = /^xstate\.after\.([^.]+)\./.exec(eventType);
  if (after) return `after ${after[1]}`;
  const actor = /^xstate\.(done|error)\.actor\.(.+)$/.exec(eventType);
  // An invoke without an id gets a generated one (`0.session.confirming`): no name to show.
  if (actor) return /^\d+\./.test(actor[2] as string) ? `${actor[1]}` : `${actor[2]} ${actor[1]}`;
  const state = /^xstate\.done\.state\.(.+)$/.exec(eventType);
  if (state) return `${state[1]} done`;
  return eventType || 'always';
}

/** A guard as a diagram shows it: its name, with its static params (`apiSays acknowledged`). */
export function guardText(guard: unknown): string | undefined {
  if (!guard) return undefined;
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'object') {
    const { type, params } = guard as { type?: unknown; params?: unknown };
    if (typeof type !== 'string') return undefined;
    if (params && typeof params === 'object')
      return [type, ...Object.values(params).filter((v) => typeof v !== 'object')].join(' ');
    return type;
  }
  // An inline guard: `and`/`or`/`not` of named guards, or an anonymous function.
  const inner = (guard as { guards?: unknown[]; name?: string }).guards;
  if (Array.isArray(inner)) {
    // A nested `and`/`or` is bracketed, so that `a and (b or c)` does not read `a and b or c`.
    const parts = inner.map((part) => {
      const text = guardText(part) ?? 'condition';
      const nested = (part as { guards?: unknown; name?: string } | null)?.guards;
      return Array.isArray(nested) && (part as { name?: string }).name !== 'not'
        ? `(${text})`
        : text;
    });
    const name = (guard as { name?: string }).name;
    if (name === 'not') return `not ${parts[0]}`;
    return parts.join(name === 'or' ? ' or ' : ' and ');
  }
  return 'condition';
}

function nodesOf(node: AnyStateNode): AnyStateNode[] {
  return [node, ...Object.values(node.states).flatMap((child) => nodesOf(child))];
}

/** Every transition of `machine`, state by state, in definition order. */
export function transitionsOf(machine: AnyStateMachine): Transition[] {
  const out: Transition[] = [];
  for (const node of nodesOf(machine.root)) {
    const definitions = [...node.transitions.values()].flat().concat(node.always ?? []);
    for (const transition of definitions) {
      const targets = transition.target?.length ? transition.target : [node];
      const guard = guardText(transition.guard);
      for (const target of targets)
        out.push({
          source: node.id,
          target: target.id,
          event: eventText(transition.eventType),
          ...(guard ? { guard } : {}),
        });
    }
  }
  return out;
}

/** A transition as one line of an edge label: `CONFIRM [readyToConfirm]`. */
export function transitionText(transition: Pick<Transition, 'event' | 'guard'>): string {
  return transition.guard ? `${transition.event} [${transition.guard}]` : transition.event;
}
