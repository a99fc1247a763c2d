import type { StatusTable } from '../../status.js';

/** obapi order statuses, as its doc's table lists them. */
export const OBAPI_STATUS: StatusTable = {
  draft: 'pending',
  validated: 'pending',
  in_progress: 'in_progress',
  delivered: 'completed',
  cancelled: 'cancelled',
};
