/**
 * Draws a state diagram as SVG text. Every state is a `<g class="state">` carrying
 * `data-state-id` (the Mermaid id) so a page marks the current one with a CSS class; the
 * drawing has sensible presentation attributes of its own, which a page's CSS overrides.
 */
import { escapeMarkup } from '../escape.js';
import { type Point, type RoutedEdge, routeEdges, routeStarts } from './edges.js';
import { edgeLabelWidth, SIZES, shortLabel } from './geometry.js';
import { type DiagramLayout, layoutDiagram, type PlacedState } from './layout.js';
import { parseStateDiagram } from './parseMermaid.js';

const n = (value: number) => String(Math.round(value * 10) / 10);

function pathOf([a, b, c, d]: [Point, Point, Point, Point]): string {
  return `M${n(a.x)},${n(a.y)} C${n(b.x)},${n(b.y)} ${n(c.x)},${n(c.y)} ${n(d.x)},${n(d.y)}`;
}

/** The element id of a state's group: `<diagram>-state-<mermaid id>`. */
export function stateElementId(diagram: string, stateId: string): string {
  return `${diagram}-state-${stateId}`;
}

/** The state's name, preceded by a marker shown only on the current state (not colour alone). */
function stateLabel(state: PlacedState, x: number, y: number, anchor: 'start' | 'middle'): string {
  return (
    `<text class="state-label" x="${n(x)}" y="${n(y)}" text-anchor="${anchor}" font-size="13">` +
    `<tspan class="current-marker" display="none">▶ </tspan>${escapeMarkup(state.label)}</text>`
  );
}

function drawCompound(diagram: string, state: PlacedState): string {
  return [
    `<g class="state compound" id="${escapeMarkup(stateElementId(diagram, state.id))}" data-state-id="${escapeMarkup(state.id)}">`,
    `<rect class="box" x="${n(state.x)}" y="${n(state.y)}" width="${n(state.width)}" height="${n(state.height)}" rx="10" fill="#f6f7fb" stroke="#5b6275"/>`,
    stateLabel(state, state.x + 10, state.y + 17, 'start'),
    '</g>',
  ].join('');
}

function drawSimple(diagram: string, state: PlacedState): string {
  const ring = state.final
    ? `<rect class="final-ring" x="${n(state.x + 3)}" y="${n(state.y + 3)}" width="${n(state.width - 6)}" height="${n(state.height - 6)}" rx="6" fill="none" stroke="#5b6275"/>`
    : '';
  return [
    `<g class="state${state.final ? ' final' : ''}" id="${escapeMarkup(stateElementId(diagram, state.id))}" data-state-id="${escapeMarkup(state.id)}">`,
    `<rect class="box" x="${n(state.x)}" y="${n(state.y)}" width="${n(state.width)}" height="${n(state.height)}" rx="8" fill="#ffffff" stroke="#5b6275"/>`,
    ring,
    stateLabel(state, state.x + state.width / 2, state.y + state.height / 2 + 4.5, 'middle'),
    '</g>',
  ].join('');
}

function drawEdge(diagram: string, edge: RoutedEdge): string {
  const text = shortLabel(edge.label);
  const width = edgeLabelWidth(edge.label);
  const left = edge.anchor === 'middle' ? edge.labelAt.x - width / 2 : edge.labelAt.x;
  const label =
    text === ''
      ? ''
      : `<rect class="transition-label-bg" x="${n(left - 2)}" y="${n(edge.labelAt.y - 11)}" width="${n(width + 4)}" height="15" fill="#ffffff" fill-opacity="0.85"/>` +
        `<text class="transition-label" x="${n(edge.labelAt.x)}" y="${n(edge.labelAt.y)}" text-anchor="${edge.anchor}" font-size="11">${escapeMarkup(text)}</text>`;
  const title = `${edge.from} → ${edge.to}${edge.label ? `: ${edge.label}` : ''}`;
  return [
    `<g class="transition" data-from="${escapeMarkup(edge.from)}" data-to="${escapeMarkup(edge.to)}">`,
    `<title>${escapeMarkup(title)}</title>`,
    `<path class="transition-line" d="${pathOf(edge.curve)}" fill="none" stroke="#7a8194" marker-end="url(#${diagram}-arrow)"/>`,
    label,
    '</g>',
  ].join('');
}

function drawStarts(diagram: string, layout: DiagramLayout): string {
  const dots = layout.starts.map(
    ({ cx, cy }) =>
      `<circle class="initial" cx="${n(cx)}" cy="${n(cy)}" r="${n(SIZES.startSize / 2)}" fill="#2b3040"/>`,
  );
  const arrows = routeStarts(layout).map(
    ({ curve }) =>
      `<path class="transition-line initial-line" d="${pathOf(curve)}" fill="none" stroke="#7a8194" marker-end="url(#${diagram}-arrow)"/>`,
  );
  return `<g class="initials">${dots.join('')}${arrows.join('')}</g>`;
}

interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** What the drawing covers: boxes, curves (within their control points) and labels. */
function boundsOf(layout: DiagramLayout, edges: RoutedEdge[]): Bounds {
  const bounds: Bounds = { minX: 0, minY: 0, maxX: layout.width, maxY: layout.height };
  const add = (x: number, y: number) => {
    bounds.minX = Math.min(bounds.minX, x);
    bounds.minY = Math.min(bounds.minY, y);
    bounds.maxX = Math.max(bounds.maxX, x);
    bounds.maxY = Math.max(bounds.maxY, y);
  };
  for (const edge of edges) {
    for (const point of edge.curve) add(point.x, point.y);
    const width = edgeLabelWidth(edge.label);
    const left = edge.anchor === 'middle' ? edge.labelAt.x - width / 2 : edge.labelAt.x;
    add(left - 4, edge.labelAt.y - 12);
    add(left + width + 4, edge.labelAt.y + 4);
  }
  return bounds;
}

/**
 * The SVG of one diagram. `name` prefixes the element ids (several diagrams may share a page);
 * `title` names it for screen readers until a page sets an `aria-label` naming the current state.
 */
export function renderStateDiagramSvg(mermaid: string, name: string, title: string): string {
  const diagram = parseStateDiagram(mermaid);
  const layout = layoutDiagram(diagram);
  const edges = routeEdges(diagram, layout);
  const compounds = layout.states.filter((state) => state.compound);
  const simple = layout.states.filter((state) => !state.compound);
  const { minX, minY, maxX, maxY } = boundsOf(layout, edges);
  const [x, y, width, height] = [minX - 4, minY - 4, maxX - minX + 8, maxY - minY + 8].map(
    (value) => Math.round(value),
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="state-diagram" data-diagram="${escapeMarkup(name)}" viewBox="${x} ${y} ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeMarkup(title)}" font-family="system-ui, sans-serif">`,
    `<title>${escapeMarkup(title)}</title>`,
    `<defs><marker id="${escapeMarkup(name)}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#7a8194"/></marker></defs>`,
    `<g class="compounds">${compounds.map((state) => drawCompound(name, state)).join('')}</g>`,
    `<g class="transitions">${edges.map((edge) => drawEdge(name, edge)).join('')}</g>`,
    drawStarts(name, layout),
    `<g class="states">${simple.map((state) => drawSimple(name, state)).join('')}</g>`,
    '</svg>',
  ].join('\n');
}
