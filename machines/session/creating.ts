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
        input: ({ context }) => ({ request: context.request }),
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
        'The session was not created (a lost answer leaves at most an empty session behind).',
      tags: ['failed'],
      on: { RETRY: { target: 'sending', actions: 'clearError' } },
    },
  },
});
