/**
 * The state diagrams as Chromium draws them, served by a real sandbox: every transition of the
 * machine has its label drawn, and no text is clipped or overlapped, measured on the rendered
 * text (with every state's current-state marker shown and its name in bold, the widest a name
 * is ever drawn).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIAGRAM_MACHINES } from '../../src/diagrams/catalog.js';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { machineTransitions, orderedPairs } from './machineTransitions.js';
import { browserTestsRun, launchChromium, openPage } from './support.js';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Drawing {
  viewBox: Box;
  labels: { source: string; target: string; text: string; box: Box; textBox: Box }[];
  states: { id: string; compound: boolean; box: Box; textBox: Box }[];
}

/** Measures the SVG document open in `page` (user units, as getBBox gives them). */
function measure(page: Page): Promise<Drawing> {
  return page.evaluate(() => {
    const svg = document.documentElement as unknown as SVGSVGElement;
    for (const marker of svg.querySelectorAll('.current-marker'))
      marker.setAttribute('display', 'inline');
    for (const label of svg.querySelectorAll('.state-label'))
      label.setAttribute('font-weight', 'bold');
    const box = (element: Element | null) => {
      const { x, y, width, height } = (element as SVGGraphicsElement).getBBox();
      return { x, y, width, height };
    };
    const { x, y, width, height } = svg.viewBox.baseVal;
    return {
      viewBox: { x, y, width, height },
      labels: [...svg.querySelectorAll<SVGGElement>('.transition-label')].map((group) => ({
        source: group.dataset.source ?? '',
        target: group.dataset.target ?? '',
        text: [...group.querySelectorAll('tspan')].map((line) => line.textContent).join(' '),
        box: box(group.querySelector('.label-box')),
        textBox: box(group.querySelector('text')),
      })),
      states: [...svg.querySelectorAll<SVGGElement>('.state')].map((state) => ({
        id: state.dataset.stateId ?? '',
        compound: state.classList.contains('compound'),
        box: box(state.querySelector('.box')),
        textBox: box(state.querySelector('.state-label')),
      })),
    };
  });
}

const EPSILON = 0.5;
const overlap = (a: Box, b: Box) =>
  a.x + EPSILON < b.x + b.width &&
  b.x + EPSILON < a.x + a.width &&
  a.y + EPSILON < b.y + b.height &&
  b.y + EPSILON < a.y + a.height;
const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x - EPSILON &&
  inner.y >= outer.y - EPSILON &&
  inner.x + inner.width <= outer.x + outer.width + EPSILON &&
  inner.y + inner.height <= outer.y + outer.height + EPSILON;
const words = (text: string) => text.replace(/\s+/g, ' ').trim();

describe.skipIf(!browserTestsRun('diagramsInChromium.test.ts'))(
  'the state diagrams, as Chromium draws them',
  () => {
    let browser: Browser;
    let sandbox: SandboxHandle;

    beforeAll(async () => {
      [browser, sandbox] = await Promise.all([launchChromium(), startSandbox()]);
    });
    afterAll(async () => {
      await browser?.close();
      await sandbox?.close();
    });

    describe.each(Object.keys(DIAGRAM_MACHINES))('the %s diagram', (name) => {
      let drawing: Drawing;

      beforeAll(async () => {
        const page = await openPage(
          browser,
          `${sandbox.url}/__sandbox/dashboard/diagrams/${name}.svg`,
        );
        drawing = await measure(page);
        await page.context().close();
      });

      it('draws the label of every transition of the machine, one per ordered pair of states', () => {
        const machine = DIAGRAM_MACHINES[name]?.machine;
        if (!machine) throw new Error(name);
        const transitions = machineTransitions(machine);
        const drawnPairs = drawing.labels.map(({ source, target }) => `${source} → ${target}`);
        expect(drawnPairs.length).toBe(new Set(drawnPairs).size);
        expect(new Set(drawnPairs)).toEqual(orderedPairs(transitions));
        for (const transition of transitions) {
          const label = drawing.labels.find(
            (item) => item.source === transition.source && item.target === transition.target,
          );
          const text = words(label?.text ?? '');
          for (const word of transition.words)
            expect(text, `${transition.source} → ${transition.target}`).toContain(word);
        }
      });

      it('keeps every label clear of the other labels and of every state', () => {
        const leaves = drawing.states.filter((state) => !state.compound);
        for (const [i, a] of drawing.labels.entries()) {
          const name = `${a.source} → ${a.target}`;
          for (const b of drawing.labels.slice(i + 1))
            expect(overlap(a.box, b.box), `${name} / ${b.source} → ${b.target}`).toBe(false);
          for (const state of leaves)
            expect(overlap(a.box, state.box), `${name} / ${state.id}`).toBe(false);
          for (const state of drawing.states)
            expect(overlap(a.box, state.textBox), `${name} / name of ${state.id}`).toBe(false);
        }
      });

      it('clips no text: each label inside its box, each name inside its state, all inside the drawing', () => {
        for (const label of drawing.labels) {
          expect(inside(label.textBox, label.box), label.text).toBe(true);
          expect(inside(label.box, drawing.viewBox), label.text).toBe(true);
        }
        for (const state of drawing.states) {
          expect(inside(state.textBox, state.box), state.id).toBe(true);
          expect(inside(state.box, drawing.viewBox), state.id).toBe(true);
        }
        // The names of a compound state's children stay clear of its own name.
        for (const state of drawing.states.filter((item) => item.compound))
          for (const other of drawing.states)
            if (other.id.startsWith(`${state.id}__`))
              expect(overlap(state.textBox, other.box), `${state.id} / ${other.id}`).toBe(false);
      });
    });
  },
);
