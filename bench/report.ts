import type { ScenarioResult } from './measure.js';

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

/** A plain-text table of one scenario's results. */
export function formatResult(result: ScenarioResult, rounds: number): string {
  const rows = result.contenders.map((contender) => [
    contender.name === result.baseline ? `${contender.name} (baseline)` : contender.name,
    `${contender.medianMs.toFixed(1)} ms`,
    `${contender.perItemUs.toFixed(2)} µs`,
    `${contender.ratio.toFixed(2)}×`,
  ]);
  const header = ['contender', 'median', 'per item', 'vs baseline'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells.map((cell, column) => pad(cell, widths[column] ?? 0, column > 0)).join('  ');
  const out = [
    `${result.id}: ${result.title}`,
    `  ${result.items.toLocaleString('en')} items, median of ${rounds} rounds`,
    `  ${line(header)}`,
    ...rows.map((row) => `  ${line(row)}`),
  ];
  if (result.target) {
    const { contender, maxRatio, ratio, met } = result.target;
    out.push(
      `  target: ${contender} ≤ ${maxRatio}× the baseline: ${met ? 'met' : 'MISSED'} (${ratio.toFixed(2)}×)`,
    );
  }
  return out.join('\n');
}
