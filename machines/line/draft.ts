import { changesOf, lineSetup, standing } from './setup.js';

/** Local only: the line waits for its session to exist and for a creation slot. */
export const draft = lineSetup.createStateConfig({
  description: 'Local only: the API does not know this line yet.',
  tags: ['local'],
  entry: standing('local'),
  on: {
    UPDATE: { actions: { type: 'applyUpdate', params: changesOf } },
    REMOVE: 'removed',
    CREATE: [
      {
        guard: 'isDiaOfferWithSuppliedEnni',
        target: 'creating',
        actions: [
          { type: 'rememberSession', params: ({ event }) => ({ sessionId: event.sessionId }) },
          'dropSuppliedEnni',
        ],
      },
      {
        target: 'creating',
        actions: {
          type: 'rememberSession',
          params: ({ event }) => ({ sessionId: event.sessionId }),
        },
      },
    ],
  },
});
