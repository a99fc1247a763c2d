/** How one line is shown, in the live view and in the final table. */
import type { LineResult } from '../../runtime/orderSession.js';
import type { TerminationError } from '../../schemas/line.js';

/** waiting: nothing sent yet; busy: a call or the outcome is awaited; the rest are settled. */
export type Tone = 'waiting' | 'busy' | 'held' | 'good' | 'bad';

export interface LineStatus {
  label: string;
  tone: Tone;
}

/** A line's phases, by the line machine's state (`creating.reconciling`), in words. */
const PHASES: Record<string, LineStatus> = {
  'creating.sending': { label: 'creating', tone: 'busy' },
  'creating.reconciling': { label: 'checking', tone: 'busy' },
  'creating.failed': { label: 'not created', tone: 'bad' },
  'created.updating': { label: 'updating', tone: 'busy' },
  'created.update_failed': { label: 'update failed', tone: 'bad' },
  'created.deleting': { label: 'deleting', tone: 'busy' },
  'created.deletion_failed': { label: 'delete failed', tone: 'bad' },
};

/** The line machine's state (`order_created.acknowledged`) in words. */
export function lineStatus(line: Pick<LineResult, 'machineState'>): LineStatus {
  const phase = PHASES[line.machineState];
  if (phase) return phase;
  const [top = ''] = line.machineState.split('.');
  switch (top) {
    case 'draft':
      return { label: 'waiting', tone: 'waiting' };
    case 'creating':
      return { label: 'creating', tone: 'busy' };
    case 'created':
      return { label: 'created', tone: 'held' };
    case 'removed':
      return { label: 'removed', tone: 'waiting' };
    case 'awaiting_outcome':
      return { label: 'confirmed', tone: 'busy' };
    case 'order_created':
      return { label: 'order created', tone: 'good' };
    case 'no_order':
      return { label: 'no order', tone: 'bad' };
    case 'outcome_unknown':
      return { label: 'unknown', tone: 'bad' };
    default:
      return { label: top.replaceAll('_', ' ') || 'unknown', tone: 'waiting' };
  }
}

/** `code @ property_path` for each termination error. */
export function terminationTexts(errors: readonly TerminationError[]): string[] {
  return errors.map((error) =>
    error.property_path ? `${error.code} @ ${error.property_path}` : error.code,
  );
}

/** What the line came to, in a few words: its order, why it has none, or its last error. */
export function lineDetail(line: LineResult): string {
  if (line.orderReference) return `order ${line.orderReference}`;
  if (line.terminationErrors.length > 0) return terminationTexts(line.terminationErrors).join('; ');
  if (line.error) return line.error.message;
  return '';
}
