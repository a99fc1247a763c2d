import type { AnyStateMachine } from 'xstate';
import { exportMachine } from '../../machines/export/index.js';
import { lineMachine } from '../../machines/line/index.js';
import { sessionMachine } from '../../machines/session/index.js';
import { trackingMachine } from '../../machines/tracking/index.js';
import { toMermaid } from './toMermaid.js';

/** The machines whose diagrams are published in docs/diagrams/. */
export const DIAGRAM_MACHINES: Record<string, { machine: AnyStateMachine; title: string }> = {
  session: { machine: sessionMachine, title: 'Order session' },
  line: { machine: lineMachine, title: 'Order line' },
  export: { machine: exportMachine, title: 'CSV export' },
  tracking: { machine: trackingMachine, title: 'Order tracking (following one order)' },
};

export type DiagramName = keyof typeof DIAGRAM_MACHINES;

/**
 * The published diagrams ask for Mermaid's ELK layout, which places every edge label apart; a
 * Mermaid without ELK falls back to its default layout.
 */
export const ELK_LAYOUT = '---\nconfig:\n  layout: elk\n---\n';

/** Every diagram file, by its path under docs/diagrams/, as generated from the machines. */
export function generateDiagramFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  const sections: string[] = [
    '# State diagrams',
    '',
    'Generated from the machine definitions by `npm run diagrams` (do not edit by hand: a test',
    'fails when these files differ from what the machines generate).',
    '',
  ];
  for (const [name, { machine, title }] of Object.entries(DIAGRAM_MACHINES)) {
    const mermaid = `${ELK_LAYOUT}${toMermaid(machine)}`;
    files[`${name}.mmd`] = mermaid;
    sections.push(
      `## ${title} (\`machines/${name}/${name}.machine.ts\`)`,
      '',
      '```mermaid',
      mermaid.trimEnd(),
      '```',
      '',
    );
  }
  files['README.md'] = sections.join('\n');
  return files;
}
