/**
 * Sessions stored before issue 15 (formats 1 and 2) counted a line that had its outcome
 * (`order_created.*`, `no_order.*`) as `confirmed`: the standings `ordered`, `no_order` and
 * `unknown` did not exist. Without the session read a session settles by counting its lines, so
 * such a line would be awaited again and never counted as settled. Before restoring, each line's
 * standing is set from its state, and the session's counters from the lines.
 */
import type { LineStanding } from '../../machines/line/types.js';
import { countStandings } from '../../machines/session/counts.js';
import { storedLines } from './snapshotPatch.js';

/** The standing a line in an outcome state has (others keep theirs). */
const OUTCOME_STANDINGS: Record<string, LineStanding> = {
  order_created: 'ordered',
  no_order: 'no_order',
  outcome_unknown: 'unknown',
};

function topState(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) return Object.keys(value)[0] ?? '';
  return '';
}

/** Mutates the (freshly parsed) snapshot; returns how many lines changed standing. */
export function standingsFromStates(snapshot: unknown): number {
  let changed = 0;
  const standings: LineStanding[] = [];
  for (const line of Object.values(storedLines(snapshot))) {
    const node = line as { value?: unknown; context?: { standing?: LineStanding } };
    const context = node.context;
    if (!context) continue;
    const standing = OUTCOME_STANDINGS[topState(node.value)];
    if (standing && context.standing !== standing) {
      context.standing = standing;
      changed++;
    }
    if (context.standing) standings.push(context.standing);
  }
  const header = (snapshot as { context?: { counts?: unknown } } | null)?.context;
  if (header && typeof header === 'object') header.counts = countStandings(standings);
  return changed;
}
