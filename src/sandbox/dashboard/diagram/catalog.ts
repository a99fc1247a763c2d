/**
 * The dashboard's diagrams, read from the machines of `DIAGRAM_MACHINES` (session, line, …),
 * laid out by ELK and drawn as SVG once per process, on first request.
 */
import type { ElkNode } from 'elkjs/lib/elk-api.js';
import { DIAGRAM_MACHINES } from '../../../diagrams/catalog.js';
import { elkGraph } from './elkGraph.js';
import { layoutGraph } from './elkLayout.js';
import { type MachineDiagram, machineDiagram } from './model.js';
import { diagramSvg } from './svg.js';

export interface DrawnDiagram {
  diagram: MachineDiagram;
  laidOut: ElkNode;
  svg: string;
}

const drawn = new Map<string, Promise<DrawnDiagram>>();

/** A diagram of `DIAGRAM_MACHINES`, laid out and drawn; undefined for any other name. */
export function drawnDiagram(name: string): Promise<DrawnDiagram> | undefined {
  const entry = Object.hasOwn(DIAGRAM_MACHINES, name) ? DIAGRAM_MACHINES[name] : undefined;
  if (!entry) return undefined;
  let drawing = drawn.get(name);
  if (!drawing) {
    const diagram = machineDiagram(entry.machine);
    drawing = layoutGraph(elkGraph(diagram)).then((laidOut) => ({
      diagram,
      laidOut,
      svg: diagramSvg(diagram, laidOut, name, `${entry.title} state diagram`),
    }));
    // A failure is not kept: the next request tries again.
    drawing.catch(() => drawn.delete(name));
    drawn.set(name, drawing);
  }
  return drawing;
}

/** The SVG of a diagram of `DIAGRAM_MACHINES`, or undefined for any other name. */
export function machineDiagramSvg(name: string): Promise<string> | undefined {
  return drawnDiagram(name)?.then((drawing) => drawing.svg);
}
