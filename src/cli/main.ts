#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { registerDiagram } from './commands/diagram.js';
import { registerExport } from './commands/export.js';
import { registerResume } from './commands/resume.js';
import { registerSandbox } from './commands/sandbox.js';
import { registerSubmit } from './commands/submit.js';
import { registerTrack } from './commands/track.js';
import { registerValidate } from './commands/validate.js';
import { registerWorker } from './commands/worker.js';
import { CliError, EXIT } from './exitCodes.js';
import { examplesText } from './helpExamples.js';

const VERSION = '0.1.0';

function report(error: unknown): number {
  if (error instanceof CliError) {
    process.stderr.write(`covage-orders: ${error.message}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`covage-orders: unexpected error: ${message.split('\n')[0]}\n`);
  if (process.env.COVAGE_DEBUG && error instanceof Error && error.stack) {
    process.stderr.write(`${error.stack}\n`);
  }
  return EXIT.badInput;
}

/** Runs one command's action and sets the exit code from its result or its error. */
async function run(action: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await action();
  } catch (error) {
    process.exitCode = report(error);
  }
}

export function buildProgram(): Command {
  const program = new Command('covage-orders')
    .description('Order workflow engine for the Covage wholesale order-taking API')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerValidate(program, run);
  registerSubmit(program, run);
  registerResume(program, run);
  registerExport(program, run);
  registerDiagram(program, run);
  registerSandbox(program, run);
  registerTrack(program, run);
  registerWorker(program, run);
  program.addHelpText(
    'after',
    `
Start with (from the clone, after npm ci):
  covage-orders validate examples/order.json
  covage-orders submit examples/order.json
Every command takes --help, which ends with examples.`,
  );
  for (const command of program.commands)
    command.addHelpText('after', examplesText(command.name()));
  return program;
}

async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed the message; help and version exit 0, usage errors exit 2.
      process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.badInput;
      return;
    }
    process.exitCode = report(error);
  }
}

// A reader that goes away (`covage-orders track … | head`) is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

await main(process.argv);
