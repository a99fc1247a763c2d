/** The DIA offer family, as `offer_family` names it. */
export const DIA_OFFER_FAMILY = 'DIA';

export interface DiaOptions {
  /** `product_offering_id`s that are DIA offerings, whatever their `offer_family` says. */
  diaOfferingIds?: Iterable<string>;
}

/**
 * A line is a DIA line when its `offer_family` is `DIA` (case and surrounding spaces ignored), or
 * its `product_offering_id` is one of `options.diaOfferingIds`.
 */
export function isDiaLine(
  line: { offer_family?: unknown; product_offering_id?: unknown },
  diaOfferingIds: ReadonlySet<string>,
): boolean {
  if (
    typeof line.offer_family === 'string' &&
    line.offer_family.trim().toUpperCase() === DIA_OFFER_FAMILY
  )
    return true;
  return (
    typeof line.product_offering_id === 'string' &&
    diaOfferingIds.has(line.product_offering_id.trim())
  );
}
