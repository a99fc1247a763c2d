/**
 * What the progress displays know about a running session, kept from its events at O(1) per
 * event: one entry per line (its last known status), counters per tone, the lines under way in
 * order, and the last lines that settled. The live view, the plain lines and the heartbeat draw
 * from it; none of them rebuilds every line of a 10,000-line session on each event or frame.
 */
import type { SessionProgressEvent } from '../../events/sessionEvents.js';
import type { LineResult } from '../../runtime/orderSession.js';
import { type LineStatus, lineDetail, lineStatus, type Tone } from './lineStatus.js';

export interface LineView {
  key: string;
  /** 1-based, as the order file numbers its lines. */
  number: number;
  externalId: string | null;
  status: LineStatus;
  apiState: string | null;
  /** The order reference, the termination errors or the last error, in a few words. */
  detail: string;
}

export const TONES: readonly Tone[] = ['waiting', 'busy', 'held', 'good', 'bad'];

/** Settled lines kept for the view, most recent last. */
const RECENT = 64;

const isOpen = (tone: Tone) => tone === 'waiting' || tone === 'busy';

export class ProgressModel {
  readonly #lines = new Map<string, LineView>();
  /** Lines waiting or under way, in the order they entered (the order file's, at first). */
  readonly #open = new Set<string>();
  /** The last lines that settled (an order, no order, a failure), oldest first. */
  readonly #recent: string[] = [];
  readonly #counts: Record<Tone, number> = { waiting: 0, busy: 0, held: 0, good: 0, bad: 0 };
  #confirmed = false;
  /** The API's session id, once known. */
  sessionId: string | null;

  /** From the session as it stands (once, at the start: O(lines)). */
  constructor(lines: readonly LineResult[], sessionId: string | null = null) {
    this.sessionId = sessionId;
    for (const line of lines) {
      this.#set({
        key: line.key,
        number: line.index + 1,
        externalId: line.externalId,
        status: lineStatus(line),
        apiState: line.apiState,
        detail: lineDetail(line),
      });
    }
  }

  get size(): number {
    return this.#lines.size;
  }

  count(tone: Tone): number {
    return this.#counts[tone];
  }

  get(key: string): LineView | undefined {
    return this.#lines.get(key);
  }

  /** The first `limit` lines waiting or under way, in order. */
  open(limit: number): LineView[] {
    const out: LineView[] = [];
    for (const key of this.#open) {
      if (out.length >= limit) break;
      const view = this.#lines.get(key);
      if (view) out.push(view);
    }
    return out;
  }

  /** The last `limit` lines that settled, most recent last. */
  recent(limit: number): LineView[] {
    if (limit <= 0) return [];
    return this.#recent
      .slice(-limit)
      .map((key) => this.#lines.get(key))
      .filter((view): view is LineView => view !== undefined);
  }

  /** Every line, in order (for a small session, drawn whole). */
  all(): LineView[] {
    return [...this.#lines.values()];
  }

  #set(view: LineView): void {
    const before = this.#lines.get(view.key);
    if (before) this.#counts[before.status.tone]--;
    this.#counts[view.status.tone]++;
    this.#lines.set(view.key, view);
    if (isOpen(view.status.tone)) this.#open.add(view.key);
    else this.#open.delete(view.key);
    if (view.status.tone === 'good' || view.status.tone === 'bad') {
      this.#recent.push(view.key);
      if (this.#recent.length > RECENT * 2) this.#recent.splice(0, this.#recent.length - RECENT);
    }
  }

  #update(key: string, index: number, change: Partial<LineView>): void {
    const view = this.#lines.get(key) ?? {
      key,
      number: index + 1,
      externalId: null,
      status: { label: 'waiting', tone: 'waiting' as const },
      apiState: null,
      detail: '',
    };
    this.#set({ ...view, ...change });
  }

  /** Applies one event: O(1), but `session.confirmed` (once per session) which marks every line. */
  apply(event: SessionProgressEvent): void {
    switch (event.type) {
      case 'session.created':
        this.sessionId = event.sessionId;
        return;
      case 'line.added':
        if (!this.#lines.has(event.key)) this.#update(event.key, event.index, {});
        return;
      case 'line.created':
        this.#update(event.key, event.index, {
          status: { label: 'created', tone: 'held' },
          apiState: 'created',
          detail: '',
        });
        return;
      case 'line.failed':
        this.#update(event.key, event.index, {
          status: {
            label:
              event.phase === 'update'
                ? 'update failed'
                : event.phase === 'delete'
                  ? 'delete failed'
                  : 'not created',
            tone: 'bad',
          },
          detail: event.error.message,
        });
        return;
      case 'line.removed':
        this.#update(event.key, event.index, { status: { label: 'removed', tone: 'held' } });
        return;
      case 'session.confirmed':
        this.sessionId = event.sessionId;
        if (this.#confirmed) return;
        this.#confirmed = true;
        for (const view of this.#lines.values()) {
          if (view.status.tone === 'held' && view.status.label !== 'removed')
            // The API's state is not known again until the session is read back.
            this.#set({ ...view, status: { label: 'confirmed', tone: 'busy' }, apiState: null });
        }
        return;
      case 'line.outcome': {
        const detail = event.orderReference
          ? `order ${event.orderReference}`
          : event.terminationErrors
              .map((error) =>
                error.property_path ? `${error.code} @ ${error.property_path}` : error.code,
              )
              .join('; ');
        const status: LineStatus =
          event.outcome === 'order_created'
            ? { label: 'order created', tone: 'good' }
            : event.outcome === 'no_order'
              ? { label: 'no order', tone: 'bad' }
              : { label: 'confirmed', tone: 'busy' };
        this.#update(event.key, event.index, {
          status: event.outcome === 'outcome_unknown' ? { label: 'unknown', tone: 'bad' } : status,
          apiState: event.state ?? event.orderState ?? null,
          detail,
        });
        return;
      }
      default:
        return;
    }
  }
}
