/**
 * The diagram as an ELK graph (elkjs, algorithm `layered`): states as nodes (compound states
 * hold their children), an initial dot per level, one edge per ordered pair of states with its
 * label sized for the text it carries. ELK places the labels along their edges so that they
 * overlap neither each other nor any state.
 */
import type { ElkExtendedEdge, ElkNode, LayoutOptions } from 'elkjs/lib/elk-api.js';
import { wrapLabel } from './labels.js';
import { METRICS, textWidth } from './metrics.js';
import type { DiagramState, MachineDiagram } from './model.js';

/** The layout's options (on the root: with `INCLUDE_CHILDREN` one run lays out every level). */
const LAYOUT_OPTIONS: LayoutOptions = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  // One layout across levels, so transitions may cross compound states' borders.
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  // Every coordinate absolute: the drawing needs no knowledge of ELK's containers.
  'elk.json.shapeCoords': 'ROOT',
  'elk.json.edgeCoords': 'ROOT',
  'elk.edgeRouting': 'ORTHOGONAL',
  // The machines declare their states in lifecycle order: keep it, top to bottom.
  'elk.layered.cycleBreaking.strategy': 'MODEL_ORDER',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.edgeLabels.placement': 'CENTER',
  'elk.spacing.nodeNode': '28',
  'elk.spacing.edgeLabel': '3',
  'elk.spacing.edgeEdge': '12',
  'elk.spacing.edgeNode': '14',
  'elk.spacing.labelNode': '6',
  'elk.layered.spacing.nodeNodeBetweenLayers': '30',
  'elk.layered.spacing.edgeNodeBetweenLayers': '14',
  'elk.layered.spacing.edgeEdgeBetweenLayers': '10',
  'elk.padding': '[top=12,left=12,bottom=12,right=12]',
};

const COMPOUND_OPTIONS: LayoutOptions = {
  'elk.padding': `[top=${METRICS.compoundTitle},left=${METRICS.compoundPadding},bottom=${METRICS.compoundPadding},right=${METRICS.compoundPadding}]`,
  'elk.nodeLabels.placement': 'H_LEFT V_TOP INSIDE',
  'elk.nodeSize.constraints': 'NODE_LABELS MINIMUM_SIZE',
  'elk.nodeSize.minimum': `(${METRICS.stateMinWidth},${METRICS.stateHeight})`,
};

/** The ELK id of the initial dot inside `parent` (`''`: the top level). */
export const initialNodeId = (parent: string) => `initial:${parent}`;
export const transitionEdgeId = (index: number) => `transition:${index}`;

/** The width of a state's name with the current-state marker, and the box's padding. */
function stateWidth(name: string): number {
  return Math.max(
    METRICS.stateMinWidth,
    textWidth(name.length + METRICS.markerChars, METRICS.stateFont) + METRICS.statePadding,
  );
}

function initialNode(parent: string): ElkNode {
  return { id: initialNodeId(parent), width: METRICS.initialSize, height: METRICS.initialSize };
}

function initialEdge(parent: string, target: string): ElkExtendedEdge {
  return { id: `initial-edge:${parent}`, sources: [initialNodeId(parent)], targets: [target] };
}

function stateNode(state: DiagramState, edges: ElkExtendedEdge[]): ElkNode {
  if (state.children.length === 0)
    return { id: state.id, width: stateWidth(state.name), height: METRICS.stateHeight };
  const children = state.children.map((child) => stateNode(child, edges));
  if (state.initial) {
    children.unshift(initialNode(state.id));
    edges.push(initialEdge(state.id, state.initial));
  }
  return {
    id: state.id,
    layoutOptions: COMPOUND_OPTIONS,
    labels: [{ text: state.name, width: stateWidth(state.name), height: METRICS.stateFont + 6 }],
    children,
  };
}

/** The lines of a transition's label, as drawn. */
export function labelLines(labels: readonly string[]): string[] {
  return labels.flatMap((label) => wrapLabel(label, METRICS.labelChars));
}

export function elkGraph(diagram: MachineDiagram): ElkNode {
  const edges: ElkExtendedEdge[] = [];
  const children = diagram.states.map((state) => stateNode(state, edges));
  if (diagram.initial) {
    children.unshift(initialNode(''));
    edges.push(initialEdge('', diagram.initial));
  }
  diagram.transitions.forEach((transition, index) => {
    const lines = labelLines(transition.labels);
    const longest = Math.max(...lines.map((line) => line.length));
    edges.push({
      id: transitionEdgeId(index),
      sources: [transition.source],
      targets: [transition.target],
      labels: [
        {
          text: lines.join('\n'),
          width: textWidth(longest, METRICS.labelFont) + 2 * METRICS.labelPadding,
          height: lines.length * METRICS.labelLine + 2 * METRICS.labelPadding,
          layoutOptions: { 'elk.edgeLabels.inline': 'true' },
        },
      ],
    });
  });
  return { id: 'root', layoutOptions: LAYOUT_OPTIONS, children, edges };
}
