import * as z from 'zod/mini';
import { _isoDate } from 'zod/v4/core';
import { contactInputSchema, contactSchema } from './contact.js';
import { aliasPreprocess, vlanReferenceSchema } from './spelling.js';
import { lineStateSchema } from './states.js';

const text = z.optional(z.string());
const nonEmpty = (what: string) =>
  z.string().check(z.trim(), z.minLength(1, `${what} must not be empty`));

/** `option_ids`: option identifiers; the doc's examples use strings, numbers are read as such. */
export const optionIdsSchema = z.array(
  z.union([
    z.string().check(z.trim(), z.minLength(1)),
    z.pipe(z.number().check(z.int(), z.nonnegative()), z.transform(String)),
  ]),
);

/**
 * A `YYYY-MM-DD` calendar date (`scheduled_delivery_date`): `z.iso.date()`, built from its parts
 * so that a bundle keeps the date format only, not every ISO format of `z.iso`.
 */
export const isoDateSchema: z.ZodMiniISODate = _isoDate(z.ZodMiniISODate);

/**
 * The fields a line body can carry, in the tables' spelling, each optional. The create body adds
 * the two identifiers required at creation.
 */
const lineFields = {
  end_customer_name: text,
  external_id: text,
  option_ids: z.optional(optionIdsSchema),
  note: text,
  technical_note: text,
  product_offering_id: z.optional(nonEmpty('product_offering_id')),
  product_offering_qualification_item_id: z.optional(
    nonEmpty('product_offering_qualification_item_id'),
  ),
  project_id: text,
  quote_item_id: text,
  delivery_mode: text,
  enni: text,
  enni_2: text,
  vlan_reference: z.optional(vlanReferenceSchema),
  customer_order_name: text,
  business_code: text,
  billing_site_ref: text,
  related_contact_information: z.optional(z.array(contactInputSchema)),
  siret_known: z.optional(z.boolean()),
  additional_vlan_reference: text,
  offer_family: text,
  offer_technology: text,
  specific_request: text,
  access_instructions: text,
  scheduled_delivery_date: z.optional(isoDateSchema),
  cpe_networking_number: text,
  cpe_serial_number: text,
};

/**
 * Body of `PATCH /api/v1/product_order/{id}/product_order_item/{item_id}`: every field optional.
 * (The doc's update table omits `offer_family` and `offer_technology`; they are accepted here so
 * that a line can be corrected before confirmation. See docs/rules.md.)
 */
export const lineUpdateObject = z.strictObject(lineFields);

/**
 * Body of `POST /api/v1/product_order/{id}/product_order_item`: `product_offering_id` and
 * `product_offering_qualification_item_id` are required at creation; the rest is optional until
 * confirmation.
 */
export const lineCreateObject = z.extend(lineUpdateObject, {
  product_offering_id: nonEmpty('product_offering_id'),
  product_offering_qualification_item_id: nonEmpty('product_offering_qualification_item_id'),
});

/** The create body as read: both spellings accepted, normalized to the tables' spelling. */
export const lineCreateSchema = z.pipe(z.transform(aliasPreprocess), lineCreateObject);
export type LineCreate = z.output<typeof lineCreateObject>;

/** The update body as read: both spellings accepted, normalized to the tables' spelling. */
export const lineUpdateSchema = z.pipe(z.transform(aliasPreprocess), lineUpdateObject);
export type LineUpdate = z.output<typeof lineUpdateObject>;

/** One entry of `state_change`. */
export const stateChangeSchema = z.looseObject({
  change_reason: z.nullable(z.string()),
  change_date: z.string(),
  state: lineStateSchema,
});
export type StateChange = z.infer<typeof stateChangeSchema>;

/** One entry of `termination_error`: why a line did not become an order. */
export const terminationErrorSchema = z.looseObject({
  code: z.string(),
  property_path: z.string(),
  value: z.pipe(
    z.union([z.string(), z.number(), z.boolean(), z.null()]),
    z.transform((value) => (value === null ? '' : String(value))),
  ),
});
export type TerminationError = z.infer<typeof terminationErrorSchema>;

const optionalText = z.nullish(z.string());

/** An order line as answered (create, update, and inside a session's `product_order_item`). */
export const lineObject = z.looseObject({
  end_customer_name: optionalText,
  external_id: optionalText,
  option_ids: z.nullish(optionIdsSchema),
  note: optionalText,
  technical_note: optionalText,
  product_offering_id: z.string(),
  product_offering_qualification_item_id: z.string(),
  project_id: optionalText,
  quote_item_id: optionalText,
  delivery_mode: optionalText,
  enni: optionalText,
  enni_2: optionalText,
  vlan_reference: z.nullish(vlanReferenceSchema),
  customer_order_name: optionalText,
  business_code: optionalText,
  billing_site_ref: optionalText,
  related_contact_information: z.nullish(z.array(contactSchema)),
  siret_known: z.nullish(z.boolean()),
  additional_vlan_reference: optionalText,
  offer_family: optionalText,
  offer_technology: optionalText,
  specific_request: optionalText,
  access_instructions: optionalText,
  scheduled_delivery_date: optionalText,
  cpe_networking_number: optionalText,
  cpe_serial_number: optionalText,
  id: z.string().check(z.minLength(1)),
  product_order_id: optionalText,
  cancellation_date: optionalText,
  cancellation_reason: optionalText,
  completion_date: optionalText,
  order_date: optionalText,
  state: lineStateSchema,
  state_change: z.nullish(z.array(stateChangeSchema)),
  termination_error: z.nullish(z.array(terminationErrorSchema)),
  order_reference: optionalText,
  temporary_reference: optionalText,
  building_ref: optionalText,
});

/** A line response as read: both spellings accepted, normalized to the tables' spelling. */
export const lineSchema = z.pipe(z.transform(aliasPreprocess), lineObject);
export type Line = z.output<typeof lineObject>;
