/**
 * The dashboard's state diagrams: drawn from the generated Mermaid (docs/diagrams/*.mmd), every
 * state addressable by its Mermaid id, and every API state placed on a state of the diagram.
 */
import { describe, expect, it } from 'vitest';
import { generateDiagramFiles } from '../../src/diagrams/catalog.js';
import { diagramSvg } from '../../src/sandbox/dashboard/diagram/catalog.js';
import type { Box } from '../../src/sandbox/dashboard/diagram/layout.js';
import { layoutDiagram } from '../../src/sandbox/dashboard/diagram/layout.js';
import {
  MermaidSyntaxError,
  parseStateDiagram,
} from '../../src/sandbox/dashboard/diagram/parseMermaid.js';
import { renderStateDiagramSvg } from '../../src/sandbox/dashboard/diagram/svg.js';
import { lineDiagramState, sessionDiagramState } from '../../src/sandbox/dashboard/stateMap.js';
import { LINE_STATES, SESSION_STATES } from '../../src/schemas/states.js';

const files = generateDiagramFiles();
const names = ['session', 'line', 'export'];
const mermaid = (name: string) => files[`${name}.mmd`] ?? '';
const declaredIds = (text: string) =>
  [...text.matchAll(/^\s*state "[^"]*" as (\S+)/gm)].map((m) => m[1]);

const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.width <= outer.x + outer.width &&
  inner.y + inner.height <= outer.y + outer.height;

describe.each(names)('the %s diagram', (name) => {
  const text = mermaid(name);
  const diagram = parseStateDiagram(text);
  const layout = layoutDiagram(diagram);
  const svg = diagramSvg(name) ?? '';

  it('reads every state and transition of the generated Mermaid', () => {
    expect([...diagram.states.keys()]).toEqual(declaredIds(text));
    expect(diagram.transitions.length).toBe(text.match(/^\s*\w+ --> \w+/gm)?.length);
    expect(diagram.initial.get('')).toBeDefined();
  });

  it('draws each state once, addressable by its Mermaid id', () => {
    for (const id of diagram.states.keys()) {
      expect(svg).toContain(`data-state-id="${id}"`);
      expect(svg.split(`id="${name}-state-${id}"`).length - 1).toBe(1);
    }
    expect(svg).toContain('role="img"');
  });

  it('keeps the boxes of one level apart, and children inside their compound state', () => {
    for (const a of layout.states)
      for (const b of layout.states) {
        if (a === b) continue;
        const related = a.id.startsWith(`${b.id}__`) || b.id.startsWith(`${a.id}__`);
        if (!related) expect(overlap(a, b), `${a.id} / ${b.id}`).toBe(false);
      }
    for (const state of layout.states) {
      const parent = diagram.states.get(state.id)?.parent;
      if (parent) expect(inside(state, layout.byId.get(parent) as Box), state.id).toBe(true);
    }
  });
});

describe('where the API states sit in the diagrams', () => {
  const sessionIds = new Set(parseStateDiagram(mermaid('session')).states.keys());
  const lineIds = new Set(parseStateDiagram(mermaid('line')).states.keys());

  it('a session state is the session machine state of the same name', () => {
    for (const state of SESSION_STATES) {
      expect(sessionDiagramState(state)).toBe(state);
      expect(sessionIds.has(sessionDiagramState(state))).toBe(true);
    }
  });

  it('every line state, in a session of any state, is a state of the line diagram', () => {
    for (const session of SESSION_STATES)
      for (const line of LINE_STATES)
        expect(lineIds.has(lineDiagramState(line, session)), `${line} in ${session}`).toBe(true);
  });

  it('a line of a session not yet confirmed is created', () => {
    expect(lineDiagramState('created', 'created')).toBe('created');
  });

  it('a line in_progress while its session is in_progress awaits the outcome', () => {
    expect(lineDiagramState('in_progress', 'in_progress')).toBe('awaiting_outcome');
  });

  it('a line in_progress once the session is final is an order in progress', () => {
    expect(lineDiagramState('in_progress', 'completed')).toBe('order_created__in_progress');
    expect(lineDiagramState('in_progress', 'partial')).toBe('order_created__in_progress');
  });

  it('acknowledged and held_adv_validation are orders; rejected_creation and technical_error are not', () => {
    expect(lineDiagramState('acknowledged', 'completed')).toBe('order_created__acknowledged');
    expect(lineDiagramState('held_adv_validation', 'partial')).toBe(
      'order_created__held_adv_validation',
    );
    expect(lineDiagramState('rejected_creation', 'rejected')).toBe('no_order__rejected_creation');
    expect(lineDiagramState('technical_error', 'partial')).toBe('no_order__technical_error');
  });
});

describe('the Mermaid reader', () => {
  it('refuses what the generator never writes, naming the line', () => {
    expect(() => parseStateDiagram('graph TD\n  a --> b\n')).toThrow(MermaidSyntaxError);
    expect(() => parseStateDiagram('stateDiagram-v2\n  state "a" as a\n  a -> b\n')).toThrow(
      /line 3/,
    );
    expect(() => parseStateDiagram('stateDiagram-v2\n  state "a" as a {\n')).toThrow(
      /never closed/,
    );
    expect(() => parseStateDiagram('stateDiagram-v2\n  state "a" as a\n  a --> b\n')).toThrow(
      /unknown state b/,
    );
  });

  it('escapes labels in the SVG', () => {
    const svg = renderStateDiagramSvg(
      'stateDiagram-v2\n  [*] --> a\n  state "a<b>&c" as a\n  state "d" as d\n  a --> d: GO [x<y]\n',
      'test',
      'A "test"',
    );
    expect(svg).toContain('a&lt;b&gt;&amp;c');
    expect(svg).toContain('GO [x&lt;y]');
    expect(svg).toContain('aria-label="A &quot;test&quot;"');
    expect(svg).not.toContain('<b>');
  });
});
