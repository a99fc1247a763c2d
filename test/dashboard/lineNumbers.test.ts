/**
 * The dashboard numbers lines as the order file does: a line the engine named
 * (`co-<instanceKey>-<NNNN>`, NNNN its number in the order file) shows that number; a line with
 * an external_id of the user's own shows that external_id. Sessions come newest first.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedExternalId, generatedLineNumber } from '../../src/lines/externalId.js';
import type { DashboardView } from '../../src/sandbox/dashboard/view.js';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { completeLine } from '../helpers/lines.js';
import { api, type Call } from '../sandbox/helpers.js';

describe("a line's number in the order file", () => {
  it('is read back from any external_id the engine generates', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9a-z-]{1,24}$/),
        fc.integer({ min: 1, max: 999_999 }),
        (key, number) => {
          expect(generatedLineNumber(generatedExternalId(key, number))).toBe(number);
        },
      ),
    );
  });

  it('is not read from an external_id of the user’s own', () => {
    for (const id of ['SITE-ROUEN', 'co-abc-12', 'co--0012', 'co-abc-0000', 'xco-abc-0012', ''])
      expect(generatedLineNumber(id), id).toBeUndefined();
  });
});

describe('the view of the dashboard', () => {
  let sandbox: SandboxHandle;
  let call: Call;

  beforeAll(async () => {
    sandbox = await startSandbox();
    call = api(sandbox.url);
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('lists sessions newest first; in each, the numbered lines in the file’s order, then the others as created', async () => {
    const first = (await call('POST', '/api/v1/product_order', { body: { external_id: 'A' } }))
      .body;
    const second = (await call('POST', '/api/v1/product_order', { body: { external_id: 'B' } }))
      .body;
    const items = `/api/v1/product_order/${second.id}/product_order_item`;
    for (const externalId of [
      'SITE-LE-HAVRE',
      generatedExternalId('k1', 12),
      'SITE-ROUEN',
      generatedExternalId('k1', 2),
      generatedExternalId('k1', 9),
    ])
      await call('POST', items, { body: completeLine({ external_id: externalId }) });

    const view: DashboardView = (await call('GET', '/__sandbox/dashboard/state')).body;
    expect(view.sessions.map((session) => [session.number, session.id])).toEqual([
      [2, second.id],
      [1, first.id],
    ]);
    const lines = view.sessions[0]?.lines ?? [];
    expect(lines.map((line) => [line.number, line.externalId, line.position])).toEqual([
      [2, generatedExternalId('k1', 2), 4],
      [9, generatedExternalId('k1', 9), 5],
      [12, generatedExternalId('k1', 12), 2],
      [null, 'SITE-LE-HAVRE', 1],
      [null, 'SITE-ROUEN', 3],
    ]);
  });
});
