import { toIsoDate } from '../../dates.js';
import { commonStatus, statusText } from '../../status.js';
import type { NormalizedOrder } from '../../types.js';
import type { OrangeOrder, OrangeRequest } from './schema.js';
import { ORANGE_REQUEST_STATUS, ORANGE_TRACKING_STATUS } from './status.js';

function dates(createdAt: string | null | undefined, updatedAt: string | null | undefined) {
  const created = toIsoDate(createdAt);
  const updated = toIsoDate(updatedAt);
  return { ...(created ? { createdAt: created } : {}), ...(updated ? { updatedAt: updated } : {}) };
}

export function normalizeOrangeRequest(request: OrangeRequest): NormalizedOrder<OrangeRequest> {
  // The doc's excerpt shows a `step` ("REQUEST") and no status: the step is what there is.
  const providerStatus = statusText(request.status) ?? statusText(request.step);
  return {
    provider: 'orange-ordering',
    id: request.id,
    reference: request.id,
    customerReference: request.customerReference || null,
    status: commonStatus(ORANGE_REQUEST_STATUS, providerStatus),
    providerStatus,
    ...dates(request.createdAt, request.updatedAt),
    raw: request,
  };
}

export function normalizeOrangeOrder(order: OrangeOrder): NormalizedOrder<OrangeOrder> {
  const providerStatus = statusText(order.status) ?? statusText(order.request?.status);
  return {
    provider: 'orange-tracking',
    id: order.id,
    reference: order.id,
    customerReference: order.request?.customerReference || null,
    status: commonStatus(ORANGE_TRACKING_STATUS, providerStatus),
    providerStatus,
    ...dates(order.createdAt, order.updatedAt),
    raw: order,
  };
}
