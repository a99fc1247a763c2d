/**
 * The dashboard's state diagrams, built from the machines themselves (not from Mermaid text):
 * one transition per ordered pair of states, labelled with every event and guard that takes it,
 * laid out by ELK with no label over another label or a state, every state addressable by its
 * id; and where each API state sits on them. The drawing in a real browser is checked by
 * diagramsInChromium.test.ts.
 */
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { and, createMachine, fromPromise, not, or, setup } from 'xstate';
import { DIAGRAM_MACHINES } from '../../src/diagrams/catalog.js';
import { toMermaid } from '../../src/diagrams/toMermaid.js';
import { transitionsOf, transitionText } from '../../src/diagrams/transitions.js';
import { drawnDiagram } from '../../src/sandbox/dashboard/diagram/catalog.js';
import { elkGraph } from '../../src/sandbox/dashboard/diagram/elkGraph.js';
import { layoutGraph } from '../../src/sandbox/dashboard/diagram/elkLayout.js';
import { wrapLabel } from '../../src/sandbox/dashboard/diagram/labels.js';
import { allStates, machineDiagram } from '../../src/sandbox/dashboard/diagram/model.js';
import { diagramSvg } from '../../src/sandbox/dashboard/diagram/svg.js';
import {
  findState,
  lineDiagramState,
  sessionDiagramState,
} from '../../src/sandbox/dashboard/stateMap.js';
import { LINE_STATES, SESSION_STATES } from '../../src/schemas/states.js';
import { machineTransitions, orderedPairs } from './machineTransitions.js';

