import type { ContactInput } from '../schemas/contact.js';
import { type FieldSpelling, toWireSpelling } from '../schemas/spelling.js';
import type { StoredLine, StoredSession } from './store.js';

/** Line fields that are text; an absent one is answered as `""`, as in the doc's examples. */
const LINE_TEXT_FIELDS = [
  'end_customer_name',
  'external_id',
  'note',
  'technical_note',
  'product_offering_id',
  'product_offering_qualification_item_id',
  'project_id',
  'quote_item_id',
  'delivery_mode',
  'enni',
  'enni_2',
  'customer_order_name',
  'business_code',
  'billing_site_ref',
  'additional_vlan_reference',
  'offer_family',
  'offer_technology',
  'specific_request',
  'access_instructions',
] as const;

const CONTACT_TEXT_FIELDS = [
  'end_customer_name',
  'siret',
  'contact1_email_address',
  'contact1_firstname',
  'contact1_lastname',
  'contact1_phone_number',
  'contact2_email_address',
  'contact2_firstname',
  'contact2_lastname',
  'contact2_phone_number',
  'city',
  'postcode',
  'street_name',
  'street_number',
  'street_number_extension',
  'insee_code',
  'building_name',
  'level_number',
] as const;

/** A contact as answered: every field present (`""`, or `null` for the coordinates). */
export function presentContact(contact: ContactInput): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of CONTACT_TEXT_FIELDS) out[field] = contact[field] ?? '';
  out.latitude = contact.latitude ?? null;
  out.longitude = contact.longitude ?? null;
  return out;
}

/** A line in the doc's response shape, in the chosen spelling. */
export function presentLine(line: StoredLine, spelling: FieldSpelling): Record<string, unknown> {
  const input = line.input;
  const text: Record<string, string> = {};
  for (const field of LINE_TEXT_FIELDS) text[field] = input[field] ?? '';
  const body: Record<string, unknown> = {
    ...text,
    option_ids: input.option_ids ?? [],
    enni: line.computedEnni ?? text.enni,
    vlan_reference: input.vlan_reference ?? null,
    related_contact_information: (input.related_contact_information ?? []).map(presentContact),
    siret_known: input.siret_known ?? null,
    scheduled_delivery_date: input.scheduled_delivery_date ?? null,
    id: line.id,
    product_order_id: line.sessionId,
    cancellation_date: null,
    cancellation_reason: '',
    completion_date: line.completionDate,
    order_date: line.orderDate,
    state: line.state,
    state_change: line.stateChange.map((change) => ({ ...change })),
    termination_error: line.terminationError.map((error) => ({ ...error })),
    order_reference: line.orderReference,
    temporary_reference: line.temporaryReference,
    building_ref: '',
    cpe_networking_number: input.cpe_networking_number ?? '',
    cpe_serial_number: input.cpe_serial_number ?? '',
  };
  return toWireSpelling(body, spelling);
}

/** The session as `POST /api/v1/product_order` answers it. */
export function presentSession(session: StoredSession): Record<string, unknown> {
  return {
    external_id: session.externalId,
    project_id: session.projectId,
    id: session.id,
    creation_date: session.creationDate,
    cancellation_date: null,
    completion_date: session.completionDate,
    order_date: session.orderDate,
    state: session.state,
  };
}

/** The session with its lines, as the confirm, delete and read calls answer it. */
export function presentSessionWithItems(
  session: StoredSession,
  spelling: FieldSpelling,
): Record<string, unknown> {
  return {
    ...presentSession(session),
    product_order_item: session.lines.map((line) => presentLine(line, spelling)),
  };
}
