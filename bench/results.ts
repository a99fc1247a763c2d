/**
 * `bench/results.json`: the machine, and each scenario's last results. Running some scenarios
 * replaces their entries and keeps the others' (each entry says when it ran).
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { cpus, platform, release, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { ScenarioResult } from './measure.js';
import type { ProbeResult } from './scenario.js';

/** The source tree's `bench/results.json` (this module runs from `dist/bench/`). */
export const RESULTS_PATH = fileURLToPath(new URL('../../bench/results.json', import.meta.url));

export interface MachineInfo {
  cpus: { model: string; count: number };
  memoryGiB: number;
  os: string;
  node: string;
  date: string;
}

export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    cpus: { model: list[0]?.model.trim() ?? 'unknown', count: list.length },
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${platform()} ${release()}`,
    node: process.version,
    date: new Date().toISOString(),
  };
}

export type SavedResult =
  | ({ kind: 'race'; ranAt: string } & ScenarioResult)
  | ({ kind: 'probe'; ranAt: string; id: string; title: string } & ProbeResult);

export interface ResultsFile {
  machine: MachineInfo;
  scenarios: SavedResult[];
}

async function previous(path: string): Promise<SavedResult[]> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<ResultsFile>;
    return Array.isArray(parsed.scenarios) ? parsed.scenarios : [];
  } catch {
    return [];
  }
}

/**
 * Writes the file (through a temporary file, then a rename), keeping the entries of scenarios not
 * re-run, in `order` (the scenarios' ids).
 */
export async function saveResults(
  path: string,
  machine: MachineInfo,
  results: readonly SavedResult[],
  order: readonly string[],
): Promise<ResultsFile> {
  const fresh = new Map(results.map((result) => [result.id, result]));
  const kept = (await previous(path)).filter((result) => !fresh.has(result.id));
  const scenarios = [...kept, ...results].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  const file: ResultsFile = { machine, scenarios };
  const temp = `${path}.tmp`;
  await writeFile(temp, `${JSON.stringify(file, null, 2)}\n`, 'utf8');
  await rename(temp, path);
  return file;
}
