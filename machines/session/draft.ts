import { sessionSetup } from './actions.js';
import { lineEdits } from './edits.js';

/** Local only: nothing has been sent. A valid CONFIRM creates the session, then confirms. */
export const draft = sessionSetup.createStateConfig({
  description: 'Local only: the API session does not exist yet; nothing has been sent.',
  tags: ['editable', 'idle'],
  on: {
    ...lineEdits,
    START: 'creating',
    CONFIRM: [
      {
        guard: 'readyToConfirm',
        target: 'creating',
        actions: ['clearIssues', 'requestConfirmation'],
      },
      { actions: 'reportIssues' },
    ],
  },
});
