/**
 * Adding, editing and removing lines: the same three transitions in every state that takes them
 * (tagged `editable`). An edit is forwarded to its line by key; new lines are offered a creation
 * slot as soon as the API session exists.
 */
import { sessionSetup } from './actions.js';

export const lineEdits = sessionSetup.createStateConfig({
  on: {
    ADD_LINE: {
      actions: [
        { type: 'addLine', params: ({ event }) => ({ line: event.line }) },
        'dispatchCreations',
      ],
    },
    UPDATE_LINE: {
      actions: [
        {
          type: 'forwardEdit',
          params: ({ event }) => ({
            key: event.key,
            event: { type: 'UPDATE', changes: event.changes } as const,
          }),
        },
      ],
    },
    REMOVE_LINE: {
      actions: [
        {
          type: 'forwardEdit',
          params: ({ event }) => ({ key: event.key, event: { type: 'REMOVE' } as const }),
        },
      ],
    },
  },
}).on;
