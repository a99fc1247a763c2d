import { toIsoDate } from '../../dates.js';
import { commonStatus, statusText } from '../../status.js';
import type { NormalizedOrder } from '../../types.js';
import type { CovageOrder } from './schema.js';
import { COVAGE_STATUS } from './status.js';

export function normalizeCovageOrder(order: CovageOrder): NormalizedOrder<CovageOrder> {
  const history = order.state_change ?? [];
  const createdAt = toIsoDate(order.order_date) ?? toIsoDate(history[0]?.change_date);
  const updatedAt = toIsoDate(history.at(-1)?.change_date);
  const id = order.order_reference || String(order.id);
  return {
    provider: 'covage',
    id,
    reference: id,
    customerReference: order.external_id || null,
    status: commonStatus(COVAGE_STATUS, order.state),
    providerStatus: statusText(order.state),
    ...(createdAt ? { createdAt } : {}),
    ...(updatedAt ? { updatedAt } : {}),
    raw: order,
  };
}
