import type { ScenarioResult } from './measure.js';
import type { ProbeResult } from './scenario.js';

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

/** Columns aligned: the first to the left, the others to the right. */
function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => pad(cell, widths[column] ?? 0, column > 0))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

export function formatMs(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
}

/** A per-item time in the unit that reads best. */
export function formatPerItem(us: number): string {
  return us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(2)} µs`;
}

function formatFigure(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return '—';
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/**
 * The columns and rows of a race: one row per contender (then the computed ones), with each
 * figure (requests, saves…) written by `figure`. Shared by the terminal table and the Markdown
 * one in docs/performance.md.
 */
export function raceRows(
  result: ScenarioResult,
  options: { figure: (value: number | undefined) => string; markBaseline: boolean },
): { header: string[]; rows: string[][] } {
  const figureNames = [
    ...new Set(result.contenders.flatMap((contender) => Object.keys(contender.figures ?? {}))),
  ];
  const rows = result.contenders.map((contender) => [
    options.markBaseline && contender.name === result.baseline
      ? `${contender.name} (baseline)`
      : contender.name,
    formatMs(contender.medianMs),
    formatPerItem(contender.perItemUs),
    `${contender.ratio.toFixed(2)}×`,
    ...figureNames.map((name) => options.figure(contender.figures?.[name])),
  ]);
  for (const derived of result.derived ?? []) {
    rows.push([
      `${derived.name} (computed)`,
      formatMs(derived.medianMs),
      formatPerItem((derived.medianMs * 1000) / result.items),
      `${derived.ratio.toFixed(2)}×`,
      ...figureNames.map(() => ''),
    ]);
  }
  return { header: ['contender', 'median', 'per item', 'vs baseline', ...figureNames], rows };
}

/** A plain-text table of one scenario's results. */
export function formatResult(result: ScenarioResult): string {
  const { header, rows } = raceRows(result, { figure: formatFigure, markBaseline: true });
  const out = [
    `${result.id}: ${result.title}`,
    `  ${result.items.toLocaleString('en')} items, median of ${result.rounds} rounds (${result.warmup} warm-up)`,
    ...table(header, rows).map((row) => `  ${row}`),
  ];
  for (const derived of result.derived ?? []) out.push(`  ${derived.name}: ${derived.formula}`);
  if (result.target) {
    const { contender, against, maxRatio, ratio, met, figures } = result.target;
    const counts = (figures ?? [])
      .map((figure) => `, ${figure.name} ${formatFigure(figure.actual)} (want ${figure.expected})`)
      .join('');
    out.push(
      `  target: ${contender} ≤ ${maxRatio}× ${against}${counts ? ' and exact counts' : ''}: ${met ? 'met' : 'MISSED'} (${ratio.toFixed(2)}×${counts})`,
    );
  }
  if (result.note) out.push(`  ${result.note}`);
  return out.join('\n');
}

/** A plain-text list of a probe's figures. */
export function formatProbe(id: string, title: string, result: ProbeResult): string {
  const rows = result.figures.map((figure) => [
    figure.name,
    `${formatFigure(figure.value)} ${figure.unit}`,
  ]);
  return [
    `${id}: ${title}`,
    ...table(['figure', 'value'], rows).map((row) => `  ${row}`),
    `  ${result.method}`,
  ].join('\n');
}
