import { toIsoDate } from '../../dates.js';
import { commonStatus, statusText } from '../../status.js';
import type { NormalizedOrder } from '../../types.js';
import type { AdobeOrder } from './schema.js';
import { ADOBE_STATUS } from './status.js';

export function normalizeAdobeOrder(order: AdobeOrder): NormalizedOrder<AdobeOrder> {
  const createdAt = toIsoDate(order.creationDate);
  return {
    provider: 'adobe',
    id: order.orderId,
    reference: order.orderId,
    customerReference: order.externalReferenceId || null,
    status: commonStatus(ADOBE_STATUS, order.status),
    providerStatus: statusText(order.status),
    ...(createdAt ? { createdAt } : {}),
    ...(order.currencyCode ? { amounts: { currency: order.currencyCode } } : {}),
    raw: order,
  };
}
