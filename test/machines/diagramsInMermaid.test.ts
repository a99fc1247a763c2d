/**
 * The published diagrams (docs/diagrams/*.mmd), drawn by the real Mermaid 11 (its browser bundle
 * from npm, with its ELK layout, as the diagrams ask) in Debian's Chromium: every transition of
 * each machine is on a drawn edge label, and no two label boxes overlap.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { DIAGRAM_MACHINES, generateDiagramFiles } from '../../src/diagrams/catalog.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const ORIGIN = 'http://diagrams.test';
const PAGE = `<!doctype html><meta charset="utf-8"><div id="out"></div>
<script type="module">
import mermaid from '/node_modules/mermaid/dist/mermaid.esm.min.mjs';
import elk from '/node_modules/@mermaid-js/layout-elk/dist/mermaid-layout-elk.esm.min.mjs';
mermaid.registerLayoutLoaders(elk);
mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
window.mermaid = mermaid;
</script>`;

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  if (process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing: CI must install it`);
  console.warn(
    `Mermaid rendering tests SKIPPED: ${CHROMIUM} is missing (apt-get install -y chromium; CI installs it)`,
  );
}

interface DrawnLabel {
  id: string;
  lines: string[];
  box: { x: number; y: number; width: number; height: number };
}

/**
 * Each transition's label line, read from the machine's state nodes (not from the renderer): one
 * per transition, a line repeated between the same two states counted once (it is one edge).
 */
function expectedLines(machine: AnyStateMachine): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const visit = (node: AnyStateNode) => {
    for (const transition of [...node.transitions.values()].flat()) {
      const guard = transition.guard as string | { type: string; params?: object } | undefined;
      const guardText =
        typeof guard === 'string'
          ? guard
          : guard
            ? [guard.type, ...Object.values(guard.params ?? {})].join(' ')
            : undefined;
      const event = transition.eventType
        .replace(/^xstate\.after\.([^.]+)\..*$/, 'after $1')
        .replace(/^xstate\.(done|error)\.actor\.(.+)$/, '$2 $1');
      const line = guardText ? `${event} [${guardText}]` : event;
      for (const target of transition.target ?? [node]) {
        const key = `${node.id} ${target.id} ${line}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(line);
      }
    }
    for (const child of Object.values(node.states)) visit(child);
  };
  visit(machine.root);
  return out;
}

const overlap = (a: DrawnLabel['box'], b: DrawnLabel['box']) =>
  a.x < b.x + b.width - 0.5 &&
  b.x < a.x + a.width - 0.5 &&
  a.y < b.y + b.height - 0.5 &&
  b.y < a.y + a.height - 0.5;

describe.skipIf(!hasChromium)('the diagrams, drawn by Mermaid 11 in Chromium', () => {
  let browser: Browser;
  let page: Page;
  const files = generateDiagramFiles();

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1600, height: 1200 } });
    await page.route(`${ORIGIN}/**`, (route) => {
      const path = new URL(route.request().url()).pathname;
      if (path === '/') return route.fulfill({ contentType: 'text/html', body: PAGE });
      if (!path.startsWith('/node_modules/')) return route.fulfill({ status: 404 });
      return route.fulfill({ path: join(process.cwd(), path), contentType: 'text/javascript' });
    });
    await page.goto(`${ORIGIN}/`);
    await page.waitForFunction(() => 'mermaid' in window);
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function draw(text: string): Promise<DrawnLabel[]> {
    return page.evaluate(async (source) => {
      const { mermaid } = window as unknown as {
        mermaid: { render(id: string, text: string): Promise<{ svg: string }> };
      };
      const { svg } = await mermaid.render(`diagram${Date.now()}`, source);
      const out = document.getElementById('out') as HTMLElement;
      out.innerHTML = svg;
      const decode = (html: string) => {
        const element = document.createElement('textarea');
        element.innerHTML = html.replace(/<[^>]+>/g, '');
        return element.value.trim();
      };
      return [...out.querySelectorAll('g.edgeLabel > g.label')]
        .map((label) => {
          const rect = label.getBoundingClientRect();
          const html = label.querySelector('p')?.innerHTML ?? '';
          return {
            id: label.getAttribute('data-id') ?? '',
            lines: html
              .split(/<br\s*\/?>/i)
              .map(decode)
              .filter(Boolean),
            box: { x: rect.x, y: rect.y, width: rect.width, height: rect.height },
          };
        })
        .filter((label) => label.lines.length > 0);
    }, text);
  }

  it.each(Object.keys(DIAGRAM_MACHINES))(
    'the %s diagram draws every transition on an edge label, no two labels overlapping',
    async (name) => {
      const machine = (DIAGRAM_MACHINES[name] as { machine: AnyStateMachine }).machine;
      const labels = await draw(files[`${name}.mmd`] ?? '');
      const drawn = labels.flatMap((label) => label.lines);
      const missing: string[] = [];
      for (const line of expectedLines(machine)) {
        const at = drawn.indexOf(line);
        if (at >= 0) drawn.splice(at, 1);
        else missing.push(line);
      }
      expect(missing, 'transitions on no drawn label').toEqual([]);
      expect(drawn, 'drawn lines that are no transition').toEqual([]);
      for (const [i, a] of labels.entries())
        for (const b of labels.slice(i + 1))
          expect(overlap(a.box, b.box), `${a.lines.join('/')} overlaps ${b.lines.join('/')}`).toBe(
            false,
          );
    },
  );
});
