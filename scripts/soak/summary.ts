/**
 * The soak's summary: one set of rows (section, measure, value) shown as a terminal table and
 * written as a Markdown table into docs/reliability.md, and the verdict — the reasons, if any,
 * for a non-zero exit.
 */
import Table from 'cli-table3';
import type { CrashSoakReport } from './crashSoak.js';
import type { FaultSoakReport } from './faultSoak.js';
import type { HostileBodiesReport } from './hostileBodies.js';
import { type HostileFilesReport, hostileFilesPassed } from './hostileFiles.js';
import { type MemorySoakReport, memorySoakPassed } from './memorySoak.js';
import type { RunnerSoakReport } from './runnerSoak.js';
import type { Leak } from './secrets.js';
import { type StoreSoakReport, storeSoakPassed } from './storeSoak.js';
import { type Verification, verificationPassed } from './verify.js';

export interface SoakSummary {
  finishedAt: string;
  seed: number;
  durationMs: number;
  faults: FaultSoakReport[];
  crashes: CrashSoakReport | null;
  hostileFiles: HostileFilesReport | null;
  hostileBodies: HostileBodiesReport | null;
  store: StoreSoakReport | null;
  memory?: MemorySoakReport | null;
  /** One runner per session: workers on PostgreSQL, concurrent resumes (issue 16). */
  runner?: RunnerSoakReport | null;
  secrets: { secrets: number; texts: number; dirs: number; leaks: Leak[] };
}

export type Row = [section: string, measure: string, value: string];

const ATTACK_NAMES: Record<string, string> = {
  sse: '10 dashboard clients that never read, a change every 350 ms',
  bodies: 'unauthenticated chunked bodies of ~1 MiB that never end',
  notes: 'one token holder adding lines with 1 MB notes',
};

function add(target: Record<string, number>, source: Record<string, number>): void {
  for (const [key, value] of Object.entries(source)) target[key] = (target[key] ?? 0) + value;
}

function total<T>(items: readonly T[], pick: (item: T) => number): number {
  return items.reduce((sum, item) => sum + pick(item), 0);
}

function counts(record: Record<string, number>): string {
  const entries = Object.entries(record).sort(([a], [b]) => a.localeCompare(b));
  return entries.length === 0
    ? 'none'
    : entries.map(([key, value]) => `${key}: ${value}`).join(', ');
}

/** Everything the fault and crash soaks checked, added up. */
export function allVerifications(summary: SoakSummary): Verification[] {
  return [
    ...summary.faults.map((round) => round.verification),
    ...(summary.crashes ? [summary.crashes.verification] : []),
    ...(summary.runner ? [summary.runner.verification] : []),
  ];
}

