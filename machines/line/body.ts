import { sameContent } from '../../src/lines/diff.js';
import { isDiaLine } from '../../src/rules/dia.js';
import { lineOutcome } from '../../src/rules/lifecycle.js';
import type { LineCreate } from '../../src/schemas/line.js';
import type { LineState } from '../../src/schemas/states.js';
import type { LineContext } from './types.js';

/** The body a line is created with: the draft, without a DIA line's `enni`. */
export function bodyToSend(context: Pick<LineContext, 'draft' | 'diaOfferingIds'>): LineCreate {
  const draft = context.draft;
  if (draft.enni !== undefined && isDiaLine(draft, new Set(context.diaOfferingIds))) {
    const { enni: _dropped, ...rest } = draft;
    return rest;
  }
  return draft;
}

/** True when the draft, as it would be sent, differs from `body` (what the API holds). */
export function draftDiffersFrom(
  body: LineCreate | null,
  context: Pick<LineContext, 'draft' | 'diaOfferingIds'>,
): boolean {
  return body !== null && !sameContent(body, bodyToSend(context));
}

/** What a `line.outcome` event reported: the API state and what it means at that point. */
export function outcomeSignature(state: LineState, sessionFinal: boolean): string {
  return `${state}:${lineOutcome(state, sessionFinal)}`;
}
