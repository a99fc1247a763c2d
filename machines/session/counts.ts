/**
 * The session's counters of its lines by standing, kept from its lines' `LINE.MOVED` notices:
 * the guards evaluated after each line event read these, never the lines themselves.
 */
import { LINE_STANDINGS, type LineStanding } from '../line/types.js';
import type { LineCounts, SessionContext, SessionMachineEvent } from './types.js';

export function emptyCounts(): LineCounts {
  return Object.fromEntries(LINE_STANDINGS.map((standing) => [standing, 0])) as LineCounts;
}

/** The counters once `event` is applied (the same counters for any event but `LINE.MOVED`). */
export function countsAfter(counts: LineCounts, event: SessionMachineEvent): LineCounts {
  if (event.type !== 'LINE.MOVED') return counts;
  return {
    ...counts,
    [event.from]: (counts[event.from] ?? 0) - 1,
    [event.to]: (counts[event.to] ?? 0) + 1,
  };
}

/** Lines that are part of the session: not removed, nor being removed. */
export function activeLines(counts: LineCounts): number {
  return (
    counts.local +
    counts.creating +
    counts.synced +
    counts.pending +
    counts.failed +
    counts.confirmed +
    // Absent from the counters of a session stored before issue 15.
    (counts.ordered ?? 0) +
    (counts.no_order ?? 0) +
    (counts.unknown ?? 0)
  );
}

/**
 * The doc's flowchart over the lines' own outcomes, once no line waits for one: `completed`
 * (every line an order), `partial` (some), `rejected` (none); null while one still waits or when
 * one's outcome is unknown.
 */
export function settled(counts: LineCounts): 'completed' | 'partial' | 'rejected' | null {
  const ordered = counts.ordered ?? 0;
  if (counts.confirmed > 0 || (counts.unknown ?? 0) > 0) return null;
  const decided = ordered + (counts.no_order ?? 0);
  if (decided === 0 || decided !== activeLines(counts)) return null;
  if (ordered === decided) return 'completed';
  return ordered > 0 ? 'partial' : 'rejected';
}

/** Every line of the session is held by the API exactly as drafted (and there is one). */
export function allInSync(counts: LineCounts): boolean {
  const active = activeLines(counts);
  return active > 0 && counts.synced === active;
}

/** Counters from the lines' standings (a restored session counts again rather than trust). */
export function countStandings(standings: Iterable<LineStanding>): LineCounts {
  const counts = emptyCounts();
  for (const standing of standings) counts[standing]++;
  return counts;
}

/** A line's key from its number, and its position in the order from its key. */
export const lineKey = (number: number) => `L${number}`;
export const lineIndex = (key: string) => Number(key.slice(1)) - 1;

/** The creation slots still free. */
export const freeSlots = (context: SessionContext) =>
  Math.max(0, context.options.concurrency - context.inFlight);
