/**
 * "Special case of the enni field for the DIA offer": the sandbox knows a DIA line by its
 * `offer_family` (`DIA`, whatever the case and the spaces around it) or by a
 * `product_offering_id` it was told is a DIA offering (the doc does not list them).
 */
export function isDiaLine(
  line: { offer_family?: unknown; product_offering_id?: unknown },
  diaOfferingIds: ReadonlySet<string>,
): boolean {
  const { offer_family: family, product_offering_id: offering } = line;
  if (typeof family === 'string' && family.trim().toLowerCase() === 'dia') return true;
  return typeof offering === 'string' && diaOfferingIds.has(offering.trim());
}
