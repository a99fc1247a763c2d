/**
 * Generators (fast-check) of hostile input: order files and request bodies with wrong types,
 * missing fields, huge strings, odd unicode, and `__proto__` / `constructor` keys. Every
 * generated order file is broken on purpose (one "breaking" change at least, on top of noise
 * that a valid file may carry), so `validate` must exit 1 or 2, and `submit` must send nothing.
 */
import fc from 'fast-check';
import { stringify as toYaml } from 'yaml';
import { soakLine } from './orders.js';

type Json = Record<string, unknown>;

const ODD_SNIPPETS = [
  '\u202e',
  '\u200b\u200d',
  '\u0000',
  'e\u0301',
  '👩‍👩‍👧',
  '\ud800',
  '\udfff',
  '\ufeff',
  'İı',
  '\u2028\u2029',
  '$' + '{HOME}',
  '%s%n',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '=HYPERLINK("http://x")',
  '../../etc/passwd',
  '\r\n\t',
  '𝕮𝖔𝖛𝖆𝖌𝖊',
  'ﷺ',
];

/** Text from every corner of Unicode, lone surrogates and control characters included. */
export const oddText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 15 }),
  fc
    .array(fc.constantFrom(...ODD_SNIPPETS), { minLength: 1, maxLength: 4 })
    .map((parts) => parts.join('')),
);

/** A long string (20 k to 200 k code units) of one repeated unit. */
export const hugeText: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(20_000, 60_000, 200_000),
    fc.constantFrom('x', 'é', '🙂', '\u0000', '\u202e'),
  )
  .map(([length, unit]) => unit.repeat(Math.ceil(length / unit.length)));

/** Keys that reach an object's prototype, or shadow its methods, when data is copied carelessly. */
export const DANGEROUS_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '__defineGetter__',
  'valueOf',
] as const;

/** Any value that is not a string. */
const notAString: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 4 })), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }),
);

const STRING_FIELDS = [
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
  'cpe_networking_number',
  'cpe_serial_number',
];

const FREE_TEXT_FIELDS = [
  'note',
  'technical_note',
  'end_customer_name',
  'customer_order_name',
  'specific_request',
  'access_instructions',
];

const REQUIRED_LINE_FIELDS = [
  'product_offering_id',
  'product_offering_qualification_item_id',
  'enni',
  'related_contact_information',
];

const REQUIRED_CONTACT_FIELDS = [
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
];

/** Every field name a line or contact knows, in both spellings: an added key must be none of them. */
const KNOWN_KEYS = new Set([
  ...STRING_FIELDS,
  ...REQUIRED_CONTACT_FIELDS,
  'option_ids',
  'vlan_reference',
  'related_contact_information',
  'siret_known',
  'scheduled_delivery_date',
  'enni2',
  'cpe_network_number',
  'siret',
  'contact2_email_address',
  'contact2_firstname',
  'contact2_lastname',
  'contact2_phone_number',
  'street_number_extension',
  'building_name',
  'level_number',
  'latitude',
  'longitude',
]);

