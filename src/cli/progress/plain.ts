/**
 * Progress as plain lines, one per event (`line 1 ACME-01 created (id 41)`): for pipes, CI, logs
 * and `--json` runs (on stderr there). Lines are numbered from 1, as in the order file.
 */
import type { SessionProgressEvent } from '../../events/sessionEvents.js';
import { terminationTexts } from './lineStatus.js';

/** Events about one line. */
export function isLineEvent(event: SessionProgressEvent): boolean {
  return event.type.startsWith('line.');
}

/** The event as one line of text, or `undefined` for events not worth a line. */
export function describeEvent(
  event: SessionProgressEvent,
  externalIdOf: (key: string) => string | null | undefined,
): string | undefined {
  const line = (key: string, index: number) => {
    const externalId = externalIdOf(key);
    return externalId ? `line ${index + 1} ${externalId}` : `line ${index + 1}`;
  };
  switch (event.type) {
    case 'session.created':
      return `session ${event.sessionId} created`;
    case 'session.invalid':
      return `session not ready: ${event.issues.length} issue(s)`;
    case 'line.added':
      return undefined;
    case 'line.created':
      return `${line(event.key, event.index)} created (id ${event.lineId})${event.reconciled ? ', found on the API after a lost answer' : ''}`;
    case 'line.updated':
      return `${line(event.key, event.index)} updated (${event.fields.join(', ')})`;
    case 'line.removed':
      return `${line(event.key, event.index)} removed`;
    case 'line.failed':
      return `${line(event.key, event.index)} failed to ${event.phase}: ${event.error.message}`;
    case 'line.warning':
      return `${line(event.key, event.index)} warning ${event.issue.code}: ${event.issue.message}`;
    case 'confirmation.started':
      return `confirming session ${event.sessionId}`;
    case 'session.confirmed':
      return `session ${event.sessionId} confirmed${event.reconciled ? ' (found confirmed after a lost answer)' : ''}: waiting for the outcome`;
    case 'line.outcome': {
      const detail = event.orderReference
        ? `, order ${event.orderReference}`
        : event.terminationErrors.length > 0
          ? `: ${terminationTexts(event.terminationErrors).join('; ')}`
          : '';
      const state =
        event.state ??
        (event.orderState ? `order created (tracking: ${event.orderState})` : event.outcome);
      return `${line(event.key, event.index)} ${state}${detail}`;
    }
    case 'session.outcome':
      return `session ${event.sessionId} ${event.state}`;
    case 'session.failed':
      return `session stopped (${event.phase}): ${event.error?.message ?? 'a line failed'}`;
    case 'session.cancelled':
      return 'session cancelled';
    case 'session.read_unavailable':
      // Said once by the command itself, on stderr.
      return undefined;
  }
}