export function summaryRows(summary: SoakSummary): Row[] {
  const rows: Row[] = [];
  const checks = allVerifications(summary);
  const { faults, crashes, hostileFiles, hostileBodies, store } = summary;
  rows.push(['sessions', 'submitted', String(total(checks, (v) => v.sessions))]);
  rows.push(['sessions', 'reached a final state', String(total(checks, (v) => v.finalSessions))]);
  rows.push([
    'sessions',
    'empty sessions left by a lost creation answer',
    String(total(checks, (v) => v.orphanSessions)),
  ]);
  rows.push(['lines', 'intended', String(total(checks, (v) => v.lines))]);
  rows.push(['lines', 'held exactly once', String(total(checks, (v) => v.exactlyOnce))]);
  rows.push(['lines', 'duplicated', String(total(checks, (v) => v.duplicates))]);
  rows.push(['lines', 'lost', String(total(checks, (v) => v.lost))]);
  rows.push([
    'lines',
    'misplaced, stray or in an unexpected state',
    String(total(checks, (v) => v.misplaced + v.strays + v.mismatches)),
  ]);
  if (faults.length > 0) {
    const injected: Record<string, number> = {};
    const reasons: Record<string, number> = {};
    const failures: Record<string, number> = {};
    for (const round of faults) {
      add(injected, round.faults);
      add(reasons, round.retries.byReason);
      add(failures, round.failures);
    }
    const label = `fault soak (${faults.length} round${faults.length === 1 ? '' : 's'})`;
    rows.push([label, 'requests', String(total(faults, (r) => r.requests))]);
    rows.push([label, 'faults injected, by kind', counts(injected)]);
    rows.push([
      label,
      'requests retried by the client',
      String(total(faults, (r) => r.retries.http)),
    ]);
    rows.push([label, 'retries, by reason', counts(reasons)]);
    rows.push([
      label,
      'requests sent again with a renewed token (401)',
      String(total(faults, (r) => r.retries.unauthorized)),
    ]);
    rows.push([
      label,
      'token logins / refreshes',
      `${total(faults, (r) => r.auth.logins)} / ${total(faults, (r) => r.auth.refreshes)}`,
    ]);
    rows.push([label, 'session stops (resumable), by phase', counts(failures)]);
    rows.push([
      label,
      'RETRY sent to stopped sessions',
      String(total(faults, (r) => r.retries.sessions)),
    ]);
    rows.push([
      label,
      'writes whose answer was lost (reconciled)',
      String(total(faults, (r) => r.reconciliations.ambiguousWrites)),
    ]);
    rows.push([
      label,
      'reconciliations: lines found already created',
      String(total(faults, (r) => r.reconciliations.lines)),
    ]);
    rows.push([
      label,
      'reconciliations: confirmations found done',
      String(total(faults, (r) => r.reconciliations.confirmations)),
    ]);
    for (const round of faults.filter((r) => r.sessionRead === 'off')) {
      const off = 'fault soak, read-off round';
      rows.push([
        off,
        'sessions / lines checked',
        `${round.verification.sessions} / ${round.verification.lines}`,
      ]);
      rows.push([
        off,
        'CSV export starts (one budget for all sessions)',
        String(round.exportStarts),
      ]);
      rows.push([
        off,
        'lines found in the export after a lost answer',
        String(round.reconciliations.lines),
      ]);
      rows.push([off, 'duration', `${(round.durationMs / 1000).toFixed(1)} s`]);
    }
  }
  if (crashes) {
    rows.push(['crash soak', 'runs', String(crashes.runs)]);
    rows.push([
      'crash soak',
      'SIGKILLs (during submit / resume)',
      `${crashes.kills} (${crashes.killedDuring.submit} / ${crashes.killedDuring.resume})`,
    ]);
    rows.push(['crash soak', 'kills by the state saved at the time', counts(crashes.killedAt)]);
    rows.push(['crash soak', 'resumes', String(crashes.resumes)]);
    rows.push([
      'crash soak',
      'submits run again (killed before anything was saved or sent)',
      String(crashes.restartedFromScratch),
    ]);
    rows.push(['crash soak', 'exit codes of the commands not killed', counts(crashes.exitCodes)]);
    rows.push(['crash soak', 'random faults of the sandbox, by kind', counts(crashes.faults)]);
  }
  if (hostileFiles) {
    rows.push([
      'hostile order files',
      'files (kinds of damage)',
      `${hostileFiles.files} (${hostileFiles.kinds})`,
    ]);
    rows.push([
      'hostile order files',
      'validate exit codes',
      counts(hostileFiles.validate.exitCodes),
    ]);
    rows.push(['hostile order files', 'submit exit codes', counts(hostileFiles.submit.exitCodes)]);
    rows.push([
      'hostile order files',
      'through the binary (validate + submit)',
      `${hostileFiles.binary.runs} runs, exit codes ${counts(hostileFiles.binary.exitCodes)}`,
    ]);
    rows.push([
      'hostile order files',
      'uncaught exceptions / silent exits',
      `${hostileFiles.validate.uncaught + hostileFiles.submit.uncaught + hostileFiles.binary.uncaught} / ${hostileFiles.validate.silent + hostileFiles.submit.silent + hostileFiles.binary.silent}`,
    ]);
    rows.push([
      'hostile order files',
      'keys added to built-in prototypes',
      String(hostileFiles.pollutedKeys.length),
    ]);
    rows.push([
      'hostile order files',
      'requests submit sent / state files it left',
      `${hostileFiles.requestsSent} / ${hostileFiles.stateFiles}`,
    ]);
  }
  if (hostileBodies) {
    rows.push(['hostile bodies', 'requests', String(hostileBodies.requests)]);
    rows.push(['hostile bodies', 'answers, by status', counts(hostileBodies.byStatus)]);
    rows.push([
      'hostile bodies',
      'keys added to built-in prototypes',
      String(hostileBodies.pollutedKeys.length),
    ]);
    rows.push([
      'hostile bodies',
      '5xx / dropped connections',
      `${hostileBodies.serverErrors} / ${hostileBodies.droppedConnections}`,
    ]);
  }
  if (store) {
    rows.push([
      'file store',
      'SIGKILLs during saves (mid-write)',
      `${store.kills} (${store.killedMidWrite})`,
    ]);
    rows.push(['file store', 'snapshots read back whole', String(store.intact)]);
    rows.push([
      'file store',
      'damaged files reported clearly (API / resume command)',
      `${store.reportedClearly} / ${store.cliReportedClearly} of ${store.damagedFiles}`,
    ]);
  }
  const runner = summary.runner;
  if (runner) {
    const label = 'runners';
    if (runner.skipped) rows.push([label, 'workers on PostgreSQL', `skipped: ${runner.skipped}`]);
    else {
      rows.push([
        label,
        'sessions × lines, worker processes on one database',
        `${runner.workerSessions} × ${runner.linesPerSession}, ${runner.workers}`,
      ]);
      rows.push([label, 'workers SIGKILLed (and started again)', String(runner.workerKills)]);
      rows.push([
        label,
        'workers SIGSTOPped past their lease, then SIGCONTed',
        String(runner.workerStops),
      ]);
      rows.push([
        label,
        'sessions the paused worker stopped on waking, its lease lost',
        String(runner.leasesLostOnWake),
      ]);
      rows.push([
        label,
        'sessions other workers stopped, their lease lost (stalled by load)',
        String(runner.leasesLostOtherwise),
      ]);
      rows.push([label, 'leases lost, by reason', counts(runner.lostBecause)]);
    }
    rows.push([
      label,
      'two file-store resumes of one killed session at once: exits',
      runner.concurrentResumeExits.join(', ') || 'none',
    ]);
  }
  const memory = summary.memory;
  if (memory) {
    const label = 'memory under abuse';
    for (const attack of memory.attacks)
      rows.push([
        label,
        `${ATTACK_NAMES[attack.attack]}: sandbox RSS before / peak / after (MB)`,
        `${attack.beforeMb.toFixed(0)} / ${attack.peakMb.toFixed(0)} / ${attack.endMb.toFixed(0)}; answers ${counts(attack.byStatus)}`,
      ]);
    rows.push([
      label,
      'peak growth allowed / sandbox still serving',
      `${memory.maxGrowthMb} MB / ${memory.attacks.every((attack) => attack.stillServing) ? 'yes' : 'no'}`,
    ]);
  }
  rows.push([
    'secrets',
    'secrets looked for / texts / directories scanned',
    `${summary.secrets.secrets} / ${summary.secrets.texts} / ${summary.secrets.dirs}`,
  ]);
  rows.push(['secrets', 'found', String(summary.secrets.leaks.length)]);
  return rows;
}

