import type { Line, LineCreate } from '../schemas/line.js';

/**
 * Finds, among the lines the API holds for a session, the one a local line became: same
 * `external_id` and same `product_offering_qualification_item_id`. Used to reconcile a creation
 * whose answer was lost, before any new POST.
 */
export function findRemoteLine(
  items: readonly Line[],
  local: Pick<LineCreate, 'external_id' | 'product_offering_qualification_item_id'>,
  excludeIds: ReadonlySet<string> = new Set(),
): Line | undefined {
  const externalId = local.external_id?.trim();
  if (!externalId) return undefined;
  const qualification = local.product_offering_qualification_item_id.trim();
  return items.find(
    (item) =>
      !excludeIds.has(item.id) &&
      item.external_id?.trim() === externalId &&
      item.product_offering_qualification_item_id.trim() === qualification,
  );
}
