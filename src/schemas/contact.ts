import { z } from 'zod';

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

const text = z.string().optional();

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
  latitude: z.number().optional(),
  longitude: z.number().optional(),
});
export type ContactInput = z.infer<typeof contactInputSchema>;

const optionalText = z.string().nullish();

/**
 * A `related_contact_information` entry as answered. The response tables mark more fields
 * required (`siret`, `latitude`, `longitude` too): those keys must be present, but a value may be
 * empty (`""`), or `null` for the coordinates, as a contact created without them reads back.
 * Unknown keys are kept.
 */
export const contactSchema = z.looseObject({
  end_customer_name: z.string(),
  siret: z.string(),
  contact1_email_address: z.string(),
  contact1_firstname: z.string(),
  contact1_lastname: z.string(),
  contact1_phone_number: z.string(),
  contact2_email_address: optionalText,
  contact2_firstname: optionalText,
  contact2_lastname: optionalText,
  contact2_phone_number: optionalText,
  city: z.string(),
  postcode: z.string(),
  street_name: z.string(),
  street_number: z.string(),
  street_number_extension: optionalText,
  insee_code: z.string(),
  building_name: optionalText,
  level_number: optionalText,
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
});
export type Contact = z.infer<typeof contactSchema>;
