/**
 * The API session is `created`. Lines are created in the background (`concurrency` at a time),
 * edited and removed. A valid CONFIRM waits in `syncing` until the API holds every line as
 * drafted, validates once more, and confirms. The guards read counters, never the lines.
 */
import { notice, sessionSetup } from './actions.js';
import { lineEdits } from './edits.js';

export const created = sessionSetup.createStateConfig({
  description: 'The API session is `created`: lines are added, updated and removed.',
  tags: ['editable'],
  initial: 'editing',
  on: lineEdits,
  states: {
    editing: {
      tags: ['idle'],
      on: {
        CONFIRM: [
          { guard: 'readyAndInSync', target: '#session.confirming', actions: 'clearIssues' },
          { guard: 'readyWithFailedLine', target: 'failed', actions: 'clearIssues' },
          { guard: 'readyToConfirm', target: 'syncing', actions: 'clearIssues' },
          { actions: 'reportIssues' },
        ],
        RETRY: { actions: ['retryFailedLines', 'dispatchCreations'] },
        RESUME: { actions: ['recountLines', 'dispatchCreations'] },
      },
    },
    syncing: {
      description:
        'Waits until the API holds every line exactly as drafted (creations, pending PATCHes), then validates again and confirms. Edits are still taken.',
      entry: ['dispatchCreations', 'syncLines'],
      on: {
        'LINE.MOVED': [
          {
            guard: 'lineJustFailed',
            target: 'failed',
            actions: [{ type: 'countLine', params: notice }, 'dispatchCreations'],
          },
          {
            guard: 'readyAndInSync',
            target: '#session.confirming',
            actions: { type: 'countLine', params: notice },
          },
          {
            guard: 'allLinesInSync',
            target: 'editing',
            actions: [{ type: 'countLine', params: notice }, 'reportIssues'],
          },
          {
            actions: [
              { type: 'countLine', params: notice },
              { type: 'syncMovedLine', params: notice },
              'dispatchCreations',
            ],
          },
        ],
        RESUME: { actions: ['recountLines', 'dispatchCreations', 'syncLines'] },
      },
    },
    failed: {
      description:
        'A line could not be created, updated or deleted; nothing is lost, RETRY resumes. An edit goes back to editing.',
      tags: ['failed'],
      entry: 'failSync',
      on: {
        RETRY: { target: 'syncing', actions: ['clearError', 'retryFailedLines'] },
        // An edit goes back to editing: the failed line is retried or removed by the user.
        ADD_LINE: { target: 'editing', actions: ['clearError', ...lineEdits.ADD_LINE.actions] },
        UPDATE_LINE: {
          target: 'editing',
          actions: ['clearError', ...lineEdits.UPDATE_LINE.actions],
        },
        REMOVE_LINE: {
          target: 'editing',
          actions: ['clearError', ...lineEdits.REMOVE_LINE.actions],
        },
        RESUME: { actions: ['recountLines', 'dispatchCreations'] },
      },
    },
  },
});
