import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shareValues } from '../../src/lines/share.js';
import { completeLine } from '../helpers/lines.js';

const json = fc.jsonValue({ maxDepth: 3 });

describe('shareValues: the API’s answer holds the draft’s values once', () => {
  it('whatever the answer and the draft, the answer says the same after as before', () => {
    fc.assert(
      fc.property(json, json, (answer, draft) => {
        const before = structuredClone(answer);
        const draftBefore = structuredClone(draft);
        expect(shareValues(answer, draft)).toBe(answer);
        expect(answer).toEqual(before);
        expect(draft).toEqual(draftBefore);
      }),
    );
  });

  it('an answer repeating the draft points at the draft’s arrays of strings', () => {
    const draft = { ...completeLine(), option_ids: ['2210', '7021'] };
    const answer = JSON.parse(
      JSON.stringify({ ...draft, id: 'i-1', state: 'created', note: '', tags: ['2210'] }),
    );
    shareValues(answer, draft);
    expect(answer.option_ids).toBe(draft.option_ids);
    // Different content is left as it was.
    expect(answer.tags).toEqual(['2210']);
    expect(answer.tags).not.toBe(draft.option_ids);
    expect(answer.related_contact_information).toEqual(draft.related_contact_information);
  });

  it('a frozen answer is left as it is', () => {
    const draft = { option_ids: ['1'] };
    const answer = Object.freeze({ option_ids: ['1'] });
    expect(() => shareValues(answer, draft)).not.toThrow();
    expect(answer.option_ids).not.toBe(draft.option_ids);
  });
});