interface Box {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.width <= outer.x + outer.width &&
  inner.y + inner.height <= outer.y + outer.height;

/** The states' and the transition labels' boxes of a laid-out graph. */
function boxes(laidOut: ElkNode) {
  const nodes: (Box & { leaf: boolean; parent?: string })[] = [];
  const labels: Box[] = [];
  const walk = (node: ElkNode, parent?: string) => {
    for (const child of node.children ?? []) {
      const leaf = (child.children ?? []).length === 0;
      nodes.push({
        id: child.id,
        x: child.x ?? 0,
        y: child.y ?? 0,
        width: child.width ?? 0,
        height: child.height ?? 0,
        leaf,
        parent,
      });
      walk(child, child.id);
    }
    for (const edge of node.edges ?? [])
      for (const label of edge.labels ?? [])
        labels.push({
          id: edge.id,
          x: label.x ?? 0,
          y: label.y ?? 0,
          width: label.width ?? 0,
          height: label.height ?? 0,
        });
  };
  walk(laidOut);
  return { nodes, labels };
}

describe.each(Object.keys(DIAGRAM_MACHINES))('the %s diagram', (name) => {
  const machine = DIAGRAM_MACHINES[name]?.machine;
  if (!machine) throw new Error(name);
  const diagram = machineDiagram(machine);
  const expected = machineTransitions(machine);

  it('has one transition per ordered pair of states, labelled with every event and guard that takes it', () => {
    const drawn = diagram.transitions.map(({ source, target }) => `${source} → ${target}`);
    expect(new Set(drawn).size).toBe(drawn.length);
    expect(new Set(drawn)).toEqual(orderedPairs(expected));
    for (const transition of expected) {
      const pair = diagram.transitions.find(
        (item) => item.source === transition.source && item.target === transition.target,
      );
      const line = pair?.labels.find((label) =>
        transition.words.every((word) => label.includes(word)),
      );
      expect(
        line,
        `${transition.source} → ${transition.target}: ${transition.words}`,
      ).toBeDefined();
    }
  });

  it('draws every state once, addressable by its id', async () => {
    const svg = (await drawnDiagram(name))?.svg ?? '';
    expect(svg).toContain(`data-diagram="${name}"`);
    expect(svg).toContain('role="img"');
    for (const state of allStates(diagram.states)) {
      expect(svg.split(`id="${name}-state-${state.id}"`).length - 1, state.id).toBe(1);
      expect(svg).toContain(`data-state-id="${state.id}"`);
    }
    expect(svg.match(/<g class="transition" /g)?.length).toBe(diagram.transitions.length);
    expect(svg.match(/<g class="transition-label" /g)?.length).toBe(diagram.transitions.length);
  });

  it('is laid out with states apart, children inside their compound state, and no label over another label or a state', async () => {
    const drawing = await drawnDiagram(name);
    expect(drawing?.diagram).toEqual(diagram);
    const { nodes, labels } = boxes(drawing?.laidOut ?? { id: 'none' });
    expect(labels.length).toBe(diagram.transitions.length);
    // A node lies inside every compound state above it (a nested compound's initial marker too).
    const ancestorOf = (upper: (typeof nodes)[number], lower: (typeof nodes)[number]) => {
      for (let at = lower.parent; at; at = nodes.find((item) => item.id === at)?.parent)
        if (at === upper.id) return true;
      return false;
    };
    for (const a of nodes)
      for (const b of nodes) {
        if (a === b || a.id.startsWith(`${b.id}__`) || b.id.startsWith(`${a.id}__`)) continue;
        if (ancestorOf(a, b) || ancestorOf(b, a)) continue;
        expect(overlap(a, b), `${a.id} / ${b.id}`).toBe(false);
      }
    for (const node of nodes) {
      const parent = nodes.find((item) => item.id === node.parent);
      if (parent) expect(inside(node, parent), node.id).toBe(true);
    }
    for (const [i, a] of labels.entries()) {
      for (const b of labels.slice(i + 1)) expect(overlap(a, b), `${a.id} / ${b.id}`).toBe(false);
      for (const node of nodes.filter((item) => item.leaf))
        expect(overlap(a, node), `${a.id} / ${node.id}`).toBe(false);
    }
  });
});

describe('a machine as a diagram', () => {
  const check = fromPromise(async () => 'ok');
  const machine = setup({
    actors: { check },
    guards: { isBig: () => true, isRed: () => true, isOld: () => true },
    delays: { LATER: 1000 },
  }).createMachine({
    id: 'demo',
    initial: 'idle',
    on: { PING: {} },
    states: {
      idle: {
        on: {
          GO: [
            { target: 'busy', guard: and(['isBig', or(['isRed', not('isOld')])]) },
            { target: 'busy' },
          ],
          STAY: {},
        },
        after: { LATER: 'busy' },
      },
      busy: {
        invoke: { src: 'check', onDone: 'outcome', onError: 'idle' },
      },
      outcome: {
        initial: 'routing',
        states: {
          routing: { always: [{ target: 'completed', guard: 'isBig' }, { target: 'partial' }] },
          completed: { type: 'final' },
          partial: { type: 'final' },
        },
      },
    },
  });
  const diagram = machineDiagram(machine);
  const labelsOf = (source: string, target: string) =>
    diagram.transitions.find((item) => item.source === source && item.target === target)?.labels;

  it('names states by their path, nested ones included, and marks initial and final states', () => {
    expect(allStates(diagram.states).map((state) => state.id)).toEqual([
      'demo',
      'idle',
      'busy',
      'outcome',
      'outcome__routing',
      'outcome__completed',
      'outcome__partial',
    ]);
    expect(diagram.initial).toBe('idle');
    const outcome = diagram.states.find((state) => state.id === 'outcome');
    expect(outcome?.initial).toBe('outcome__routing');
    expect(outcome?.children.filter((state) => state.final).map((state) => state.name)).toEqual([
      'completed',
      'partial',
    ]);
  });

  it('merges the transitions between two states into one, listing each with its guards spelled out', () => {
    expect(labelsOf('idle', 'busy')).toEqual([
      'GO [isBig and (isRed or not isOld)]',
      'GO',
      'after LATER',
    ]);
    expect(labelsOf('idle', 'idle')).toEqual(['STAY']);
    expect(labelsOf('busy', 'outcome')).toEqual(['done']);
    expect(labelsOf('busy', 'idle')).toEqual(['error']);
    expect(labelsOf('outcome__routing', 'outcome__completed')).toEqual(['always [isBig]']);
    expect(labelsOf('outcome__routing', 'outcome__partial')).toEqual(['always']);
  });

  it('draws the machine\'s own transitions from an "any state" box', () => {
    const anyState = diagram.states[0];
    expect(anyState).toMatchObject({ id: 'demo', name: 'any state', machineWide: true });
    expect(labelsOf('demo', 'demo')).toEqual(['PING']);
  });

  it('finds an API state wherever the machine nests it', () => {
    expect(findState(machine, ['completed'])).toBe('outcome__completed');
    expect(findState(machine, ['outcome', 'partial'])).toBe('outcome__partial');
    expect(findState(machine, ['elsewhere', 'partial'])).toBe('outcome__partial');
    expect(findState(machine, ['busy'])).toBe('busy');
    expect(findState(machine, ['nowhere'])).toBeUndefined();
  });

  it('escapes names and labels in the SVG', async () => {
    const odd = createMachine({
      id: 'odd',
      initial: 'a<b>&c',
      states: { 'a<b>&c': { on: { 'GO<"x">': 'd' } }, d: {} },
    });
    const model = machineDiagram(odd);
    const svg = diagramSvg(model, await layoutGraph(elkGraph(model)), 'odd', 'An "odd" one');
    expect(svg).toContain('a&lt;b&gt;&amp;c');
    expect(svg).toContain('GO&lt;&quot;x&quot;&gt;');
    expect(svg).toContain('aria-label="An &quot;odd&quot; one"');
    expect(svg).not.toContain('<b>');
  });
});

describe('transition labels', () => {
  it.each(Object.entries(DIAGRAM_MACHINES))(
    '%s: the dashboard labels every transition as the published Mermaid does',
    (_name, { machine }) => {
      const published = transitionsOf(machine).map((transition) => transitionText(transition));
      const drawn = machineDiagram(machine).transitions.flatMap((pair) => pair.labels);
      expect(new Set(drawn)).toEqual(new Set(published));
      for (const label of drawn) expect(toMermaid(machine)).toContain(label);
    },
  );

  it('are cut into lines at spaces only, each word kept whole, every word kept', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[A-Za-z_.[\]]{1,40}$/), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 8, max: 40 }),
        (words, max) => {
          const lines = wrapLabel(words.join(' '), max);
          expect(lines.join(' ').split(' ').filter(Boolean)).toEqual(words);
          for (const line of lines) {
            const text = line.trim();
            // A line is over the width only when it is one word that is.
            if (line.length > max) expect(text.includes(' ')).toBe(false);
          }
        },
      ),
    );
  });
});

