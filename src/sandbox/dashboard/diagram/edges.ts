/** The arrows of a laid-out diagram: one per (source, target) pair, as cubic Bézier curves. */
import { joinLabels, SIZES } from './geometry.js';
import type { Box, DiagramLayout } from './layout.js';
import type { StateDiagram } from './parseMermaid.js';

export interface Point {
  x: number;
  y: number;
}

export interface RoutedEdge {
  from: string;
  to: string;
  /** Every label of the parallel transitions, joined with ` / `. */
  label: string;
  /** Start, two control points, end. */
  curve: [Point, Point, Point, Point];
  /** Where the label is drawn, and how it is anchored. */
  labelAt: Point;
  anchor: 'start' | 'middle';
}

const right = (box: Box) => box.x + box.width;
const bottom = (box: Box) => box.y + box.height;
const middleY = (box: Box) => box.y + box.height / 2;
const middleX = (box: Box) => box.x + box.width / 2;

function contains(outer: Box, inner: Box): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    right(inner) <= right(outer) &&
    bottom(inner) <= bottom(outer)
  );
}

/** The point at t = 0.5 of a cubic Bézier curve. */
function midpoint([a, b, c, d]: [Point, Point, Point, Point]): Point {
  return { x: (a.x + 3 * b.x + 3 * c.x + d.x) / 8, y: (a.y + 3 * b.y + 3 * c.y + d.y) / 8 };
}

/** Spreads `count` attachment points over the middle of a box side, `index` from the left. */
function spread(box: Box, index: number, count: number): number {
  if (count <= 1) return middleX(box);
  const span = Math.min(box.width * 0.6, (count - 1) * 18);
  return middleX(box) - span / 2 + (span * index) / (count - 1);
}

function selfLoop(box: Box): Pick<RoutedEdge, 'curve' | 'labelAt' | 'anchor'> {
  const x = right(box);
  const y = middleY(box);
  const reach = x + SIZES.loopReach;
  return {
    curve: [
      { x, y: y - 7 },
      { x: reach, y: y - 22 },
      { x: reach, y: y + 22 },
      { x, y: y + 7 },
    ],
    labelAt: { x: reach + 4, y: y + 4 },
    anchor: 'start',
  };
}

/** An arrow that goes up, sideways or into its own source: around the right of both boxes. */
function sideRoute(a: Box, b: Box): Pick<RoutedEdge, 'curve' | 'labelAt' | 'anchor'> {
  const nested = contains(a, b) || contains(b, a);
  const start = {
    x: right(a),
    y: nested && contains(a, b) ? a.y + SIZES.titleHeight / 2 : middleY(a),
  };
  const end = { x: right(b), y: middleY(b) };
  const reach = Math.max(start.x, end.x) + 36;
  const curve: RoutedEdge['curve'] = [start, { x: reach, y: start.y }, { x: reach, y: end.y }, end];
  const mid = midpoint(curve);
  return { curve, labelAt: { x: mid.x + 4, y: mid.y + 4 }, anchor: 'start' };
}

/** Routes every transition of the diagram once per (source, target) pair. */
export function routeEdges(diagram: StateDiagram, layout: DiagramLayout): RoutedEdge[] {
  const pairs = new Map<string, { from: string; to: string; labels: string[] }>();
  for (const { from, to, label } of diagram.transitions) {
    const key = `${from}\u0000${to}`;
    const pair = pairs.get(key) ?? { from, to, labels: [] };
    pair.labels.push(label);
    pairs.set(key, pair);
  }
  const downward = [...pairs.values()].filter(({ from, to }) => {
    const a = layout.byId.get(from);
    const b = layout.byId.get(to);
    return a && b && from !== to && b.y >= bottom(a) - 1 && !contains(a, b) && !contains(b, a);
  });
  const outs = new Map<string, string[]>();
  const ins = new Map<string, string[]>();
  for (const { from, to } of downward) {
    outs.set(from, [...(outs.get(from) ?? []), to]);
    ins.set(to, [...(ins.get(to) ?? []), from]);
  }
  const byX = (ids: string[]) =>
    [...ids].sort(
      (p, q) => middleX(layout.byId.get(p) as Box) - middleX(layout.byId.get(q) as Box),
    );
  for (const [id, list] of outs) outs.set(id, byX(list));
  for (const [id, list] of ins) ins.set(id, byX(list));

  const edges: RoutedEdge[] = [];
  for (const { from, to, labels } of pairs.values()) {
    const a = layout.byId.get(from);
    const b = layout.byId.get(to);
    if (!a || !b) continue;
    const label = joinLabels(labels);
    if (from === to) {
      edges.push({ from, to, label, ...selfLoop(a) });
      continue;
    }
    if (!downward.some((edge) => edge.from === from && edge.to === to)) {
      edges.push({ from, to, label, ...sideRoute(a, b) });
      continue;
    }
    const out = outs.get(from) ?? [];
    const into = ins.get(to) ?? [];
    const start = { x: spread(a, out.indexOf(to), out.length), y: bottom(a) };
    const end = { x: spread(b, into.indexOf(from), into.length), y: b.y };
    const bend = Math.max(20, (end.y - start.y) / 2);
    const curve: RoutedEdge['curve'] = [
      start,
      { x: start.x, y: start.y + bend },
      { x: end.x, y: end.y - bend },
      end,
    ];
    const mid = midpoint(curve);
    edges.push({ from, to, label, curve, labelAt: { x: mid.x, y: mid.y + 4 }, anchor: 'middle' });
  }
  return edges;
}

/** The arrows from each scope's initial dot to its initial state. */
export function routeStarts(layout: DiagramLayout): { curve: [Point, Point, Point, Point] }[] {
  return layout.starts.flatMap(({ cx, cy, target }) => {
    const box = layout.byId.get(target);
    if (!box) return [];
    const start = { x: cx, y: cy + SIZES.startSize / 2 };
    const end = { x: middleX(box), y: box.y };
    const bend = Math.max(10, (end.y - start.y) / 2);
    return [
      {
        curve: [start, { x: start.x, y: start.y + bend }, { x: end.x, y: end.y - bend }, end] as [
          Point,
          Point,
          Point,
          Point,
        ],
      },
    ];
  });
}
