import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import {
  contactInputSchema,
  contactSchema,
  exportStatusSchema,
  exportTaskSchema,
  lineCreateSchema,
  lineSchema,
  lineUpdateSchema,
  sessionCreateSchema,
  sessionSchema,
  sessionWithItemsSchema,
  stateChangeSchema,
  terminationErrorSchema,
} from '../../src/schemas/index.js';
import {
  exampleAsJson,
  extractDocExamples,
  readDoc,
  readFixture,
  restoreEllipses,
} from './docExamples.js';

interface FixtureCase {
  file: string;
  /** Line of the doc where the example starts. */
  docLine: number;
  schema: z.ZodMiniType;
  /** Where the doc writes `[...]` and the fixture has realistic values instead. */
  filledIn?: string[];
}

/** One fixture per JSON example of the doc, in the doc's order. */
const CASES: FixtureCase[] = [
  { file: '01-session-create.request.json', docLine: 53, schema: sessionCreateSchema },
  { file: '02-session-create.response.json', docLine: 95, schema: sessionSchema },
  {
    file: '03-line-create.request.json',
    docLine: 220,
    schema: lineCreateSchema,
    filledIn: ['option_ids', 'related_contact_information'],
  },
  {
    file: '04-line-create.request.contact.json',
    docLine: 333,
    schema: z.strictObject({ related_contact_information: z.array(contactInputSchema) }),
  },
  { file: '05-line-create.response.json', docLine: 486, schema: lineSchema },
  {
    file: '06-line.termination-error.json',
    docLine: 669,
    schema: z.strictObject({ termination_error: z.array(terminationErrorSchema) }),
  },
  {
    file: '07-line-update.request.json',
    docLine: 779,
    schema: lineUpdateSchema,
    filledIn: ['related_contact_information'],
  },
  {
    file: '08-line-update.response.json',
    docLine: 1007,
    schema: lineSchema,
    filledIn: ['related_contact_information', 'state_change'],
  },
  { file: '09-line.response.contact.json', docLine: 1125, schema: contactSchema },
  { file: '10-line.response.state-change.json', docLine: 1165, schema: stateChangeSchema },
  { file: '11-line-delete.response.json', docLine: 1225, schema: sessionWithItemsSchema },
  { file: '12-session-confirm.response.json', docLine: 1258, schema: sessionWithItemsSchema },
  { file: '13-export-start.response.json', docLine: 1588, schema: exportTaskSchema },
  { file: '14-export-status.response.json', docLine: 1627, schema: exportStatusSchema },
];

const examples = extractDocExamples(readDoc());

describe('the JSON examples of the order-taking doc', () => {
  it('are all in test/fixtures/doc, one fixture each', () => {
    expect(examples.map((example) => example.line)).toEqual(CASES.map((c) => c.docLine));
  });

  describe.each(CASES)('$file', ({ file, docLine, schema, filledIn = [] }) => {
    const fixture = readFixture(file);

    it('is the doc example verbatim, except where the doc writes [...]', () => {
      const example = examples.find((candidate) => candidate.line === docLine);
      if (!example) throw new Error(`no example at line ${docLine} of the doc`);
      const restored = restoreEllipses(fixture, exampleAsJson(example));
      expect(restored.value).toEqual(exampleAsJson(example));
      expect(restored.replaced).toEqual(filledIn);
    });

    it('puts realistic values where the doc writes [...]', () => {
      for (const key of filledIn) {
        const value = (fixture as Record<string, unknown>)[key];
        expect(Array.isArray(value) && value.length > 0, key).toBe(true);
      }
    });

    it('parses with its schema', () => {
      const result = schema.safeParse(fixture);
      expect(result.error?.issues ?? []).toEqual([]);
    });
  });
});

describe('what the schemas make of the doc examples', () => {
  it('a line create request in the examples spelling reads in the tables spelling', () => {
    const line = lineCreateSchema.parse(readFixture('03-line-create.request.json'));
    expect(line.enni_2).toBe('');
    expect(line.cpe_networking_number).toBe('NET-123456');
    expect(line.vlan_reference).toBe(1257);
    expect(line).not.toHaveProperty('enni2');
    expect(line).not.toHaveProperty('cpe_network_number');
    expect(line.scheduled_delivery_date).toBe('2025-09-21');
  });

  it('a line response keeps the fields the response table does not list', () => {
    const line = lineSchema.parse(readFixture('05-line-create.response.json'));
    expect(line.billing_site_ref).toBe('AUX00');
    expect(line.product_order_id).toBe('908d2cc0-4bdc-4f62-b812-f8c1f48c96cd');
    expect(line.cpe_networking_number).toBe('NET-123456');
    expect(line.state).toBe('created');
    expect(line.state_change?.[0]?.state).toBe('created');
  });

  it('the confirm answer holds the lines, now in_progress, with their history', () => {
    const session = sessionWithItemsSchema.parse(readFixture('12-session-confirm.response.json'));
    const [item] = session.product_order_item;
    expect(item?.state).toBe('in_progress');
    expect(item?.option_ids).toEqual(['2210', '2220', '1615']);
    expect(item?.state_change?.map((change) => change.state)).toEqual(['created', 'in_progress']);
    expect(item?.cpe_networking_number).toBe('NET-123456');
  });

  it('the export status reads success as true, false or null', () => {
    const status = exportStatusSchema.parse(readFixture('14-export-status.response.json'));
    expect(status.success).toBe(true);
    expect(exportStatusSchema.parse({ ...status, success: null }).success).toBeNull();
    expect(exportStatusSchema.safeParse({ ...status, success: 'yes' }).success).toBe(false);
  });
});
