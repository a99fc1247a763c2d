/**
 * The results as Markdown, for `docs/performance.md`: the run rewrites the part of that file
 * between the two markers below, so the tables there are always the last run's.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { raceRows } from './report.js';
import type { MachineInfo, SavedResult } from './results.js';

export const DOC_PATH = fileURLToPath(new URL('../../docs/performance.md', import.meta.url));
export const START_MARKER = '<!-- bench:results:start -->';
export const END_MARKER = '<!-- bench:results:end -->';

/**
 * A Markdown table with padded columns, as the formatter (Biome) writes them, so that it stays
 * as written. `right`: which columns are aligned to the right (default: all but the first).
 */
function table(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  right: (column: number) => boolean = (column) => column > 0,
): string[] {
  const all = [head, ...rows].map((cells) => cells.map((text) => text.replaceAll('|', '\\|')));
  const widths = head.map((_, column) =>
    Math.max(3, ...all.map((cells) => (cells[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells
      .map((text, column) =>
        right(column) ? text.padStart(widths[column] ?? 3) : text.padEnd(widths[column] ?? 3),
      )
      .join(' | ')} |`;
  const rule = widths.map((width, column) =>
    right(column) ? `${'-'.repeat(width - 1)}:` : '-'.repeat(width),
  );
  const [first = [], ...rest] = all;
  return [line(first), line(rule), ...rest.map(line)];
}

function figure(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return '';
  if (Number.isInteger(value)) return value.toLocaleString('en');
  // Ratios and ms per line need their second decimal (1.04×, 0.87 ms).
  return value.toFixed(Math.abs(value) < 10 ? 2 : 1);
}

function raceTable(result: Extract<SavedResult, { kind: 'race' }>): string[] {
  const { header, rows } = raceRows(result, { figure, markBaseline: false });
  return table(header, rows);
}

function section(result: SavedResult): string[] {
  if (result.kind === 'probe') {
    return [
      `### \`${result.id}\`: ${result.title}`,
      '',
      ...table(
        ['figure', 'value'],
        result.figures.map((f) => [f.name, `${figure(f.value)} ${f.unit}`]),
      ),
      '',
      `${result.method}.`,
    ];
  }
  const out = [
    `### \`${result.id}\`: ${result.title}`,
    '',
    `${result.items.toLocaleString('en')} items; median of ${result.rounds} rounds after ${result.warmup} warm-up, contenders alternating; baseline: ${result.baseline}.`,
    '',
    ...raceTable(result),
  ];
  for (const derived of result.derived ?? []) out.push('', `${derived.name}: ${derived.formula}.`);
  if (result.target) {
    const { contender, against, maxRatio, ratio, met, figures } = result.target;
    const counts = (figures ?? [])
      .map((f) => `; ${f.name} ${figure(f.actual)}, wanted ${figure(f.expected)}`)
      .join('');
    out.push(
      '',
      `**Target**: ${contender} ≤ ${maxRatio}× ${against}${figures?.length ? ', exact counts' : ''} — **${met ? 'met' : 'missed'}** (${ratio.toFixed(2)}×${counts}).`,
    );
  }
  return out;
}

/** One row per scenario with a target: whether it was met. */
function targets(results: readonly SavedResult[]): string[] {
  const rows: string[][] = [];
  for (const result of results) {
    if (result.kind !== 'race' || !result.target) continue;
    const { contender, against, maxRatio, ratio, met, figures } = result.target;
    const counts = (figures ?? []).map((f) => `, ${f.name} ${figure(f.actual)}`).join('');
    rows.push([
      `\`${result.id}\``,
      `${contender} ≤ ${maxRatio}× ${against}${counts ? ` (and ${figures?.map((f) => `${f.name} = ${figure(f.expected)}`).join(', ')})` : ''}`,
      `${ratio.toFixed(2)}×${counts}`,
      met ? 'met' : '**missed**',
    ]);
  }
  return rows.length > 0
    ? table(['scenario', 'target', 'result', ''], rows, (column) => column === 2)
    : [];
}

export function resultsMarkdown(machine: MachineInfo, results: readonly SavedResult[]): string {
  const lines = [
    `Machine: ${machine.cpus.count} × ${machine.cpus.model}, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}. Written ${machine.date.slice(0, 16).replace('T', ' ')} UTC by \`npm run bench\`.`,
    '',
    ...targets(results),
  ];
  for (const result of results) lines.push('', ...section(result));
  return lines.join('\n');
}

/** Replaces the marked part of `docs/performance.md`; leaves a file without markers alone. */
export async function updateDoc(
  path: string,
  machine: MachineInfo,
  results: readonly SavedResult[],
): Promise<boolean> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return false;
  }
  const start = text.indexOf(START_MARKER);
  const end = text.indexOf(END_MARKER);
  if (start < 0 || end < start) return false;
  const body = resultsMarkdown(machine, results);
  const next = `${text.slice(0, start + START_MARKER.length)}\n\n${body}\n\n${text.slice(end)}`;
  await writeFile(path, next, 'utf8');
  return true;
}
