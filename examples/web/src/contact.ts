/** The contact form: the fields a line's contact needs at confirmation, as the form holds them. */
import type { CONTACT_REQUIRED_AT_CONFIRMATION, ContactInput } from 'covage-orders';

export type ContactField = (typeof CONTACT_REQUIRED_AT_CONFIRMATION)[number] | 'siret';

export const CONTACT_FIELDS: readonly { field: ContactField; label: string }[] = [
  { field: 'end_customer_name', label: 'Customer' },
  { field: 'siret', label: 'SIRET' },
  { field: 'contact1_firstname', label: 'First name' },
  { field: 'contact1_lastname', label: 'Last name' },
  { field: 'contact1_phone_number', label: 'Phone' },
  { field: 'contact1_email_address', label: 'E-mail' },
  { field: 'street_number', label: 'Number' },
  { field: 'street_name', label: 'Street' },
  { field: 'postcode', label: 'Postcode' },
  { field: 'city', label: 'City' },
  { field: 'insee_code', label: 'INSEE code' },
];

export type ContactForm = Partial<Record<ContactField, string>>;

/** The contact as a line carries it: blank fields left out (the rules then name them). */
export function contactOf(form: ContactForm): ContactInput {
  const contact: ContactInput = {};
  for (const { field } of CONTACT_FIELDS) {
    const value = form[field]?.trim();
    if (value) contact[field] = value;
  }
  return contact;
}
