import type { Command } from 'commander';
import { checkSession, type SessionCheck } from '../../rules/checkSession.js';
import type { Issue } from '../../rules/issue.js';
import { EXIT } from '../exitCodes.js';
import { withLineNumbers } from '../lineNumbers.js';
import { DETAIL_LIMIT } from '../progress/index.js';
import { readOrderFile } from '../readOrderFile.js';
import { plural, style } from '../style.js';

export interface ValidateOptions {
  json?: boolean;
  allLines?: boolean;
  diaOffering?: string[];
  strictFormats?: boolean;
}

/** Where a report line is cut: its message goes on a line of its own past this width. */
const REPORT_WIDTH = 80;

function formatIssue(issue: Issue): string {
  const mark = issue.severity === 'error' ? style.red('✗') : style.yellow('!');
  const path = withLineNumbers(issue.path) || '(line)';
  const message = withLineNumbers(issue.message);
  const head = `    ${mark} ${style.bold(path)}  ${style.dim(issue.code)}`;
  const plainLength = 6 + path.length + 2 + issue.code.length + 2 + message.length;
  return plainLength <= REPORT_WIDTH ? `${head}  ${message}` : `${head}\n        ${message}`;
}

/** `line 2 (lines[1]), external_id …`: numbered from 1, with its JSON path. */
function lineLabel(line: unknown, index: number): string {
  const record = (typeof line === 'object' && line !== null ? line : {}) as Record<string, unknown>;
  const parts = [`line ${index + 1} (lines[${index}])`];
  if (typeof record.external_id === 'string' && record.external_id)
    parts.push(`external_id ${record.external_id}`);
  if (typeof record.product_offering_id === 'string')
    parts.push(`offering ${record.product_offering_id}`);
  return parts.join(', ');
}

/**
 * The report: a line per order line, its issues under it. Past {@link DETAIL_LIMIT} lines, only
 * the lines with an issue are listed (unless `allLines`), and how many were left out is said.
 */
export function renderReport(
  check: SessionCheck,
  lines: readonly unknown[],
  options: { allLines?: boolean } = {},
): string {
  const out: string[] = [];
  const everyLine = options.allLines === true || check.lines.length <= DETAIL_LIMIT;
  let quiet = 0;
  for (const report of check.lines) {
    if (!everyLine && report.issues.length === 0) {
      quiet++;
      continue;
    }
    const status = report.ready ? style.green('ready') : style.red('not ready');
    out.push(`  ${lineLabel(lines[report.index], report.index)}: ${status}`);
    for (const issue of report.issues) out.push(formatIssue(issue));
  }
  if (quiet > 0)
    out.push(`  ${plural(quiet, 'other line')}: ready, nothing to say (--all-lines lists them)`);
  if (check.issues.length > 0) {
    out.push('  session (all lines together):');
    for (const issue of check.issues) out.push(formatIssue(issue));
  }
  const all = [...check.issues, ...check.lines.flatMap((line) => line.issues)];
  const errors = all.filter((issue) => issue.severity === 'error').length;
  const warnings = all.length - errors;
  const verdict = check.ready ? style.green('ready to confirm') : style.red('not ready');
  out.push(
    `${plural(check.lines.length, 'line')}: ${verdict} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`,
  );
  return out.join('\n');
}

export function toJsonReport(check: SessionCheck) {
  return {
    ready: check.ready,
    issues: check.issues,
    lines: check.lines.map(({ index, ready, issues }) => ({
      line: index + 1,
      index,
      ready,
      issues,
    })),
  };
}

export async function runValidate(file: string, options: ValidateOptions): Promise<number> {
  const order = await readOrderFile(file);
  const check = checkSession(order.lines, {
    diaOfferingIds: options.diaOffering ?? [],
    strictFormats: options.strictFormats ?? false,
  });
  if (options.json) process.stdout.write(`${JSON.stringify(toJsonReport(check))}\n`);
  else
    process.stdout.write(
      `${file}\n${renderReport(check, order.lines, { allLines: options.allLines === true })}\n`,
    );
  return check.ready ? EXIT.ok : EXIT.notReady;
}

/** Collects a repeatable option's values (`--dia-offering A --dia-offering B`). */
function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function registerValidate(
  program: Command,
  run: (action: () => Promise<number>) => Promise<void>,
) {
  program
    .command('validate')
    .description('check an order file (JSON or YAML) against the confirmation rules; sends nothing')
    .argument('<file>', 'order file: { "session": {...}, "lines": [ <line>, ... ] }')
    .option('--json', 'print one JSON document { ready, issues, lines } and nothing else')
    .option(
      '--dia-offering <id>',
      'a product_offering_id that is a DIA offering (repeat the option for several)',
      collect,
      [],
    )
    .option('--strict-formats', 'treat the checks the doc does not state as errors')
    .option('--all-lines', `list every line, even past ${DETAIL_LIMIT} (else those with an issue)`)
    .addHelpText(
      'after',
      `
Lines are numbered from 1, as in the file; a path keeps the file's JSON path: lines[1].enni (line 2).

Exit status: 0 ready, 1 not ready, 2 the file cannot be read or is not an order.`,
    )
    .action((file: string, options: ValidateOptions) => run(() => runValidate(file, options)));
}
