import { describe, expect, it } from 'vitest';
import { type LineOutcome, lineOutcome, sessionOutcome } from '../../src/rules/index.js';

describe("a line's outcome (the doc's line lifecycle)", () => {
  it('rejected_creation means no order was created', () => {
    expect(lineOutcome('rejected_creation', false)).toBe('no_order');
    expect(lineOutcome('rejected_creation', true)).toBe('no_order');
  });

  it('acknowledged and held_adv_validation mean an order was created', () => {
    expect(lineOutcome('acknowledged', false)).toBe('order_created');
    expect(lineOutcome('held_adv_validation', false)).toBe('order_created');
  });

  it('in_progress is pending while the session runs, an order once it is final', () => {
    expect(lineOutcome('in_progress', false)).toBe('pending');
    expect(lineOutcome('in_progress', true)).toBe('order_created');
  });

  it("order tracking's names are read too: technical_error is no order", () => {
    expect(lineOutcome('technical_error', false)).toBe('no_order');
    expect(lineOutcome('created', true)).toBe('order_created');
  });
});

describe("a session's outcome (the doc's session lifecycle)", () => {
  const cases: [LineOutcome[], string][] = [
    [['order_created', 'order_created'], 'completed'],
    [['order_created', 'no_order'], 'partial'],
    [['no_order', 'no_order'], 'rejected'],
    [['order_created', 'pending'], 'in_progress'],
    [[], 'in_progress'],
  ];
  it.each(cases)('%j → %s', (outcomes, state) => {
    expect(sessionOutcome(outcomes)).toBe(state);
  });
});
