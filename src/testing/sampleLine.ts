/**
 * One sample order line and contact, complete for confirmation: for app teams' tests (from
 * `covage-orders/testing`), and this repository's tests, soak and benchmarks.
 */

import type { ContactInput } from '../schemas/contact.js';
import type { LineCreate } from '../schemas/line.js';

/** A `related_contact_information` entry with every field confirmation needs, and more. */
export function sampleContact(overrides: Partial<ContactInput> = {}): ContactInput {
  return {
    end_customer_name: 'Boulangerie Martin',
    siret: '44298765700016',
    contact1_email_address: 'claire.martin@example.fr',
    contact1_firstname: 'Claire',
    contact1_lastname: 'Martin',
    contact1_phone_number: '02 35 12 34 56',
    city: 'Mont-Saint-Aignan',
    postcode: '76130',
    street_name: 'Rue Andrei Sakharov',
    street_number: '4',
    insee_code: '76451',
    latitude: 49.4744077,
    longitude: 1.091455,
    ...overrides,
  };
}

/** A line that passes every confirmation rule (no option 7021, not DIA). */
export function sampleLine(overrides: Partial<LineCreate> = {}): LineCreate {
  return {
    product_offering_id: '2173',
    product_offering_qualification_item_id: 'd5a4a9aa-ba2c-4f53-95c7-0c1ce6f6e7fa',
    enni: 'AZ001234',
    end_customer_name: 'Boulangerie Martin',
    related_contact_information: [sampleContact()],
    ...overrides,
  };
}