describe('where the API states sit in the diagrams', () => {
  const ids = (name: string) => {
    const machine = DIAGRAM_MACHINES[name]?.machine;
    return new Set(
      machine ? allStates(machineDiagram(machine).states).map((state) => state.id) : [],
    );
  };
  const sessionIds = ids('session');
  const lineIds = ids('line');
  const key = (id: string) => id.split('__').at(-1);

  it('a session state is the session machine state of the same name', () => {
    for (const state of SESSION_STATES) {
      expect(sessionIds.has(sessionDiagramState(state)), state).toBe(true);
      expect(key(sessionDiagramState(state))).toBe(state);
    }
  });

  it('every line state, in a session of any state, is a state of the line diagram', () => {
    for (const session of SESSION_STATES)
      for (const line of LINE_STATES)
        expect(lineIds.has(lineDiagramState(line, session)), `${line} in ${session}`).toBe(true);
  });

  it('a line of a session not yet confirmed is created; while the session is in_progress it awaits the outcome', () => {
    expect(key(lineDiagramState('created', 'created'))).toBe('created');
    expect(key(lineDiagramState('in_progress', 'in_progress'))).toBe('awaiting_outcome');
  });

  it('a line in_progress once the session is final is an order in progress', () => {
    for (const session of ['completed', 'partial'] as const)
      expect(lineDiagramState('in_progress', session).split('__').slice(-2)).toEqual([
        'order_created',
        'in_progress',
      ]);
  });

  it('acknowledged and held_adv_validation are orders; rejected_creation and technical_error are not', () => {
    const path = (line: (typeof LINE_STATES)[number]) =>
      lineDiagramState(line, 'partial').split('__').slice(-2);
    expect(path('acknowledged')).toEqual(['order_created', 'acknowledged']);
    expect(path('held_adv_validation')).toEqual(['order_created', 'held_adv_validation']);
    expect(path('rejected_creation')).toEqual(['no_order', 'rejected_creation']);
    expect(path('technical_error')).toEqual(['no_order', 'technical_error']);
  });
});