/** Why the soak fails (empty: it passed). */
export function verdict(summary: SoakSummary): string[] {
  const reasons: string[] = [];
  for (const [n, check] of allVerifications(summary).entries()) {
    if (!verificationPassed(check))
      reasons.push(
        `check ${n + 1}: ${check.duplicates} duplicated, ${check.lost} lost, ${check.sessions - check.finalSessions} not final, ${check.misplaced + check.strays + check.mismatches} misplaced/stray/unexpected`,
        ...check.problems.slice(0, 5).map((problem) => `  ${problem}`),
      );
  }
  if (summary.runner && summary.runner.problems.length > 0)
    reasons.push(...summary.runner.problems.map((problem) => `runner soak: ${problem}`));
  if (summary.crashes && summary.crashes.problems.length > 0)
    reasons.push(...summary.crashes.problems.map((problem) => `crash soak: ${problem}`));
  if (summary.hostileFiles && !hostileFilesPassed(summary.hostileFiles))
    reasons.push(
      'hostile files: a command crashed, was silent, exited otherwise than 1 or 2, or submit sent or saved something',
      ...summary.hostileFiles.problems.map((problem) => `  ${problem}`),
    );
  const bodies = summary.hostileBodies;
  if (
    bodies &&
    (bodies.serverErrors > 0 ||
      bodies.droppedConnections > 0 ||
      !bodies.stillServing ||
      bodies.pollutedKeys.length > 0)
  )
    reasons.push(
      `hostile bodies: ${bodies.serverErrors} 5xx, ${bodies.droppedConnections} dropped connections${bodies.stillServing ? '' : ', the sandbox stopped serving'}`,
      ...bodies.problems.map((problem) => `  ${problem}`),
    );
  if (summary.memory && !memorySoakPassed(summary.memory))
    for (const attack of summary.memory.attacks.filter((item) => !item.passed))
      reasons.push(
        `memory: ${ATTACK_NAMES[attack.attack]}: RSS ${attack.beforeMb.toFixed(0)} → peak ${attack.peakMb.toFixed(0)} MB (allowed +${summary.memory.maxGrowthMb} MB)${attack.stillServing ? '' : ', the sandbox stopped serving'}`,
      );
  if (summary.store && !storeSoakPassed(summary.store))
    reasons.push('file store:', ...summary.store.problems.map((problem) => `  ${problem}`));
  for (const leak of summary.secrets.leaks)
    reasons.push(`secret leak: ${leak.secret} in ${leak.where}`);
  return reasons;
}

