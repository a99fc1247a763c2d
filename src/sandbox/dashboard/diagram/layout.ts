/**
 * A small layered layout for state diagrams, top to bottom: each compound state is laid out
 * on its own (its children in rows), then placed as one box in its parent's rows. Rows come
 * from the longest path over the transitions that go forward in declaration order; the order
 * within a row from a few barycenter sweeps. Good enough for diagrams of a few dozen states.
 */
import { edgeLabelWidth, joinLabels, SIZES, stateWidth } from './geometry.js';
import type { StateDiagram } from './parseMermaid.js';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedState extends Box {
  id: string;
  label: string;
  compound: boolean;
  final: boolean;
}

/** The dot of a scope's initial state (`[*] --> target`); scope '' is the top level. */
export interface PlacedStart {
  scope: string;
  cx: number;
  cy: number;
  target: string;
}

export interface DiagramLayout {
  width: number;
  height: number;
  /** Compound states before their children. */
  states: PlacedState[];
  byId: Map<string, PlacedState>;
  starts: PlacedStart[];
}

const START = '[*]';

interface Size {
  width: number;
  height: number;
}

interface Point {
  x: number;
  y: number;
}

/** One scope's children laid out relative to its content origin. */
interface ScopeLayout extends Size {
  offsets: Map<string, Point>;
}

export function layoutDiagram(diagram: StateDiagram): DiagramLayout {
  const sizes = new Map<string, Size>();
  const offsets = new Map<string, Point>();
  const loopReserve = selfLoopReserve(diagram);

  const layoutScope = (scope: string): ScopeLayout => {
    const children = childrenOf(diagram, scope);
    for (const id of children) {
      const state = diagram.states.get(id);
      if (state && state.children.length > 0) {
        const inner = layoutScope(id);
        sizes.set(id, {
          width: Math.max(inner.width + 2 * SIZES.padding, stateWidth(state.label)),
          height: inner.height + SIZES.titleHeight + SIZES.padding,
        });
      } else sizes.set(id, { width: stateWidth(state?.label ?? id), height: SIZES.stateHeight });
    }
    const initial = diagram.initial.get(scope);
    const keys = initial ? [startKey(scope), ...children] : children;
    if (initial) sizes.set(startKey(scope), { width: SIZES.startSize, height: SIZES.startSize });
    const edges = scopeEdges(diagram, scope, children);
    if (initial) edges.unshift([startKey(scope), initial]);
    const footprint = (key: string): Size => {
      const size = sizes.get(key) ?? { width: 0, height: 0 };
      return { width: size.width + (loopReserve.get(key) ?? 0), height: size.height };
    };
    const placed = placeRows(keys, edges, footprint);
    for (const [key, point] of placed.offsets) offsets.set(key, point);
    return placed;
  };

  const root = layoutScope('');
  const states: PlacedState[] = [];
  const byId = new Map<string, PlacedState>();
  const starts: PlacedStart[] = [];
  const place = (scope: string, origin: Point) => {
    const initial = diagram.initial.get(scope);
    const dot = offsets.get(startKey(scope));
    if (initial && dot)
      starts.push({
        scope,
        cx: origin.x + dot.x + SIZES.startSize / 2,
        cy: origin.y + dot.y + SIZES.startSize / 2,
        target: initial,
      });
    for (const id of childrenOf(diagram, scope)) {
      const state = diagram.states.get(id);
      const offset = offsets.get(id) ?? { x: 0, y: 0 };
      const size = sizes.get(id) ?? { width: 0, height: 0 };
      if (!state) continue;
      const box: PlacedState = {
        id,
        label: state.label,
        compound: state.children.length > 0,
        final: state.final,
        x: origin.x + offset.x,
        y: origin.y + offset.y,
        ...size,
      };
      states.push(box);
      byId.set(id, box);
      if (box.compound) place(id, { x: box.x + SIZES.padding, y: box.y + SIZES.titleHeight });
    }
  };
  place('', { x: SIZES.padding, y: SIZES.padding });
  return {
    width: Math.ceil(root.width + 2 * SIZES.padding),
    height: Math.ceil(root.height + 2 * SIZES.padding),
    states,
    byId,
    starts,
  };
}

function startKey(scope: string): string {
  return `${START}${scope}`;
}

function childrenOf(diagram: StateDiagram, scope: string): string[] {
  if (scope !== '') return diagram.states.get(scope)?.children ?? [];
  return [...diagram.states.values()].filter((state) => state.parent === null).map((s) => s.id);
}

/** The child of `scope` that holds `id` (or is it); undefined when `id` is outside `scope`. */
function childHolding(diagram: StateDiagram, scope: string, id: string): string | undefined {
  let current = diagram.states.get(id);
  while (current) {
    if ((current.parent ?? '') === scope) return current.id;
    current = current.parent === null ? undefined : diagram.states.get(current.parent);
  }
  return undefined;
}

/** The transitions between two different children of `scope`, as child pairs. */
function scopeEdges(diagram: StateDiagram, scope: string, children: string[]): [string, string][] {
  const edges: [string, string][] = [];
  const inScope = new Set(children);
  for (const { from, to } of diagram.transitions) {
    const a = childHolding(diagram, scope, from);
    const b = childHolding(diagram, scope, to);
    if (a && b && a !== b && inScope.has(a) && inScope.has(b)) edges.push([a, b]);
  }
  return edges;
}

