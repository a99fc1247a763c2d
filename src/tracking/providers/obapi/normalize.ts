import { toIsoDate } from '../../dates.js';
import { commonStatus } from '../../status.js';
import type { NormalizedOrder } from '../../types.js';
import type { ObapiOrder } from './schema.js';
import { OBAPI_STATUS } from './status.js';

export function normalizeObapiOrder(order: ObapiOrder): NormalizedOrder<ObapiOrder> {
  const createdAt = toIsoDate(order.created_at) ?? toIsoDate(order.date_order);
  const updatedAt = toIsoDate(order.updated_at);
  return {
    provider: 'obapi',
    id: order.id,
    reference: order.ref,
    customerReference: order.customer_ref || null,
    status: commonStatus(OBAPI_STATUS, order.status),
    providerStatus: order.status,
    ...(createdAt ? { createdAt } : {}),
    ...(updatedAt ? { updatedAt } : {}),
    amounts: {
      totalExclTax: order.total_excl_tax,
      totalVat: order.total_vat,
      totalInclTax: order.total_incl_tax,
    },
    raw: order,
  };
}
