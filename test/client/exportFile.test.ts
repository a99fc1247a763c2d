/**
 * Reading the CSV export: records cut anywhere (quotes, doubled quotes, CRLF), columns by name in
 * any order with extra ones ignored, formula-escaped cells restored, and a clear error naming a
 * missing column.
 */
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvRecords } from '../../src/client/csvRecords.js';
import { readExportFile } from '../../src/client/exportFile.js';
import { CovageResponseError } from '../../src/http/errors.js';

const where = { method: 'GET', path: '/api/v1/product_order/export/t/download/' };

function records(text: string, cuts: number[]): string[][] {
  const out: string[][] = [];
  const reader = new CsvRecords(where);
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    reader.push(text.slice(at, cut), (record) => out.push(record));
    at = cut;
  }
  reader.push(text.slice(at), (record) => out.push(record));
  reader.end((record) => out.push(record));
  return out;
}

function streamOf(text: string, chunk = 7): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) controller.close();
      else {
        controller.enqueue(bytes.slice(at, at + chunk));
        at += chunk;
      }
    },
  });
}

describe('the CSV records', () => {
  it('read back what csv-stringify wrote, however the text is cut', () => {
    const cell = fc.string({
      unit: fc.constantFrom('a', 'é', ',', '"', '\n', '\r', ' ', '=', 'x'),
    });
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(200), { maxLength: 5 }),
        fc.constantFrom('\r\n', '\n'),
        (rows, cuts, delimiter) => {
          const text = stringify(rows, { record_delimiter: delimiter, quoted_match: /[\r\n",]/ });
          expect(
            records(
              text,
              cuts.map((cut) => cut % (text.length + 1)),
            ),
          ).toEqual(rows);
        },
      ),
    );
  });

  it('a file that ends inside quotes is a response error, not a crash', () => {
    expect(() => records('a,"b\r\n', [])).toThrow(CovageResponseError);
  });

  it('a field past the limit is refused (memory stays bounded)', () => {
    const reader = new CsvRecords(where, { maxFieldChars: 10 });
    expect(() => reader.push('x'.repeat(11), () => {})).toThrow(/longer than 10/);
  });
});

describe('the export file, by column name', () => {
  const header = [
    'extra_first',
    'state',
    'id',
    'termination_error',
    'product_order_state',
    'external_id',
    'product_order_external_id',
    'product_offering_qualification_item_id',
    'order_reference',
    'product_order_id',
    'extra_last',
  ];
  const rows = [
    [
      'x',
      'rejected_creation',
      'line-1',
      '[{"code":"c","property_path":"enni","value":null}]',
      'partial',
      "'=EXT-1",
      'S-EXT',
      'q-1',
      '',
      'S1',
      'y',
    ],
    ['x', 'acknowledged', 'line-2', '[]', 'partial', 'EXT-2', 'S-EXT', 'q-2', 'ORD_1', 'S1', 'y'],
    ['x', 'acknowledged', 'line-3', '[]', 'completed', 'EXT-3', 'OTHER', 'q-3', 'ORD_2', 'S2', 'y'],
    ['x', '', '', '', 'created', '', 'LONELY', '', '', 'S3', 'y'],
  ];
  const csv = stringify([header, ...rows], { record_delimiter: '\r\n' });

  it('keeps only the sessions asked for, their lines read by column name', async () => {
    const read = await readExportFile(streamOf(`\uFEFF${csv}`), { sessionIds: ['S1'] }, where);
    expect([...read.byId.keys()]).toEqual(['S1']);
    const session = read.byId.get('S1');
    expect(session?.state).toBe('partial');
    expect(session?.product_order_item).toEqual([
      expect.objectContaining({
        id: 'line-1',
        external_id: '=EXT-1',
        state: 'rejected_creation',
        product_offering_qualification_item_id: 'q-1',
        termination_error: [{ code: 'c', property_path: 'enni', value: '' }],
      }),
      expect.objectContaining({ id: 'line-2', order_reference: 'ORD_1', termination_error: [] }),
    ]);
  });

  it('finds a session by the external_id it was created with, lines or none', async () => {
    const read = await readExportFile(
      streamOf(csv),
      { sessionExternalIds: ['LONELY', 'S-EXT'] },
      where,
    );
    expect(read.idsByExternalId.get('LONELY')).toEqual(['S3']);
    expect(read.byId.get('S3')?.product_order_item).toEqual([]);
    expect(read.idsByExternalId.get('S-EXT')).toEqual(['S1']);
  });

  it('names a missing column, and an unknown line state with its row', async () => {
    const noState = stringify([
      ['product_order_id', 'id', 'external_id', 'product_offering_qualification_item_id'],
      ['S1', 'l', 'e', 'q'],
    ]);
    await expect(readExportFile(streamOf(noState), { sessionIds: ['S1'] }, where)).rejects.toThrow(
      /no column state/,
    );
    const odd = stringify([
      ['product_order_id', 'id', 'external_id', 'product_offering_qualification_item_id', 'state'],
      ['S1', 'l', 'e', 'q', 'teleported'],
    ]);
    await expect(readExportFile(streamOf(odd), { sessionIds: ['S1'] }, where)).rejects.toThrow(
      /row 1\.state: unknown line state "teleported"/,
    );
  });
});
