/**
 * Reads Stryker's JSON report (reports/mutation/mutation.json) and prints the mutation score per
 * file, the surviving mutants (file:line, mutator, replacement), and a last line
 * `mutation score: NN.N%`. The score counts killed and timed-out mutants as detected, survived
 * and uncovered ones as not; mutants that do not compile or break at run time are left out.
 */
import { readFileSync } from 'node:fs';

interface Mutant {
  mutatorName: string;
  replacement?: string;
  status: string;
  location: { start: { line: number; column: number } };
}

interface Report {
  files: Record<string, { mutants: Mutant[] }>;
}

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

export interface FileScore {
  file: string;
  detected: number;
  undetected: number;
  score: number;
}

export function scores(report: Report): { files: FileScore[]; total: FileScore } {
  const files = Object.entries(report.files)
    .map(([file, { mutants }]) => {
      const detected = mutants.filter((mutant) => DETECTED.has(mutant.status)).length;
      const undetected = mutants.filter((mutant) => UNDETECTED.has(mutant.status)).length;
      return { file, detected, undetected, score: percent(detected, undetected) };
    })
    .sort((a, b) => a.file.localeCompare(b.file));
  const detected = files.reduce((sum, file) => sum + file.detected, 0);
  const undetected = files.reduce((sum, file) => sum + file.undetected, 0);
  return {
    files,
    total: { file: 'all', detected, undetected, score: percent(detected, undetected) },
  };
}

function percent(detected: number, undetected: number): number {
  const valid = detected + undetected;
  return valid === 0 ? 100 : (100 * detected) / valid;
}

function main(path: string) {
  const report = JSON.parse(readFileSync(path, 'utf8')) as Report;
  const { files, total } = scores(report);
  const width = Math.max(...files.map((file) => file.file.length));
  for (const file of files)
    console.log(
      `${file.file.padEnd(width)}  ${file.score.toFixed(1).padStart(5)}%  (${file.detected} of ${file.detected + file.undetected})`,
    );
  const survivors = Object.entries(report.files).flatMap(([file, { mutants }]) =>
    mutants
      .filter((mutant) => UNDETECTED.has(mutant.status))
      .map(
        (mutant) =>
          `${file}:${mutant.location.start.line}:${mutant.location.start.column} ${mutant.status} ${mutant.mutatorName} → ${(mutant.replacement ?? '').replace(/\s+/g, ' ').slice(0, 80)}`,
      ),
  );
  if (survivors.length > 0)
    console.log(`\nnot detected (${survivors.length}):\n${survivors.join('\n')}\n`);
  console.log(`mutation score: ${total.score.toFixed(1)}%`);
}

main(process.argv[2] ?? 'reports/mutation/mutation.json');
