/**
 * Order lines for the benchmarks: deterministic (a seeded generator), and a mix like a real
 * order file's: mostly complete lines, some DIA lines with an enni, some with option 7021 and
 * their CPE fields (in the examples' spelling), and some broken lines.
 */

/** A small seeded pseudo-random generator (mulberry32): the same lines on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

const PLACES = [
  { city: 'Mont-Saint-Aignan', postcode: '76130', insee_code: '76451' },
  { city: 'Ajaccio', postcode: '20000', insee_code: '2A004' },
  { city: 'Fort-de-France', postcode: '97200', insee_code: '97209' },
  { city: 'Paris', postcode: '75001', insee_code: '75101' },
];
const SIRETS = ['44298765700016', '12000101100010', '35600000049837'];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function contact(random: () => number, index: number): Record<string, unknown> {
  const place = pick(random, PLACES);
  return {
    end_customer_name: `Client ${index}`,
    siret: pick(random, SIRETS),
    contact1_email_address: `contact${index}@example.fr`,
    contact1_firstname: 'Claire',
    contact1_lastname: 'Martin',
    contact1_phone_number: random() < 0.5 ? '02 35 12 34 56' : '+33 6 12 34 56 78',
    ...place,
    street_name: 'Rue Andrei Sakharov',
    street_number: String(1 + (index % 200)),
    latitude: 49.4744077,
    longitude: 1.091455,
  };
}

export function benchLines(count: number, seed = 42): Record<string, unknown>[] {
  const random = seededRandom(seed);
  const lines: Record<string, unknown>[] = [];
  for (let index = 0; index < count; index++) {
    const kind = random();
    const line: Record<string, unknown> = {
      external_id: `BENCH-${index}`,
      product_offering_id: '2173',
      product_offering_qualification_item_id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
      enni: 'AZ001234',
      vlan_reference: 1000 + (index % 3000),
      option_ids: ['2210'],
      siret_known: true,
      related_contact_information: [contact(random, index)],
    };
    if (kind < 0.15) {
      line.offer_family = 'DIA';
      line.product_offering_id = '3301';
    } else if (kind < 0.3) {
      line.option_ids = ['2210', '7021'];
      line.cpe_network_number = `NET-${index}`;
      line.cpe_serial_number = `SR-${index}`;
      line.enni2 = 'AZ001235';
      line.vlan_reference = String(line.vlan_reference);
    } else if (kind < 0.35) {
      delete (line.related_contact_information as Record<string, unknown>[])[0]?.insee_code;
    } else if (kind < 0.4) {
      (line.related_contact_information as Record<string, unknown>[])[0] = {
        ...contact(random, index),
        siret: '44298765700017',
        postcode: '7613',
      };
    }
    lines.push(line);
  }
  return lines;
}

/**
 * Complete lines, ready for confirmation (in the tables' spelling, as the engine sends them):
 * every field the doc requires at confirmation, a valid SIRET, and, on about one line in five,
 * option 7021 with its two CPE fields.
 */
export function completeLines(count: number, seed = 7): Record<string, unknown>[] {
  const random = seededRandom(seed);
  const lines: Record<string, unknown>[] = [];
  for (let index = 0; index < count; index++) {
    const line: Record<string, unknown> = {
      external_id: `BENCH-${seed}-${index}`,
      product_offering_id: '2173',
      product_offering_qualification_item_id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
      enni: 'AZ001234',
      vlan_reference: 1000 + (index % 3000),
      option_ids: ['2210'],
      siret_known: true,
      related_contact_information: [contact(random, index)],
    };
    if (random() < 0.2) {
      line.option_ids = ['2210', '7021'];
      line.cpe_networking_number = `NET-${index}`;
      line.cpe_serial_number = `SR-${index}`;
      line.enni_2 = 'AZ001235';
    }
    lines.push(line);
  }
  return lines;
}
