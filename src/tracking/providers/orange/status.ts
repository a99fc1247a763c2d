import type { StatusTable } from '../../status.js';

/**
 * Orange Order Tracking v1 statuses. The doc names two, the values of its `status` filter:
 * `Current` (open) and `Closed`. It gives no way to tell a cancelled order from a delivered one,
 * so `Closed` reads as `completed`.
 */
export const ORANGE_TRACKING_STATUS: StatusTable = {
  Current: 'in_progress',
  Closed: 'completed',
};

/**
 * Orange Ordering v2 request statuses. The doc shows `step: "REQUEST"` and an empty
 * `request.status`; these values are the sandbox's assumption (see docs/tracking.md), matched
 * without regard to case, spaces or `_`.
 */
export const ORANGE_REQUEST_STATUS: StatusTable = {
  Draft: 'pending',
  Submitted: 'pending',
  Acknowledged: 'pending',
  'In Progress': 'in_progress',
  Current: 'in_progress',
  Completed: 'completed',
  Closed: 'completed',
  Cancelled: 'cancelled',
  Canceled: 'cancelled',
  Rejected: 'rejected',
  Failed: 'failed',
};
