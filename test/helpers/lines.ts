/** Complete order lines for tests, with a sandbox outcome marker in `note` when asked. */

import { sampleContact } from '../../scripts/shared/sampleLine.js';
import type { LineCreate } from '../../src/schemas/index.js';

export type Outcome =
  | 'acknowledged'
  | 'held_adv_validation'
  | 'in_progress'
  | 'rejected_creation'
  | 'technical_error';

let counter = 0;

export function completeLine(
  overrides: Partial<LineCreate> & { outcome?: Outcome } = {},
): LineCreate {
  counter++;
  const { outcome, ...rest } = overrides;
  return {
    product_offering_id: '2173',
    product_offering_qualification_item_id: `qual-${counter}-${Math.random().toString(16).slice(2, 8)}`,
    enni: 'AZ001234',
    end_customer_name: 'Boulangerie Martin',
    ...(outcome ? { note: `[sandbox:${outcome}]` } : {}),
    related_contact_information: [sampleContact()],
    ...rest,
  };
}

/** A line the confirmation rules refuse: no `enni`. */
export function lineWithoutEnni(): LineCreate {
  const { enni: _enni, ...line } = completeLine();
  return line;
}