/** Sets a key as an own, enumerable property, `__proto__` included (JSON.stringify writes it). */
function setOwn(target: Json, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function contactOf(line: Json): Json {
  const contacts = line.related_contact_information as Json[];
  return contacts[0] as Json;
}

/** A change that makes an order file invalid, applied in place; `label` names it in reports. */
interface Breaking {
  label: string;
  apply(order: { session: Json; lines: Json[] }): unknown;
}

const onLine = (label: string, change: (line: Json) => void): Breaking => ({
  label,
  apply(order) {
    change(order.lines[0] as Json);
    return order;
  },
});

const breaking: fc.Arbitrary<Breaking> = fc.oneof(
  fc
    .constantFrom(...REQUIRED_LINE_FIELDS)
    .map((field) => onLine(`line without ${field}`, (line) => delete line[field])),
  fc
    .tuple(fc.constantFrom(...REQUIRED_LINE_FIELDS.slice(0, 3)), fc.constantFrom('', '   '))
    .map(([field, blank]) =>
      onLine(`line with a blank ${field}`, (line) => setOwn(line, field, blank)),
    ),
  fc
    .tuple(fc.constantFrom(...STRING_FIELDS), notAString)
    .map(([field, value]) =>
      onLine(`line ${field} not a string`, (line) => setOwn(line, field, value)),
    ),
  fc
    .oneof(
      notAString.filter((value) => !Array.isArray(value)),
      fc.constant([{}]),
      fc.constant([-1]),
      fc.constant(['']),
      fc.constant([null]),
      fc.constant([1.5]),
    )
    .map((value) => onLine('line option_ids wrong', (line) => setOwn(line, 'option_ids', value))),
  fc
    .constantFrom(true, {}, [], 'abc', -3, 1.5, '12a', ' ')
    .map((value) =>
      onLine('line vlan_reference wrong', (line) => setOwn(line, 'vlan_reference', value)),
    ),
  fc
    .constantFrom('true', 1, 0, null, 'yes', [])
    .map((value) =>
      onLine('line siret_known not a boolean', (line) => setOwn(line, 'siret_known', value)),
    ),
  fc
    .constantFrom('2025-13-45', 'tomorrow', 20250921, '21/09/2025', '2025-02-30', '')
    .map((value) =>
      onLine('line scheduled_delivery_date not a date', (line) =>
        setOwn(line, 'scheduled_delivery_date', value),
      ),
    ),
  fc
    .constantFrom<unknown>({}, 'contact', 3, null, [], [null], ['x'], [[]])
    .map((value) =>
      onLine('line contacts wrong', (line) => setOwn(line, 'related_contact_information', value)),
    ),
  fc
    .constantFrom(...REQUIRED_CONTACT_FIELDS)
    .map((field) => onLine(`contact without ${field}`, (line) => delete contactOf(line)[field])),
  fc
    .tuple(fc.constantFrom(...REQUIRED_CONTACT_FIELDS), notAString)
    .map(([field, value]) =>
      onLine(`contact ${field} not a string`, (line) => setOwn(contactOf(line), field, value)),
    ),
  fc
    .constantFrom<unknown>('north', '49.47', null, {}, [])
    .map((value) =>
      onLine('contact latitude not a number', (line) => setOwn(contactOf(line), 'latitude', value)),
    ),
  fc
    .tuple(
      fc.constantFrom(...DANGEROUS_KEYS),
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom('line', 'contact'),
    )
    .map(([key, value, where]) =>
      onLine(`${where} with a "${key}" key`, (line) =>
        setOwn(where === 'line' ? line : contactOf(line), key, value),
      ),
    ),
  fc
    .tuple(
      oddText.filter((key) => key !== '' && !KNOWN_KEYS.has(key)),
      fc.jsonValue({ maxDepth: 2 }),
    )
    .map(([key, value]) =>
      onLine('line with an unknown odd key', (line) => setOwn(line, key, value)),
    ),
  fc.constant(
    onLine('option 7021 without the CPE fields', (line) => {
      line.option_ids = ['7021'];
      delete line.cpe_networking_number;
      delete line.cpe_serial_number;
    }),
  ),
  fc.constant(
    onLine('CPE fields without option 7021', (line) => {
      line.option_ids = [];
      line.cpe_networking_number = 'NET-1';
      line.cpe_serial_number = 'SR-1';
    }),
  ),
  fc.constantFrom(undefined, '1234', 'ABCDEFGHIJKLMN').map((siret) =>
    onLine(`siret_known with siret ${siret ?? 'missing'}`, (line) => {
      line.siret_known = true;
      if (siret === undefined) delete contactOf(line).siret;
      else contactOf(line).siret = siret;
    }),
  ),
  fc.constant(
    onLine('enni_2 and enni2 disagree', (line) => {
      line.enni_2 = 'E2-A';
      line.enni2 = 'E2-B';
    }),
  ),
  fc.constant<Breaking>({
    label: 'no line',
    apply: (order) => ({ ...order, lines: [] }),
  }),
  fc.constant<Breaking>({
    label: 'two lines with one external_id',
    apply: (order) => ({ ...order, lines: [order.lines[0], structuredClone(order.lines[0])] }),
  }),
  fc
    .constantFrom<unknown>([], 'order', 42, null, true, [{ lines: [] }])
    .map((value): Breaking => ({ label: 'not an object at the top', apply: () => value })),
  fc.constantFrom<unknown>(undefined, {}, 'lines', 7, null).map(
    (value): Breaking => ({
      label: 'lines missing or not a list',
      apply: (order) => {
        const copy: Json = { session: order.session };
        if (value !== undefined) copy.lines = value;
        return copy;
      },
    }),
  ),
  fc.constantFrom<unknown>(null, 'line', 3, [], true).map(
    (value): Breaking => ({
      label: 'a line that is not an object',
      apply: (order) => ({ ...order, lines: [...order.lines, value] }),
    }),
  ),
  fc
    .tuple(fc.constantFrom(...DANGEROUS_KEYS, 'extra'), fc.jsonValue({ maxDepth: 2 }), fc.boolean())
    .map(
      ([key, value, top]): Breaking => ({
        label: `${top ? 'top' : 'session'} with a "${key}" key`,
        apply: (order) => {
          setOwn(top ? (order as unknown as Json) : order.session, key, value);
          return order;
        },
      }),
    ),
  notAString.map(
    (value): Breaking => ({
      label: 'session external_id not a string',
      apply: (order) => {
        setOwn(order.session, 'external_id', value);
        return order;
      },
    }),
  ),
);

/** Changes a valid file may carry: odd unicode or huge text in free-text fields. */
const noise = fc.array(
  fc.tuple(
    fc.constantFrom(...FREE_TEXT_FIELDS),
    fc.oneof({ weight: 20, arbitrary: oddText }, { weight: 1, arbitrary: hugeText }),
  ),
  { maxLength: 3 },
);

export interface HostileFile {
  /** The file name (its extension picks JSON or YAML). */
  name: string;
  content: string | Uint8Array;
  /** What breaks it, for reports. */
  label: string;
}

const structured: fc.Arbitrary<HostileFile> = fc
  .record({
    lines: fc.integer({ min: 1, max: 3 }),
    noise,
    breaking,
    format: fc.constantFrom('json', 'json', 'json', 'yaml', 'yml'),
    pretty: fc.boolean(),
    bom: fc.boolean(),
    tag: fc.nat(),
  })
  .map(({ lines, noise: changes, breaking: change, format, pretty, bom, tag }) => {
    const order = {
      session: { external_id: `hostile-${tag}` } as Json,
      lines: Array.from(
        { length: lines },
        (_, n) => soakLine(`hostile-${tag}-${n}`, 'acknowledged') as unknown as Json,
      ),
    };
    for (const [field, text] of changes) setOwn(order.lines[0] as Json, field, text);
    const value = change.apply(order);
    const text =
      format === 'json'
        ? JSON.stringify(value, null, pretty ? 2 : undefined)
        : toYaml(value === undefined ? null : value);
    return {
      name: `order.${format}`,
      content: `${bom ? '\ufeff' : ''}${text}`,
      label: `${change.label} (${format})`,
    };
  });

const VALID_JSON = JSON.stringify({ session: {}, lines: [soakLine('x', 'acknowledged')] });

/** Files broken at the level of their text: syntax, encoding, size, nesting, YAML tricks. */
const textual: fc.Arbitrary<HostileFile> = fc.oneof(
  fc.integer({ min: 0, max: VALID_JSON.length - 1 }).map((cut) => ({
    name: 'order.json',
    content: VALID_JSON.slice(0, cut),
    label: 'JSON cut short',
  })),
  fc.uint8Array({ minLength: 1, maxLength: 300 }).map((bytes) => ({
    name: 'order.json',
    content: Uint8Array.from([0xff, 0xfe, 0xc0, ...bytes]),
    label: 'bytes that are not UTF-8',
  })),
  fc.constantFrom('', ' ', '\n', '\ufeff', 'null', '[]', '""', '0').map((text) => ({
    name: 'order.json',
    content: text,
    label: 'empty or a bare value',
  })),
  fc.constantFrom(100, 5_000, 50_000).map((depth) => ({
    name: 'order.json',
    content: `{"session":{},"lines":[${'['.repeat(depth)}${']'.repeat(depth)}]}`,
    label: `nested ${depth} deep`,
  })),
  fc.constantFrom(50, 2_000).map((depth) => ({
    name: 'order.yaml',
    content: `session: {}\nlines:\n  - ${'['.repeat(depth)}${']'.repeat(depth)}\n`,
    label: `YAML nested ${depth} deep`,
  })),
  fc.constant({
    name: 'order.yaml',
    content: [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'session: {}',
      'lines: [*d]',
    ].join('\n'),
    label: 'YAML alias bomb',
  }),
  fc.constant({
    name: 'order.yaml',
    content: 'session: {}\nlines: []\nlines: [{}]\n',
    label: 'YAML duplicate key',
  }),
  fc.constantFrom('!!js/function "x"', '!!binary AAAA', '!<tag:x> 1', '*unknown').map((value) => ({
    name: 'order.yaml',
    content: `session: {}\nlines: ${value}\n`,
    label: 'YAML odd tag or alias',
  })),
  fc.constant({
    name: 'order.yaml',
    content:
      'session: {}\nlines:\n  - __proto__: { polluted: true }\n    product_offering_id: "2173"\n',
    label: 'YAML __proto__ key',
  }),
  fc.constant({
    name: 'order.json',
    content: '{"session":{},"lines":[],"__proto__":{"polluted":true}}',
    label: 'JSON __proto__ at the top',
  }),
);

/** A file over the CLI's order-file limit, 32 MiB (rare: it is big to write). */
const oversized: fc.Arbitrary<HostileFile> = fc.constant({
  name: 'order.json',
  content: `{"session":{},"lines":[{"note":"${'x'.repeat(32 * 1024 * 1024)}"}]}`,
  label: 'over the order-file size limit',
});

/** Hostile order files: mostly structured (a valid order broken on purpose), some textual. */
export const hostileOrderFile: fc.Arbitrary<HostileFile> = fc.oneof(
  { weight: 1500, arbitrary: structured },
  { weight: 300, arbitrary: textual },
  { weight: 1, arbitrary: oversized },
);

/** `count` hostile files, the same for the same seed. */
export function sampleHostileFiles(count: number, seed: number): HostileFile[] {
  return fc.sample(hostileOrderFile, { numRuns: count, seed });
}

/** What a hostile request aims at; ids are filled in by the runner. */
export type BodyTarget =
  | 'createSession'
  | 'createLine'
  | 'updateLine'
  | 'deleteLine'
  | 'confirm'
  | 'startExport'
  | 'token';

export interface HostileBody {
  target: BodyTarget;
  /** Use an odd path segment instead of a real id. */
  oddId: string | null;
  body: string | Uint8Array | undefined;
  contentType: string | undefined;
  label: string;
}

const lineBody: fc.Arbitrary<{ text: string; label: string }> = fc
  .tuple(breaking, noise, fc.nat())
  .map(([change, changes, tag]) => {
    const line = soakLine(`body-${tag}`, 'acknowledged') as unknown as Json;
    for (const [field, text] of changes) setOwn(line, field, text);
    const value = change.apply({ session: {}, lines: [line] });
    // Order-level changes give a whole order; line-level ones change the line in place.
    const sent = Array.isArray((value as { lines?: unknown })?.lines)
      ? ((value as { lines: unknown[] }).lines[0] ?? value)
      : value;
    return { text: JSON.stringify(sent) ?? 'null', label: change.label };
  });

const jsonText: fc.Arbitrary<{ text: string; label: string }> = fc.oneof(
  { weight: 6, arbitrary: lineBody },
  {
    weight: 2,
    arbitrary: fc
      .jsonValue({ maxDepth: 4 })
      .map((value) => ({ text: JSON.stringify(value) ?? 'null', label: 'random JSON' })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...DANGEROUS_KEYS), fc.jsonValue({ maxDepth: 2 }))
      .map(([key, value]) => ({
        text: `{"${key}":${JSON.stringify(value) ?? 'null'},"product_offering_id":"2173"}`,
        label: `a "${key}" key`,
      })),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(100, 10_000, 100_000).map((depth) => ({
      text: `${'['.repeat(depth)}${']'.repeat(depth)}`,
      label: `nested ${depth} deep`,
    })),
  },
  {
    weight: 1,
    arbitrary: hugeText.map((text) => ({
      text: JSON.stringify({ note: text, product_offering_id: '2173' }),
      label: 'huge string',
    })),
  },
  {
    weight: 1,
    arbitrary: fc.constant({
      text: JSON.stringify({ note: 'x'.repeat(1_100_000) }),
      label: 'over the body limit',
    }),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(
        '{"note":"\\ud800"}',
        '{"note": 1e400}',
        '{"vlan_reference": -0}',
        '{"a":1,"a":2}',
        '{"note":"x"',
        '',
        'null',
        '\ufeff{}',
      )
      .map((text) => ({ text, label: 'odd JSON text' })),
  },
);

