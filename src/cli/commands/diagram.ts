import type { Command } from 'commander';
import { DIAGRAM_MACHINES, ELK_LAYOUT } from '../../diagrams/catalog.js';
import { toMermaid } from '../../diagrams/toMermaid.js';
import { CliError, EXIT } from '../exitCodes.js';

/**
 * Prints the Mermaid state diagram of one machine, generated from its definition: the text of
 * docs/diagrams/<name>.mmd, whose front matter asks for the ELK layout (every transition on a
 * label of its own); `plain` leaves the front matter out.
 */
export function runDiagram(
  name: string,
  out: (text: string) => void,
  options: { plain?: boolean } = {},
): number {
  const entry = DIAGRAM_MACHINES[name];
  if (!entry)
    throw new CliError(
      `unknown diagram "${name}"; use ${Object.keys(DIAGRAM_MACHINES).join(', ')}`,
      EXIT.badInput,
    );
  const text = `${options.plain ? '' : ELK_LAYOUT}${toMermaid(entry.machine)}`;
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
    .option('--plain', 'leave out the front matter that asks for the ELK layout')
    .addHelpText(
      'after',
      [
        '',
        'Paste the output into a Mermaid renderer (e.g. a ```mermaid block). Its front matter asks',
        "for Mermaid's ELK layout, which keeps every transition's label apart; a renderer without",
        'ELK falls back to its default layout. --plain prints the diagram alone.',
      ].join('\n'),
    )
    .action((name: string, options: { plain?: boolean }) =>
      run(async () => runDiagram(name, (text) => process.stdout.write(text), options)),
    );
}
