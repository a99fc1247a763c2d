/**
 * The orders a soak submits: complete lines (they pass the confirmation rules), each with its own
 * `external_id` and eligibility item so the sandbox's copy can be found again, and a sandbox
 * outcome marker in `note` so every line's fate — and so each session's — is known in advance.
 */
import type { LineCreate } from '../../src/schemas/line.js';
import type { SessionState } from '../../src/schemas/states.js';
import { sampleContact } from '../shared/sampleLine.js';
import type { Random } from './random.js';

export type Marker = 'acknowledged' | 'held_adv_validation' | 'in_progress' | 'rejected_creation';

export interface IntendedLine {
  externalId: string;
  marker: Marker;
  body: LineCreate;
}

export interface IntendedSession {
  /** The session's `external_id`, also its label in reports. */
  externalId: string;
  lines: IntendedLine[];
  expected: SessionState;
}

const ORDER_MARKERS: Marker[] = ['acknowledged', 'held_adv_validation', 'in_progress'];

export function soakLine(externalId: string, marker: Marker): LineCreate {
  return {
    product_offering_id: '2173',
    product_offering_qualification_item_id: `qual-${externalId}`,
    external_id: externalId,
    enni: 'AZ001234',
    end_customer_name: 'Boulangerie Martin',
    note: `soak line [sandbox:${marker}]`,
    related_contact_information: [sampleContact()],
  };
}

function expectedState(lines: readonly IntendedLine[]): SessionState {
  const rejected = lines.filter((line) => line.marker === 'rejected_creation').length;
  if (rejected === 0) return 'completed';
  return rejected === lines.length ? 'rejected' : 'partial';
}

/**
 * `count` lines for session `label`: about one in ten rejected, the rest spread over the three
 * states of a created order; `allRejected` makes a session the doc calls `rejected`.
 */
export function intendedSession(
  label: string,
  count: number,
  random: Random,
  allRejected = false,
): IntendedSession {
  const lines: IntendedLine[] = [];
  for (let n = 1; n <= count; n++) {
    const externalId = `${label}-l${String(n).padStart(3, '0')}`;
    const marker: Marker =
      allRejected || random() < 0.1
        ? 'rejected_creation'
        : (ORDER_MARKERS[Math.floor(random() * ORDER_MARKERS.length)] ?? 'acknowledged');
    lines.push({ externalId, marker, body: soakLine(externalId, marker) });
  }
  return { externalId: label, lines, expected: expectedState(lines) };
}