/** Room kept right of a state for its self-transition loop and label. */
function selfLoopReserve(diagram: StateDiagram): Map<string, number> {
  const labels = new Map<string, string[]>();
  for (const { from, to, label } of diagram.transitions)
    if (from === to) labels.set(from, [...(labels.get(from) ?? []), label]);
  const reserve = new Map<string, number>();
  for (const [id, list] of labels)
    reserve.set(id, SIZES.loopReach + 6 + edgeLabelWidth(joinLabels(list)));
  return reserve;
}

/**
 * Rows by longest path. A transition to a state declared earlier (the machines list their
 * states in lifecycle order) closes a cycle and does not push its target down.
 */
function rankRows(keys: string[], edges: [string, string][]): string[][] {
  const order = new Map(keys.map((key, index) => [key, index]));
  const rank = new Map<string, number>(keys.map((key) => [key, 0]));
  const forward = edges.filter(([a, b]) => (order.get(a) ?? 0) < (order.get(b) ?? 0));
  for (const key of keys)
    for (const [a, b] of forward)
      if (a === key) rank.set(b, Math.max(rank.get(b) ?? 0, (rank.get(a) ?? 0) + 1));
  const rows: string[][] = [];
  for (const key of keys) {
    const r = rank.get(key) ?? 0;
    rows[r] = [...(rows[r] ?? []), key];
  }
  return rows.filter((row) => row !== undefined);
}

/** Centers of a row's boxes packed side by side around x = 0. */
function packedCenters(row: string[], footprint: (key: string) => Size): Map<string, number> {
  const total =
    row.reduce((sum, key) => sum + footprint(key).width, 0) + SIZES.gap * (row.length - 1);
  const centers = new Map<string, number>();
  let x = -total / 2;
  for (const key of row) {
    const width = footprint(key).width;
    centers.set(key, x + width / 2);
    x += width + SIZES.gap;
  }
  return centers;
}

function average(values: number[]): number | undefined {
  return values.length === 0 ? undefined : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Orders each row to shorten the transitions (barycenter sweeps, down then up). */
function orderRows(rows: string[][], edges: [string, string][], footprint: (k: string) => Size) {
  const neighbours = new Map<string, Set<string>>();
  for (const [a, b] of edges) {
    neighbours.set(a, (neighbours.get(a) ?? new Set()).add(b));
    neighbours.set(b, (neighbours.get(b) ?? new Set()).add(a));
  }
  const rankOf = new Map<string, number>();
  rows.forEach((row, r) => {
    for (const key of row) rankOf.set(key, r);
  });
  const centers = new Map<string, number>();
  for (const row of rows) for (const [key, x] of packedCenters(row, footprint)) centers.set(key, x);
  const reorder = (r: number, side: (other: number) => boolean) => {
    const row = rows[r] ?? [];
    const bary = new Map<string, number>();
    row.forEach((key, index) => {
      const xs = [...(neighbours.get(key) ?? [])]
        .filter((other) => side(rankOf.get(other) ?? r))
        .map((other) => centers.get(other) ?? 0);
      bary.set(key, average(xs) ?? centers.get(key) ?? index);
    });
    row.sort((a, b) => (bary.get(a) ?? 0) - (bary.get(b) ?? 0));
    for (const [key, x] of packedCenters(row, footprint)) centers.set(key, x);
  };
  for (let sweep = 0; sweep < 4; sweep++) {
    for (let r = 1; r < rows.length; r++) reorder(r, (other) => other < r);
    for (let r = rows.length - 2; r >= 0; r--) reorder(r, (other) => other > r);
  }
}

/**
 * Places the rows top to bottom; within a row, each box as near as it may to the mean of its
 * neighbours in the rows above, keeping the order and the gaps.
 */
function placeRows(
  keys: string[],
  edges: [string, string][],
  footprint: (key: string) => Size,
): ScopeLayout {
  const rows = rankRows(keys, edges);
  orderRows(rows, edges, footprint);
  const rankOf = new Map<string, number>();
  rows.forEach((row, r) => {
    for (const key of row) rankOf.set(key, r);
  });
  const neighbours = new Map<string, string[]>();
  for (const [a, b] of edges) {
    neighbours.set(a, [...(neighbours.get(a) ?? []), b]);
    neighbours.set(b, [...(neighbours.get(b) ?? []), a]);
  }
  const centers = new Map<string, number>();
  const offsets = new Map<string, Point>();
  let y = 0;
  rows.forEach((row, r) => {
    const packed = packedCenters(row, footprint);
    let right = Number.NEGATIVE_INFINITY;
    const height = Math.max(...row.map((key) => footprint(key).height));
    for (const key of row) {
      const size = footprint(key);
      const above = (neighbours.get(key) ?? [])
        .filter((other) => (rankOf.get(other) ?? r) < r)
        .map((other) => centers.get(other) ?? 0);
      const wanted = (average(above) ?? packed.get(key) ?? 0) - size.width / 2;
      const x = Math.max(wanted, right + SIZES.gap);
      centers.set(key, x + size.width / 2);
      offsets.set(key, { x, y: y + (height - size.height) / 2 });
      right = x + size.width;
    }
    y += height + SIZES.rankGap;
  });
  const left = Math.min(...[...offsets.values()].map((point) => point.x));
  let width = 0;
  for (const [key, point] of offsets) {
    point.x -= left;
    width = Math.max(width, point.x + footprint(key).width);
  }
  return { width, height: Math.max(0, y - SIZES.rankGap), offsets };
}
