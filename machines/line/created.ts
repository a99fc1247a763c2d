/**
 * The API holds the line (its state is `created`). Edits are debounced and sent as one PATCH of
 * the fields that changed; a removal is a DELETE. The session's confirmation ends this phase.
 */
import { changedFields } from '../../src/lines/diff.js';
import { answer, failed, whenHeld } from './answers.js';
import { bodyToSend } from './body.js';
import { changesOf, lineSetup, standing } from './setup.js';

export const created = lineSetup.createStateConfig({
  description: 'The API holds the line.',
  initial: 'in_sync',
  states: {
    in_sync: {
      entry: standing('synced'),
      on: {
        UPDATE: [
          {
            guard: { type: 'editDiffersFromApi', params: changesOf },
            target: 'dirty',
            actions: { type: 'applyUpdate', params: changesOf },
          },
          { actions: { type: 'applyUpdate', params: changesOf } },
        ],
        REMOVE: 'deleting',
        CONFIRMED: {
          target: '#line.awaiting_outcome',
          actions: { type: 'recordRemote', params: ({ event }) => ({ line: event.line }) },
        },
      },
    },
    dirty: {
      description: 'Edited: the PATCH leaves after the debounce, or at once on SYNC.',
      entry: standing('pending'),
      after: { SYNC_DELAY: 'updating' },
      on: {
        UPDATE: [
          {
            guard: { type: 'editDiffersFromApi', params: changesOf },
            target: 'dirty',
            reenter: true,
            actions: { type: 'applyUpdate', params: changesOf },
          },
          { target: 'in_sync', actions: { type: 'applyUpdate', params: changesOf } },
        ],
        SYNC: 'updating',
        REMOVE: 'deleting',
      },
    },
    updating: {
      description: 'PATCH with only the fields that changed.',
      tags: ['sending'],
      entry: [standing('pending'), 'rememberPending'],
      invoke: {
        id: 'updateLine',
        src: 'updateLine',
        input: ({ context }) => ({
          sessionId: context.sessionId ?? '',
          lineId: context.lineId ?? '',
          changes: changedFields(context.synced ?? {}, context.pending ?? bodyToSend(context)),
        }),
        onDone: whenHeld({ type: 'recordUpdate', params: answer.updatedLine } as const),
        onError: {
          target: 'update_failed',
          actions: { type: 'fail', params: failed('update', false) },
        },
      },
      on: {
        UPDATE: { actions: { type: 'applyUpdate', params: changesOf } },
        REMOVE: { actions: 'requestRemoval' },
      },
    },
    update_failed: {
      tags: ['failed'],
      entry: standing('failed'),
      on: {
        UPDATE: { actions: { type: 'applyUpdate', params: changesOf } },
        RETRY: { target: 'updating', actions: 'clearError' },
        SYNC: { target: 'updating', actions: 'clearError' },
        REMOVE: { target: 'deleting', actions: 'clearError' },
      },
    },
    deleting: {
      description: 'DELETE product_order_item (the path without /v1).',
      tags: ['going'],
      entry: standing('removing'),
      invoke: {
        id: 'deleteLine',
        src: 'deleteLine',
        input: ({ context }) => ({
          sessionId: context.sessionId ?? '',
          lineId: context.lineId ?? '',
        }),
        onDone: '#line.removed',
        onError: {
          target: 'deletion_failed',
          actions: { type: 'fail', params: failed('delete', false) },
        },
      },
    },
    deletion_failed: {
      tags: ['going', 'failed'],
      entry: standing('failed'),
      on: {
        RETRY: { target: 'deleting', actions: 'clearError' },
      },
    },
  },
});
