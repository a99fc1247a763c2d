import { toIsoDate } from '../../dates.js';
import { commonStatus } from '../../status.js';
import type { NormalizedOrder } from '../../types.js';
import type { CovageOrder } from './schema.js';
import { COVAGE_STATUS } from './status.js';

export function normalizeCovageOrder(order: CovageOrder): NormalizedOrder<CovageOrder> {
  const history = order.state_change ?? [];
  const createdAt = toIsoDate(order.order_date) ?? toIsoDate(history[0]?.change_date);
  const updatedAt = toIsoDate(history.at(-1)?.change_date);
  return {
    provider: 'covage',
    id: order.order_reference,
    reference: order.order_reference,
    customerReference: order.external_id || null,
    status: commonStatus(COVAGE_STATUS, order.state),
    providerStatus: order.state,
    ...(createdAt ? { createdAt } : {}),
    ...(updatedAt ? { updatedAt } : {}),
    raw: order,
  };
}
