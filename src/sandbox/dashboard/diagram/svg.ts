/**
 * Draws a laid-out diagram as SVG text. Every state is a `<g class="state">` carrying
 * `data-state-id` (its path joined with `__`) so a page marks the current one with a CSS class;
 * every transition (one per ordered pair of states) is a `<g class="transition">` and its label
 * a `<g class="transition-label">`, both carrying `data-source` and `data-target`. The drawing
 * has presentation attributes of its own, which a page's CSS overrides.
 */
import type { ElkExtendedEdge, ElkNode, ElkPoint } from 'elkjs/lib/elk-api.js';
import { escapeMarkup } from '../escape.js';
import { initialNodeId, transitionEdgeId } from './elkGraph.js';
import { METRICS, textWidth } from './metrics.js';
import { allStates, type DiagramState, type MachineDiagram } from './model.js';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const n = (value: number) => String(Math.round(value * 10) / 10);
const attr = (value: string) => escapeMarkup(value);

/** The element id of a state's group: `<diagram>-state-<state id>`. */
export function stateElementId(diagram: string, stateId: string): string {
  return `${diagram}-state-${stateId}`;
}

function boxesOf(node: ElkNode, into = new Map<string, Box>()): Map<string, Box> {
  for (const child of node.children ?? []) {
    into.set(child.id, {
      x: child.x ?? 0,
      y: child.y ?? 0,
      width: child.width ?? 0,
      height: child.height ?? 0,
    });
    boxesOf(child, into);
  }
  return into;
}

function edgesOf(node: ElkNode, into = new Map<string, ElkExtendedEdge>()) {
  for (const edge of node.edges ?? []) into.set(edge.id, edge);
  for (const child of node.children ?? []) edgesOf(child, into);
  return into;
}

/** An orthogonal route with its corners rounded. */
function routePath(edge: ElkExtendedEdge): string {
  return (edge.sections ?? [])
    .map((section) => {
      const points = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint];
      const parts = [`M${n(points[0]?.x ?? 0)},${n(points[0]?.y ?? 0)}`];
      for (let i = 1; i < points.length - 1; i++) {
        const [a, b, c] = [points[i - 1], points[i], points[i + 1]] as [
          ElkPoint,
          ElkPoint,
          ElkPoint,
        ];
        const r = Math.min(
          6,
          Math.hypot(b.x - a.x, b.y - a.y) / 2,
          Math.hypot(c.x - b.x, c.y - b.y) / 2,
        );
        const toward = (from: ElkPoint, to: ElkPoint) => {
          const length = Math.hypot(to.x - from.x, to.y - from.y) || 1;
          return {
            x: from.x + ((to.x - from.x) * r) / length,
            y: from.y + ((to.y - from.y) * r) / length,
          };
        };
        const before = toward(b, a);
        const after = toward(b, c);
        parts.push(
          `L${n(before.x)},${n(before.y)}`,
          `Q${n(b.x)},${n(b.y)} ${n(after.x)},${n(after.y)}`,
        );
      }
      const last = points.at(-1) ?? { x: 0, y: 0 };
      parts.push(`L${n(last.x)},${n(last.y)}`);
      return parts.join(' ');
    })
    .join(' ');
}

/** The state's name, preceded by a marker shown only on the current state (not colour alone). */
function stateLabel(name: string, x: number, y: number, anchor: 'start' | 'middle'): string {
  return (
    `<text class="state-label" x="${n(x)}" y="${n(y)}" text-anchor="${anchor}" font-size="${METRICS.stateFont}">` +
    `<tspan class="current-marker" display="none">▶ </tspan>${escapeMarkup(name)}</text>`
  );
}

function drawState(diagram: string, state: DiagramState, box: Box): string {
  const classes = ['state'];
  if (state.children.length > 0) classes.push('compound');
  if (state.parallel) classes.push('parallel');
  if (state.final) classes.push('final');
  if (state.machineWide) classes.push('machine-wide');
  const open = `<g class="${classes.join(' ')}" id="${attr(stateElementId(diagram, state.id))}" data-state-id="${attr(state.id)}">`;
  const rect = (inset: number, className: string, radius: number, fill: string) =>
    `<rect class="${className}" x="${n(box.x + inset)}" y="${n(box.y + inset)}" width="${n(box.width - 2 * inset)}" height="${n(box.height - 2 * inset)}" rx="${radius}" fill="${fill}" stroke="#5b6275"/>`;
  if (state.children.length > 0)
    return `${open}${rect(0, 'box', 10, '#f4f6fa')}${stateLabel(state.name, box.x + 10, box.y + 20, 'start')}</g>`;
  const ring = state.final ? rect(3, 'final-ring', 6, 'none') : '';
  if (state.machineWide)
    return `${open}${rect(0, 'box', 8, '#ffffff').replace('/>', ' stroke-dasharray="5 3"/>')}${stateLabel(state.name, box.x + box.width / 2, box.y + box.height / 2 + METRICS.stateFont * 0.35, 'middle')}</g>`;
  const baseline = box.y + box.height / 2 + METRICS.stateFont * 0.35;
  return `${open}${rect(0, 'box', 8, '#ffffff')}${ring}${stateLabel(state.name, box.x + box.width / 2, baseline, 'middle')}</g>`;
}

