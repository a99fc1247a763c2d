/** The dashboard's diagrams: drawn once per process from the generated Mermaid text. */
import { DIAGRAM_MACHINES } from '../../../diagrams/catalog.js';
import { toMermaid } from '../../../diagrams/toMermaid.js';
import { renderStateDiagramSvg } from './svg.js';

const drawn = new Map<string, string>();

/** The SVG of a diagram of `DIAGRAM_MACHINES` (session, line, export), or undefined. */
export function diagramSvg(name: string): string | undefined {
  const entry = Object.hasOwn(DIAGRAM_MACHINES, name) ? DIAGRAM_MACHINES[name] : undefined;
  if (!entry) return undefined;
  let svg = drawn.get(name);
  if (svg === undefined) {
    svg = renderStateDiagramSvg(toMermaid(entry.machine), name, `${entry.title} state diagram`);
    drawn.set(name, svg);
  }
  return svg;
}
