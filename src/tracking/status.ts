import type { OrderStatus } from './types.js';

/** A provider's status table: its own status values → the common status. */
export type StatusTable = Readonly<Record<string, OrderStatus>>;

/** Case, spaces, `_` and `-` do not matter: `In Progress`, `in_progress`, `IN-PROGRESS` match. */
export function statusKey(value: string): string {
  return value.toLowerCase().replace(/[\s_-]+/g, '');
}

/**
 * The common status of a provider status. A value the table does not know is reported as
 * `in_progress` — not final, so `follow` keeps watching — rather than failing the whole listing.
 */
export function commonStatus(table: StatusTable, providerStatus: string): OrderStatus {
  const wanted = statusKey(providerStatus);
  for (const [value, status] of Object.entries(table)) {
    if (statusKey(value) === wanted) return status;
  }
  return 'in_progress';
}