function drawLabel(
  source: string,
  target: string,
  edge: ElkExtendedEdge,
): { svg: string; box?: Box } {
  const label = edge.labels?.[0];
  if (!label?.text) return { svg: '' };
  const box = {
    x: label.x ?? 0,
    y: label.y ?? 0,
    width: label.width ?? 0,
    height: label.height ?? 0,
  };
  const indentWidth = textWidth(2, METRICS.labelFont);
  const lines = label.text.split('\n').map((line, index) => {
    const indented = line.startsWith('  ');
    const x = box.x + METRICS.labelPadding + (indented ? indentWidth : 0);
    const y = box.y + METRICS.labelPadding + index * METRICS.labelLine + METRICS.labelFont * 0.95;
    return `<tspan x="${n(x)}" y="${n(y)}">${escapeMarkup(line.trimStart())}</tspan>`;
  });
  return {
    box,
    svg:
      `<g class="transition-label" data-source="${attr(source)}" data-target="${attr(target)}">` +
      `<rect class="label-box" x="${n(box.x)}" y="${n(box.y)}" width="${n(box.width)}" height="${n(box.height)}" rx="3" fill="#ffffff" stroke="#d5d9e3"/>` +
      `<text font-size="${METRICS.labelFont}" fill="#2f3546">${lines.join('')}</text></g>`,
  };
}

/**
 * The SVG of one laid-out diagram. `name` prefixes the element ids (several diagrams may share
 * a page); `title` names it for screen readers until a page names the current state.
 */
export function diagramSvg(
  diagram: MachineDiagram,
  laidOut: ElkNode,
  name: string,
  title: string,
): string {
  const boxes = boxesOf(laidOut);
  const edges = edgesOf(laidOut);
  const all: Box[] = [...boxes.values()];
  const box = (id: string): Box => boxes.get(id) ?? { x: 0, y: 0, width: 0, height: 0 };
  const states = allStates(diagram.states).map((state) => drawState(name, state, box(state.id)));

  const initials: string[] = [];
  for (const parent of [
    '',
    ...allStates(diagram.states)
      .filter((s) => s.initial)
      .map((s) => s.id),
  ]) {
    const dot = boxes.get(initialNodeId(parent));
    const edge = edges.get(`initial-edge:${parent}`);
    if (!dot || !edge) continue;
    initials.push(
      `<circle class="initial" cx="${n(dot.x + dot.width / 2)}" cy="${n(dot.y + dot.height / 2)}" r="${n(dot.width / 2)}" fill="#2b3040"/>`,
      `<path class="transition-line initial-line" d="${routePath(edge)}" fill="none" stroke="#7a8194" marker-end="url(#${attr(name)}-arrow)"/>`,
    );
  }

  const lines: string[] = [];
  const labels: string[] = [];
  diagram.transitions.forEach((transition, index) => {
    const edge = edges.get(transitionEdgeId(index));
    if (!edge) return;
    const ends = `data-source="${attr(transition.source)}" data-target="${attr(transition.target)}"`;
    const tooltip = `${transition.source} → ${transition.target}: ${transition.labels.join(', ')}`;
    lines.push(
      `<g class="transition" ${ends}><title>${escapeMarkup(tooltip)}</title>` +
        `<path class="transition-line" d="${routePath(edge)}" fill="none" stroke="#7a8194" marker-end="url(#${attr(name)}-arrow)"/></g>`,
    );
    const label = drawLabel(transition.source, transition.target, edge);
    labels.push(label.svg);
    if (label.box) all.push(label.box);
    for (const section of edge.sections ?? [])
      for (const point of [section.startPoint, ...(section.bendPoints ?? []), section.endPoint])
        all.push({ ...point, width: 0, height: 0 });
  });

  const minX = Math.floor(Math.min(0, ...all.map((b) => b.x)) - 6);
  const minY = Math.floor(Math.min(0, ...all.map((b) => b.y)) - 6);
  const width = Math.ceil(
    Math.max(laidOut.width ?? 0, ...all.map((b) => b.x + b.width)) + 6 - minX,
  );
  const height = Math.ceil(
    Math.max(laidOut.height ?? 0, ...all.map((b) => b.y + b.height)) + 6 - minY,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="state-diagram" data-diagram="${attr(name)}" viewBox="${minX} ${minY} ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${attr(title)}" font-family="${attr(METRICS.fontFamily)}">`,
    `<title>${escapeMarkup(title)}</title>`,
    `<defs><marker id="${attr(name)}-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#7a8194"/></marker></defs>`,
    `<g class="states">${states.join('')}</g>`,
    `<g class="initials">${initials.join('')}</g>`,
    `<g class="transitions">${lines.join('')}</g>`,
    `<g class="transition-labels">${labels.join('')}</g>`,
    '</svg>',
  ].join('\n');
}
