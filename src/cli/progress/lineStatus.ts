/** How one line is shown, in the live view and in the final table. */
import type { LineResult } from '../../runtime/orderSession.js';
import type { TerminationError } from '../../schemas/line.js';

/** waiting: nothing sent yet; busy: a call or the outcome is awaited; the rest are settled. */
export type Tone = 'waiting' | 'busy' | 'held' | 'good' | 'bad';

export interface LineStatus {
  label: string;
  tone: Tone;
}

/** The line machine's state (`order_created.acknowledged`) in words. */
export function lineStatus(line: Pick<LineResult, 'machineState'>): LineStatus {
  const [top = ''] = line.machineState.split('.');
  switch (top) {
    case 'draft':
      return { label: 'waiting', tone: 'waiting' };
    case 'creating':
      return { label: 'creating', tone: 'busy' };
    case 'reconciling':
      return { label: 'checking', tone: 'busy' };
    case 'creation_failed':
      return { label: 'not created', tone: 'bad' };
    case 'created':
      return { label: 'created', tone: 'held' };
    case 'updating':
      return { label: 'updating', tone: 'busy' };
    case 'update_failed':
      return { label: 'update failed', tone: 'bad' };
    case 'deleting':
      return { label: 'deleting', tone: 'busy' };
    case 'deletion_failed':
      return { label: 'delete failed', tone: 'bad' };
    case 'removed':
      return { label: 'removed', tone: 'waiting' };
    case 'awaiting_outcome':
      return { label: 'confirmed', tone: 'busy' };
    case 'order_created':
      return { label: 'order created', tone: 'good' };
    case 'no_order':
      return { label: 'no order', tone: 'bad' };
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
