import type { Command } from 'commander';
import { DIAGRAM_MACHINES } from '../../diagrams/catalog.js';
import { toMermaid } from '../../diagrams/toMermaid.js';
import { CliError, EXIT } from '../exitCodes.js';

/** Prints the Mermaid state diagram of one machine, generated from its definition. */
export function runDiagram(name: string, out: (text: string) => void): number {
  const entry = DIAGRAM_MACHINES[name];
  if (!entry)
    throw new CliError(
      `unknown diagram "${name}"; use ${Object.keys(DIAGRAM_MACHINES).join(', ')}`,
      EXIT.badInput,
    );
  const text = toMermaid(entry.machine);
  out(text.endsWith('\n') ? text : `${text}\n`);
  return EXIT.ok;
}

export function registerDiagram(
  program: Command,
  run: (action: () => Promise<number>) => Promise<void>,
) {
  program
    .command('diagram')
    .description('print the Mermaid state diagram of a machine (generated from the code)')
    .argument('[machine]', Object.keys(DIAGRAM_MACHINES).join(' | '), 'session')
    .addHelpText('after', '\nPaste the output into any Mermaid renderer (e.g. a ```mermaid block).')
    .action((name: string) =>
      run(async () => runDiagram(name, (text) => process.stdout.write(text))),
    );
}
