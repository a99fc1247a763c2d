import { toIsoDate } from '../../dates.js';
import { commonStatus, statusText } from '../../status.js';
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
    providerStatus: statusText(order.status),
    ...(createdAt ? { createdAt } : {}),
    ...(updatedAt ? { updatedAt } : {}),
    amounts: {
      ...(order.total_excl_tax === undefined ? {} : { totalExclTax: order.total_excl_tax }),
      ...(order.total_vat === undefined ? {} : { totalVat: order.total_vat }),
      ...(order.total_incl_tax === undefined ? {} : { totalInclTax: order.total_incl_tax }),
    },
    raw: order,
  };
}
