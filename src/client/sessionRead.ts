/**
 * Whether the client reads a session back with `GET /api/v1/product_order/{id}/` (an assumption:
 * the doc documents no read endpoint) or uses only the documented paths (order tracking and the
 * CSV export). `auto` reads until the API answers that route 404, 405 or 501, then switches to the
 * documented paths for the rest of the client's life, and says so once (`onSwitch`).
 */
export type SessionReadMode = 'auto' | 'on' | 'off';

export const SESSION_READ_MODES: readonly SessionReadMode[] = ['auto', 'on', 'off'];

/** What `auto` has learnt: nothing yet, the read answered, or the route is missing. */
export type SessionReadAvailability = 'unknown' | 'available' | 'unavailable';

/** The one switch of an `auto` client: which answer made it. */
export interface SessionReadSwitch {
  status: number;
  method: 'GET';
  path: string;
}

/** Statuses that say the route itself is missing (not the session). */
export const READ_MISSING_STATUSES: readonly number[] = [404, 405, 501];

export class SessionReadState {
  readonly mode: SessionReadMode;
  #availability: SessionReadAvailability = 'unknown';
  #switch: SessionReadSwitch | null = null;
  readonly #listeners = new Set<(change: SessionReadSwitch) => void>();

  constructor(mode: SessionReadMode = 'auto') {
    this.mode = mode;
  }

  get availability(): SessionReadAvailability {
    return this.#availability;
  }

  /** The answer that made an `auto` client switch, or null. */
  get switched(): SessionReadSwitch | null {
    return this.#switch;
  }

  /** True when the read is to be used: `on`, or `auto` until the route answered as missing. */
  get usable(): boolean {
    if (this.mode === 'off') return false;
    return this.mode === 'on' || this.#availability !== 'unavailable';
  }

  /** The read answered: under `auto`, a later 404 is a missing session, not a missing route. */
  markAvailable(): void {
    if (this.#availability === 'unknown') this.#availability = 'available';
  }

  /**
   * Under `auto`, before the read ever answered: a 404, 405 or 501 switches to the documented
   * paths. True when this call made the switch (the listeners are told once).
   */
  switchOn(status: number, path: string): boolean {
    if (this.mode !== 'auto' || this.#availability !== 'unknown') return false;
    if (!READ_MISSING_STATUSES.includes(status)) return false;
    this.#availability = 'unavailable';
    this.#switch = { status, method: 'GET', path };
    for (const listener of this.#listeners) listener(this.#switch);
    return true;
  }

  /** Called once, when an `auto` client switches to the documented paths. */
  onSwitch(listener: (change: SessionReadSwitch) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