export function renderTable(rows: readonly Row[]): string {
  const table = new Table({
    head: ['', 'measure', 'value'],
    style: { head: [], border: [], compact: true },
    colWidths: [24, 50, 46],
    wordWrap: true,
  });
  let previous = '';
  for (const [section, measure, value] of rows) {
    table.push([section === previous ? '' : section, measure, value]);
    previous = section;
  }
  return table.toString();
}

const cell = (text: string) => text.replaceAll('|', '\\|');

/** A Markdown table with padded columns (as the formatter writes them, so it stays as written). */
function markdownTable(head: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const all = [head, ...rows].map((row) => row.map(cell));
  const widths = head.map((_, column) =>
    Math.max(3, ...all.map((row) => (row[column] ?? '').length)),
  );
  const line = (row: readonly string[]) =>
    `| ${row.map((text, column) => text.padEnd(widths[column] ?? 3)).join(' | ')} |`;
  const [first = [], ...rest] = all;
  return [line(first), line(widths.map((width) => '-'.repeat(width))), ...rest.map(line)];
}

export function renderMarkdown(summary: SoakSummary, command: string): string {
  const reasons = verdict(summary);
  let previous = '';
  const rows = summaryRows(summary).map(([section, measure, value]) => {
    const shown = section === previous ? '' : section;
    previous = section;
    return [shown, measure, value];
  });
  return [
    `Run of \`${command}\` finished ${summary.finishedAt} (seed ${summary.seed}, ${Math.round(summary.durationMs / 1000)} s): **${reasons.length === 0 ? 'passed' : 'FAILED'}**.`,
    '',
    ...markdownTable(['', 'measure', 'value'], rows),
    ...(reasons.length > 0 ? ['', ...reasons.map((reason) => `- ${reason.trim()}`)] : []),
  ].join('\n');
}
