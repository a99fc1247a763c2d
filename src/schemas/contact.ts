import * as z from 'zod/mini';

/** Contact fields marked "Yes (during confirmation only)" in the request tables. */
export const CONTACT_REQUIRED_AT_CONFIRMATION = [
  'end_customer_name',
  'contact1_email_address',
  'contact1_firstname',
  'contact1_lastname',
  'contact1_phone_number',
  'city',
  'postcode',
  'street_name',
  'street_number',
  'insee_code',
] as const;

const text = z.optional(z.string());

/**
 * A `related_contact_information` entry as sent (create and update requests). Every field is
 * optional at creation; `checkConfirmation` says which ones must be filled in to confirm.
 */
export const contactInputSchema = z.strictObject({
  end_customer_name: text,
  siret: text,
  contact1_email_address: text,
  contact1_firstname: text,
  contact1_lastname: text,
  contact1_phone_number: text,
  contact2_email_address: text,
  contact2_firstname: text,
  contact2_lastname: text,
  contact2_phone_number: text,
  city: text,
  postcode: text,
  street_name: text,
  street_number: text,
  street_number_extension: text,
  insee_code: text,
  building_name: text,
  level_number: text,
  latitude: z.optional(z.number()),
  longitude: z.optional(z.number()),
});
export type ContactInput = z.infer<typeof contactInputSchema>;

const optionalText = z.nullish(z.string());
const optionalNumber = z.nullish(z.number());

/**
 * A `related_contact_information` entry as answered. The response tables mark more fields
 * required than the request tables (`siret`, `latitude`, `longitude`, and every field that is
 * required only at confirmation), but a line may be created and updated with a contact that
 * lacks them, and the answer to that can only hold them empty. So every field is read as
 * optional: a string or a number when present, `null` or absent when not. `checkConfirmation`,
 * not this schema, says what must be filled in. Unknown keys are kept.
 */
export const contactSchema = z.looseObject({
  end_customer_name: optionalText,
  siret: optionalText,
  contact1_email_address: optionalText,
  contact1_firstname: optionalText,
  contact1_lastname: optionalText,
  contact1_phone_number: optionalText,
  contact2_email_address: optionalText,
  contact2_firstname: optionalText,
  contact2_lastname: optionalText,
  contact2_phone_number: optionalText,
  city: optionalText,
  postcode: optionalText,
  street_name: optionalText,
  street_number: optionalText,
  street_number_extension: optionalText,
  insee_code: optionalText,
  building_name: optionalText,
  level_number: optionalText,
  latitude: optionalNumber,
  longitude: optionalNumber,
});
export type Contact = z.infer<typeof contactSchema>;
