import type { StatusTable } from '../../status.js';

/**
 * Covage order states → common status. Phase two (orders): `confirmed → in_progress → active |
 * rejected`, `in_progress → cancelled`, `active → change_in_progress → active`,
 * `active → terminate_in_progress → terminated`. Phase one (order creation) names are accepted too.
 */
export const COVAGE_STATUS: StatusTable = {
  confirmed: 'pending',
  in_progress: 'in_progress',
  active: 'completed',
  rejected: 'rejected',
  cancelled: 'cancelled',
  change_in_progress: 'in_progress',
  terminate_in_progress: 'in_progress',
  terminated: 'cancelled',
  // phase one, the order-creation step
  acknowledged: 'pending',
  held_adv_validation: 'pending',
  created: 'pending',
  rejected_creation: 'rejected',
  technical_error: 'failed',
};
