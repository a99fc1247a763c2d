import type { StatusTable } from '../../status.js';

/**
 * Adobe order status codes (Adobe's "Status codes and error handling" page): 1000 complete,
 * 1002 open, 1004 failed, 1008 cancelled, 1020/1022/1024/1026 failed for a stated reason
 * (distributor, reseller or customer inactive, customer id invalid).
 */
export const ADOBE_STATUS: StatusTable = {
  '1000': 'completed',
  '1002': 'pending',
  '1004': 'failed',
  '1008': 'cancelled',
  '1020': 'failed',
  '1022': 'failed',
  '1024': 'failed',
  '1026': 'failed',
};

/**
 * What each Adobe status code means, in words (the same page), for people reading a listing; the
 * four failures name their reason (the common status already says `failed`).
 */
export const ADOBE_STATUS_LABEL: Readonly<Record<string, string>> = {
  '1000': 'complete',
  '1002': 'open',
  '1004': 'failed',
  '1008': 'cancelled',
  '1020': 'distributor inactive',
  '1022': 'reseller inactive',
  '1024': 'customer inactive',
  '1026': 'customer ID invalid',
};
