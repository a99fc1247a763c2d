/**
 * The machines as Stately's tools read them: `machine.toJSON()`. Every guard is named there (an
 * inline `and()` would be `null`), and every transition is there (toJSON has no eventless
 * transitions, so the machines have none: each decision is a guarded event).
 */

import { describe, expect, it } from 'vitest';
import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { DIAGRAM_MACHINES } from '../../src/diagrams/catalog.js';

interface JsonTransition {
  eventType: string;
  guard?: unknown;
  target?: string[];
}
interface JsonState {
  id: string;
  transitions: JsonTransition[];
  states: Record<string, JsonState>;
}

function jsonTransitions(state: JsonState): JsonTransition[] {
  return [...state.transitions, ...Object.values(state.states).flatMap(jsonTransitions)];
}

function nodes(node: AnyStateNode): AnyStateNode[] {
  return [node, ...Object.values(node.states).flatMap((child) => nodes(child))];
}

const guardName = (guard: unknown) =>
  typeof guard === 'string' ? guard : (guard as { type?: unknown } | null)?.type;

describe.each(Object.entries(DIAGRAM_MACHINES))(
  'the %s machine, as toJSON() gives it',
  (_, entry) => {
    const machine: AnyStateMachine = entry.machine;
    const json = JSON.parse(JSON.stringify(machine.toJSON())) as JsonState;
    const transitions = jsonTransitions(json);

    it('keeps every transition: the machine has no eventless one', () => {
      for (const node of nodes(machine.root)) expect(node.always ?? [], node.id).toEqual([]);
      const defined = nodes(machine.root).flatMap((node) => [...node.transitions.values()].flat());
      expect(transitions).toHaveLength(defined.length);
      expect(transitions.length).toBeGreaterThan(0);
    });

    it('names every guard, each one implemented', () => {
      const guarded = nodes(machine.root)
        .flatMap((node) => [...node.transitions.values()].flat())
        .filter((transition) => transition.guard !== undefined);
      const named = transitions.filter((transition) => 'guard' in transition);
      expect(named).toHaveLength(guarded.length);
      for (const transition of named) {
        const name = guardName(transition.guard);
        expect(typeof name, `${transition.eventType}: ${JSON.stringify(transition.guard)}`).toBe(
          'string',
        );
        expect(machine.implementations.guards).toHaveProperty(name as string);
      }
    });
  },
);

describe('the session machine', () => {
  const session = DIAGRAM_MACHINES.session?.machine as AnyStateMachine;

  it('confirms through one named guard, readyToConfirm, made of the doc rules', () => {
    const json = JSON.stringify(session.toJSON());
    expect(json).toContain('"guard":"readyToConfirm"');
    const ready = session.implementations.guards.readyToConfirm as unknown as { guards: string[] };
    expect(ready.guards).toEqual([
      'sessionHasLines',
      'requiredAtConfirmationFilled',
      'cpeFieldsGivenWithOption7021',
      'cpeFieldsEmptyWithoutOption7021',
      'siretGivenAndValidWhenKnown',
      'noOtherBlockingIssue',
    ]);
  });

  it('tags its states rather than listing them: editable, failed', () => {
    const tagged = (tag: string) =>
      nodes(session.root)
        .filter((node) => node.tags.includes(tag))
        .map((node) => node.path.join('.'));
    expect(tagged('editable')).toEqual(['draft', 'creating', 'created']);
    expect(tagged('failed')).toEqual([
      'creating.failed',
      'created.failed',
      'confirming.failed',
      'in_progress.failed',
      'in_progress.following.failed',
    ]);
  });
});
