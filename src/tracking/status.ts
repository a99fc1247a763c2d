import { z } from 'zod';
import type { OrderStatus } from './types.js';

/**
 * A status field as the readers take it: any value, or none. The docs print strings (Adobe: codes
 * such as `"1000"`); whatever comes, it is kept, and one the table does not know reads as
 * `unknown` (`commonStatus`), never as an error.
 */
export const statusField = z
  .unknown()
  .optional()
  .describe(
    'the provider status, usually a string; read whatever it is: an unknown or missing one is the common status "unknown"',
  );

/** A provider's status table: its own status values → the common status. */
export type StatusTable = Readonly<Record<string, OrderStatus>>;

/** Case, spaces, `_` and `-` do not matter: `In Progress`, `in_progress`, `IN-PROGRESS` match. */
export function statusKey(value: string): string {
  return value.toLowerCase().replace(/[\s_-]+/g, '');
}

/**
 * A status field as text: a string (trimmed), a number or boolean as written (`1000`); anything
 * else, an empty string, or no field at all, is `null`.
 */
export function statusText(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

/**
 * The common status of a provider status. A value the table does not know, or no value, is
 * `unknown` — never a reason to fail a listing, and not final, so `follow` keeps watching.
 */
export function commonStatus(table: StatusTable, providerStatus: unknown): OrderStatus {
  const text = statusText(providerStatus);
  if (text === null) return 'unknown';
  const wanted = statusKey(text);
  for (const [value, status] of Object.entries(table)) {
    if (statusKey(value) === wanted) return status;
  }
  return 'unknown';
}
