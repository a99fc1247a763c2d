/**
 * Reads the Mermaid `stateDiagram-v2` text that `toMermaid` generates (src/diagrams) back into a
 * graph, so the dashboard draws exactly the diagrams published in docs/diagrams/. Only that
 * generator's subset is understood; anything else is an error, not a guess.
 */

export interface DiagramState {
  /** The Mermaid id: the state path joined with `__`, e.g. `order_created__acknowledged`. */
  id: string;
  /** The state key, e.g. `acknowledged`. */
  label: string;
  /** The enclosing compound state's id, or null at the top level. */
  parent: string | null;
  /** Child state ids, in the diagram's order (empty for a simple state). */
  children: string[];
  /** Marked `id --> [*]`. */
  final: boolean;
}

export interface DiagramTransition {
  from: string;
  to: string;
  /** Event and guard, e.g. `OUTCOME [gotNoOrder]`; '' for an unnamed eventless transition. */
  label: string;
}

export interface StateDiagram {
  /** Every state by id, in the diagram's order. */
  states: Map<string, DiagramState>;
  /** The initial child of each scope: key '' for the top level, else the compound state's id. */
  initial: Map<string, string>;
  transitions: DiagramTransition[];
}

const ID = '([A-Za-z0-9_]+)';
const OPEN = new RegExp(`^state "([^"]*)" as ${ID} \\{$`);
const LEAF = new RegExp(`^state "([^"]*)" as ${ID}$`);
const INITIAL = new RegExp(`^\\[\\*\\] --> ${ID}$`);
const FINAL = new RegExp(`^${ID} --> \\[\\*\\]$`);
const EDGE = new RegExp(`^${ID} --> ${ID}(?:: (.*))?$`);

export class MermaidSyntaxError extends Error {
  override readonly name = 'MermaidSyntaxError';
}

/** Parses `toMermaid`'s output; throws a {@link MermaidSyntaxError} naming the line otherwise. */
export function parseStateDiagram(text: string): StateDiagram {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (lines[0] !== 'stateDiagram-v2')
    throw new MermaidSyntaxError('expected a stateDiagram-v2 header');
  const diagram: StateDiagram = { states: new Map(), initial: new Map(), transitions: [] };
  const scopes: string[] = [];
  const addState = (label: string, id: string) => {
    const parent = scopes.at(-1) ?? null;
    diagram.states.set(id, { id, label, parent, children: [], final: false });
    if (parent !== null) diagram.states.get(parent)?.children.push(id);
  };
  for (const [index, line] of lines.entries()) {
    if (index === 0) continue;
    const open = OPEN.exec(line);
    const leaf = LEAF.exec(line);
    const initial = INITIAL.exec(line);
    const final = FINAL.exec(line);
    const edge = EDGE.exec(line);
    if (open) {
      addState(open[1] ?? '', open[2] ?? '');
      scopes.push(open[2] ?? '');
    } else if (line === '}') {
      if (scopes.pop() === undefined) throw syntaxError(index, 'a } closes no state');
    } else if (leaf) addState(leaf[1] ?? '', leaf[2] ?? '');
    else if (initial) diagram.initial.set(scopes.at(-1) ?? '', initial[1] ?? '');
    else if (final) {
      const state = diagram.states.get(final[1] ?? '');
      if (!state) throw syntaxError(index, `final marker on unknown state ${final[1]}`);
      state.final = true;
    } else if (edge)
      diagram.transitions.push({ from: edge[1] ?? '', to: edge[2] ?? '', label: edge[3] ?? '' });
    else throw syntaxError(index, `unexpected line: ${line}`);
  }
  if (scopes.length > 0) throw new MermaidSyntaxError(`state ${scopes.at(-1)} is never closed`);
  for (const { from, to } of diagram.transitions)
    for (const id of [from, to])
      if (!diagram.states.has(id))
        throw new MermaidSyntaxError(`transition to unknown state ${id}`);
  return diagram;
}

function syntaxError(index: number, message: string): MermaidSyntaxError {
  return new MermaidSyntaxError(`line ${index + 1}: ${message}`);
}
