/** `covage-orders/diagrams`: Mermaid state diagrams drawn from the machines. */
export { DIAGRAM_MACHINES, type DiagramName, ELK_LAYOUT, generateDiagramFiles } from './catalog.js';
export { toMermaid } from './toMermaid.js';
