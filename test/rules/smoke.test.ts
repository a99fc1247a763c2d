import { describe, expect, it } from 'vitest';
import { checkConfirmation } from '../../src/rules/index.js';

describe('checkConfirmation', () => {
  it('a line without enni is not ready, and says where', () => {
    const result = checkConfirmation({
      product_offering_id: '1',
      product_offering_qualification_item_id: 'q',
    });
    expect(result.ready).toBe(false);
    expect(result.issues.map((issue) => issue.path)).toContain('enni');
  });
});
