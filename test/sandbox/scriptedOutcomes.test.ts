import { afterEach, describe, expect, it } from 'vitest';
import { createLineDecider } from '../../src/sandbox/outcome.js';
import { checkScript } from '../../src/sandbox/script.js';
import { sampleLine } from '../../src/testing/sampleLine.js';
import { startTestSandbox, type TestSandbox } from '../../src/testing/sandbox.js';

let sandbox: TestSandbox | null = null;
afterEach(async () => {
  await sandbox?.close();
  sandbox = null;
});

describe('scripted outcomes: what the back office makes of line N', () => {
  it('line 2 is rejected on its contact’s insee_code, the others become orders', async () => {
    sandbox = await startTestSandbox({ outcomes: [{ line: 2, on: 'insee_code' }] });
    const session = await sandbox.api.createSession({});
    for (let n = 1; n <= 3; n++)
      await sandbox.api.createLine(
        session.id,
        sampleLine({
          product_offering_qualification_item_id: `q-${n}`,
          external_id: `co-app-000${n}`,
        }),
      );
    await sandbox.api.confirmSession(session.id);
    await new Promise((resolve) => setTimeout(resolve, 60));
    const held = await sandbox.session(session.id);
    const lines = held?.product_order_item ?? [];
    expect(lines.map((line) => line.state)).toEqual([
      expect.stringMatching(/acknowledged|held_adv_validation|in_progress/),
      'rejected_creation',
      expect.stringMatching(/acknowledged|held_adv_validation|in_progress/),
    ]);
    expect(lines[1]?.termination_error).toEqual([
      {
        code: 'sandbox_scripted_rejection',
        property_path: 'related_contact_information[0].insee_code',
        value: '76451',
      },
    ]);
    expect(held?.state).toBe('partial');
  });

  it('numbers a line by its generated external_id, whatever order the creations arrived in', () => {
    const decide = createLineDecider({
      seed: 1,
      diaOfferingIds: [],
      scriptedOutcomes: [{ line: 7, state: 'technical_error' }],
    });
    const line = sampleLine() as Parameters<typeof decide>[0];
    expect(decide(line, 1, 7)).toEqual({
      state: 'technical_error',
      terminationError: [{ code: 'technical_error', property_path: 'note', value: '' }],
    });
    expect(decide(line, 1, 6).state).not.toBe('technical_error');
    // The rule table comes first: a line without its enni is rejected on it.
    const { enni: _missing, ...incomplete } = line;
    expect(decide(incomplete, 1, 7).terminationError.map((error) => error.property_path)).toContain(
      'enni',
    );
  });

  it('a wrong script is refused with the entry named', () => {
    expect(() => checkScript([{ line: 0 }])).toThrow(/scriptedOutcomes\[0\]\.line/);
    expect(() => checkScript([{ line: 1, state: 'created' as never }])).toThrow(
      /scriptedOutcomes\[0\]\.state must be one of/,
    );
  });
});
