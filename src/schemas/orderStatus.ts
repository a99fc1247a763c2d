/**
 * The common status of an order followed after its creation, the one every tracking adapter
 * speaks (src/tracking) and the tracking machine reads. `pending`: received, not worked on yet.
 * `in_progress`: being worked on. `completed`: delivered / active. `cancelled`: stopped on
 * request. `failed`: stopped by an error. `rejected`: refused by the provider. These four are
 * final. `unknown`: the record has no status, or one the provider's table does not list (its value
 * stays in `providerStatus`); not final, so following goes on.
 */
export const ORDER_STATUSES = [
  'pending',
  'in_progress',
  'completed',
  'cancelled',
  'failed',
  'rejected',
  'unknown',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const FINAL_ORDER_STATUSES: readonly OrderStatus[] = [
  'completed',
  'cancelled',
  'failed',
  'rejected',
];

export function isFinalStatus(status: OrderStatus): boolean {
  return FINAL_ORDER_STATUSES.includes(status);
}
