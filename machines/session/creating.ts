import { failureFrom } from '../shared/failure.js';
import { sessionSetup } from './actions.js';
import { lineEdits } from './edits.js';

/** The doc's first step: POST product_order. A CONFIRM asked in draft is asked again after. */
export const creating = sessionSetup.createStateConfig({
  description: 'POST product_order. Lines can still be added and edited.',
  tags: ['editable'],
  initial: 'sending',
  on: lineEdits,
  states: {
    sending: {
      invoke: {
        id: 'createSession',
        src: 'createSession',
        // After a lost answer, the next attempt looks for the session first (without the read).
        input: ({ context }) => ({
          request: context.request,
          reconcileFirst: context.error?.ambiguous === true,
        }),
        onDone: [
          {
            guard: 'confirmRequested',
            target: '#session.created',
            actions: [
              { type: 'recordSessionCreated', params: ({ event }) => event.output },
              'dispatchCreations',
              'replayConfirmation',
            ],
          },
          {
            target: '#session.created',
            actions: [
              { type: 'recordSessionCreated', params: ({ event }) => event.output },
              'dispatchCreations',
            ],
          },
        ],
        onError: {
          target: 'failed',
          actions: {
            type: 'fail',
            params: ({ event }) => ({ ...failureFrom(event.error, true), phase: 'create_session' }),
          },
        },
      },
    },
    failed: {
      description:
        'The session was not created, or not known to be: without the read, RETRY looks for it in the CSV export first (by its external_id).',
      tags: ['failed'],
      on: {
        RETRY: [
          { guard: 'failureIsAmbiguous', target: 'sending' },
          { target: 'sending', actions: 'clearError' },
        ],
      },
    },
  },
});