const rawBody: fc.Arbitrary<{ body: string | Uint8Array; label: string }> = fc.oneof(
  oddText.map((text) => ({ body: text, label: 'odd text' })),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => ({ body: bytes, label: 'random bytes' })),
);

const formBody: fc.Arbitrary<{ body: string; label: string }> = fc
  .record({
    grant: fc.constantFrom(
      'password',
      'refresh_token',
      'client_credentials',
      'implicit',
      '',
      '__proto__',
    ),
    client: fc.oneof(fc.constant('api-client'), oddText),
    extra: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...DANGEROUS_KEYS), oddText), oddText), {
      maxLength: 3,
    }),
  })
  .map(({ grant, client, extra }) => {
    const form = new URLSearchParams({ grant_type: grant, client_id: client });
    for (const [key, value] of extra) form.append(key, value);
    return { body: form.toString(), label: `token form (${grant || 'no grant'})` };
  });

const TARGETS: BodyTarget[] = [
  'createSession',
  'createLine',
  'createLine',
  'createLine',
  'updateLine',
  'updateLine',
  'deleteLine',
  'confirm',
  'startExport',
  'token',
];

/** Hostile request bodies, each aimed at one endpoint of the order-taking API or the token one. */
export const hostileBody: fc.Arbitrary<HostileBody> = fc
  .record({
    target: fc.constantFrom(...TARGETS),
    oddId: fc.oneof({ weight: 9, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: oddText }),
    json: jsonText,
    raw: rawBody,
    form: formBody,
    kind: fc.constantFrom('json', 'json', 'json', 'json', 'raw', 'form', 'none'),
    contentType: fc.constantFrom<string | undefined>(
      'application/json',
      'application/json',
      'application/json',
      'application/json; charset=utf-8',
      'application/merge-patch+json',
      'application/json; charset=utf-16',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      '',
      undefined,
    ),
  })
  .map(({ target, oddId, json, raw, form, kind, contentType }) => {
    const formType = target === 'token' && kind !== 'raw';
    const picked =
      kind === 'none'
        ? { body: undefined, label: 'no body' }
        : target === 'token' && kind === 'form'
          ? form
          : kind === 'raw'
            ? raw
            : { body: json.text, label: json.label };
    return {
      target,
      oddId,
      body: picked.body,
      contentType: formType ? 'application/x-www-form-urlencoded' : contentType,
      label: `${target}: ${picked.label}`,
    };
  });

export function sampleHostileBodies(count: number, seed: number): HostileBody[] {
  return fc.sample(hostileBody, { numRuns: count, seed });
}
