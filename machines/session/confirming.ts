/**
 * PATCH product_order/{id}/confirm/ — never sent twice. An answer that may hide a confirmation
 * (none, a 5xx, a 409) sends the session to `reconciling`, which reads it back first.
 */
import { failureFrom } from '../shared/failure.js';
import { sessionSetup } from './actions.js';
import type { ConfirmSessionOutcome, SessionFailure } from './types.js';

/** A confirming answer: the session as confirmed, and whether it was found confirmed already. */
function confirmation({ event }: { event: { output: ConfirmSessionOutcome } }) {
  const outcome = event.output;
  if (outcome.type === 'maybeSent') throw new Error('a maybeSent answer holds no session');
  return { session: outcome.session, reconciled: outcome.type === 'alreadyConfirmed' };
}

/** The failure a `maybeSent` answer carries: the confirmation may have landed. */
function maybeSent({ event }: { event: { output: ConfirmSessionOutcome } }): SessionFailure {
  const outcome = event.output;
  const failure =
    outcome.type === 'maybeSent'
      ? outcome.failure
      : { kind: 'unexpected', message: 'no failure', retriable: false, ambiguous: true };
  return { ...failure, ambiguous: true, phase: 'confirm' };
}

const failed =
  (write: boolean, ambiguous?: boolean) =>
  ({ event }: { event: { error: unknown } }): SessionFailure => {
    const failure = failureFrom(event.error, write);
    return { ...failure, ambiguous: ambiguous ?? failure.ambiguous, phase: 'confirm' };
  };

export const confirming = sessionSetup.createStateConfig({
  description: 'PATCH product_order/{id}/confirm/ — never sent twice: a lost answer is reconciled.',
  initial: 'sending',
  states: {
    sending: {
      entry: 'announceConfirmationStarted',
      invoke: {
        id: 'confirmSession',
        src: 'confirmSession',
        input: ({ context }) => ({ sessionId: context.sessionId ?? '', reconcileFirst: false }),
        onDone: [
          {
            guard: { type: 'confirmationMayHaveLanded', params: ({ event }) => event.output },
            target: 'reconciling',
            actions: { type: 'recordFailure', params: maybeSent },
          },
          {
            target: '#session.in_progress',
            actions: { type: 'forwardConfirmation', params: confirmation },
          },
        ],
        onError: [
          {
            guard: { type: 'mayHaveLanded', params: failed(true) },
            target: 'reconciling',
            actions: { type: 'recordFailure', params: failed(true) },
          },
          { target: 'failed', actions: { type: 'fail', params: failed(true) } },
        ],
      },
    },
    reconciling: {
      description:
        'The confirmation may have happened: read the session back before confirming again.',
      invoke: {
        id: 'readSession',
        src: 'readSession',
        input: ({ context }) => ({
          sessionId: context.sessionId ?? '',
          purpose: 'reconcile' as const,
        }),
        onDone: [
          {
            guard: { type: 'sessionWasConfirmed', params: ({ event }) => event.output },
            target: '#session.in_progress',
            actions: {
              type: 'forwardConfirmation',
              params: ({ event }) => ({ session: event.output, reconciled: true }),
            },
          },
          { target: 'sending', actions: 'clearError' },
        ],
        onError: { target: 'failed', actions: { type: 'fail', params: failed(false, true) } },
      },
    },
    failed: {
      description:
        'Not confirmed (or not known to be). RETRY reconciles first when the fate is unknown.',
      tags: ['failed'],
      on: {
        RETRY: [
          { guard: 'failureIsAmbiguous', target: 'reconciling' },
          { target: 'sending', actions: 'clearError' },
        ],
      },
    },
  },
});
