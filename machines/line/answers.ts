/**
 * What the line's actors answered, read for its guards and actions (dynamic params: typed, no
 * casts in the states), and where a line goes once the API holds it.
 */
import type { DoneActorEvent, ErrorActorEvent } from 'xstate';
import { failureFrom } from '../shared/failure.js';
import type {
  CreateLineOutcome,
  LineFailure,
  LineFailurePhase,
  ReconcileLineOutcome,
  UpdateLineOutcome,
} from './types.js';

/** What a held answer (created, or found already created) tells of the line. */
function heldLine(outcome: CreateLineOutcome | ReconcileLineOutcome) {
  if (outcome.type === 'created') return { line: outcome.line, reconciled: false };
  if (outcome.type === 'alreadyExists') return { line: outcome.line, reconciled: true };
  throw new Error(`a "${outcome.type}" answer does not hold the line`);
}

type Done<T> = { event: DoneActorEvent<T, string> };
type Failed = { event: ErrorActorEvent };

/** Dynamic params read from the actors' answers (typed: no casts in the states). */
export const answer = {
  ofCreation: ({ event }: Done<CreateLineOutcome>) => event.output,
  ofSearch: ({ event }: Done<ReconcileLineOutcome>) => event.output,
  heldLine: ({ event }: Done<CreateLineOutcome | ReconcileLineOutcome>) => heldLine(event.output),
  updatedLine: ({ event }: Done<UpdateLineOutcome>) => ({ line: event.output.line }),
  /** The POST answered, but not with the line: why. */
  creationRefused: ({ event }: Done<CreateLineOutcome>): LineFailure =>
    event.output.type === 'rejected'
      ? { ...event.output.failure, phase: 'create', issues: event.output.issues }
      : event.output.type === 'maybeSent'
        ? { ...event.output.failure, ambiguous: true, phase: 'create' }
        : {
            kind: 'unexpected',
            message: 'no failure',
            retriable: false,
            ambiguous: false,
            phase: 'create',
          },
};

/** A rejected call as the line keeps it: which call, what happened, whether it may have landed. */
export const failed =
  (phase: LineFailurePhase, write: boolean, ambiguous?: boolean) =>
  ({ event }: Failed): LineFailure => {
    const failure = failureFrom(event.error, write);
    return { ...failure, ambiguous: ambiguous ?? failure.ambiguous, phase };
  };

/** Where a line goes once the API holds it: deleted, PATCHed, or in sync. */
export function whenHeld<TActions>(actions: TActions) {
  return [
    { guard: 'removalRequested', target: '#line.created.deleting', actions },
    { guard: 'draftChangedSinceSent', target: '#line.created.dirty', actions },
    { target: '#line.created.in_sync', actions },
  ] as const;
}
