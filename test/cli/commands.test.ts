/** Every command answers `--help`; `diagram` prints the machines' Mermaid diagrams. */

import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { AnyStateMachine } from 'xstate';
import { DIAGRAM_MACHINES } from '../../src/diagrams/catalog.js';
import { toMermaid } from '../../src/diagrams/toMermaid.js';
import { assertBuilt, runCli } from './support/cli.js';

assertBuilt();

describe.concurrent('--help', () => {
  it.each([
    [
      'submit',
      /Usage: covage-orders submit \[options\] <file>[\s\S]*--base-url[\s\S]*COVAGE_TOKEN/,
    ],
    ['resume', /Usage: covage-orders resume \[options\] <id>[\s\S]*--state-dir/],
    ['export', /Usage: covage-orders export \[options\][\s\S]*--out <file>[\s\S]*countdown/],
    ['diagram', /Usage: covage-orders diagram \[options\] \[machine\]/],
    ['validate', /Usage: covage-orders validate/],
    ['sandbox', /Usage: covage-orders sandbox/],
    ['track', /Usage: covage-orders track/],
  ])('covage-orders %s --help', async (command, usage) => {
    const run = await runCli([command, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(usage);
  });

  it('the program lists every command', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    for (const command of ['validate', 'submit', 'resume', 'export', 'diagram', 'sandbox', 'track'])
      expect(run.stdout).toContain(`  ${command}`);
  });
});

describe.concurrent('covage-orders diagram', () => {
  it.each(Object.keys(DIAGRAM_MACHINES))(
    '%s: the Mermaid text generated from the machine, as in docs/diagrams (ELK layout asked)',
    async (name) => {
      const run = await runCli(['diagram', name]);
      expect(run.code).toBe(0);
      const committed = await readFile(new URL(`../../docs/diagrams/${name}.mmd`, import.meta.url));
      expect(run.stdout.trimEnd()).toBe(committed.toString('utf8').trimEnd());
      expect(run.stdout).toMatch(/^---\nconfig:\n {2}layout: elk\n---\nstateDiagram-v2\n/);
    },
  );

  it('--plain: the diagram alone, without front matter', async () => {
    const run = await runCli(['diagram', 'line', '--plain']);
    expect(run.code).toBe(0);
    expect(run.stdout.trimEnd()).toBe(
      toMermaid((DIAGRAM_MACHINES.line as { machine: AnyStateMachine }).machine).trimEnd(),
    );
    expect(run.stdout.startsWith('stateDiagram-v2')).toBe(true);
  });

  it('the session diagram by default', async () => {
    const run = await runCli(['diagram']);
    expect(run.stdout).toContain('confirming');
  });

  it('an unknown machine: exit 2, the names it knows', async () => {
    const run = await runCli(['diagram', 'invoice']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `covage-orders: unknown diagram "invoice"; use ${Object.keys(DIAGRAM_MACHINES).join(', ')}\n`,
    );
  });
});
