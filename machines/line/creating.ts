/**
 * Creating the line: one POST with the whole line. A POST whose answer is lost is never simply
 * sent again: the line looks for itself in the session first (by `external_id` and
 * `product_offering_qualification_item_id`), and only POSTs again when it is not there.
 */

import { answer, failed, whenHeld } from './answers.js';
import { bodyToSend } from './body.js';
import { changesOf, lineSetup, standing } from './setup.js';

export const creating = lineSetup.createStateConfig({
  description: 'POST product_order_item with the whole line: one call, no PATCH after.',
  initial: 'sending',
  on: {
    UPDATE: { actions: { type: 'applyUpdate', params: changesOf } },
    REMOVE: { actions: 'requestRemoval' },
  },
  states: {
    sending: {
      tags: ['sending'],
      entry: [standing('creating'), 'rememberPending'],
      invoke: {
        id: 'createLine',
        src: 'createLine',
        input: ({ context }) => ({
          sessionId: context.sessionId ?? '',
          key: context.key,
          body: context.pending ?? bodyToSend(context),
          reconcileFirst: false,
        }),
        onDone: [
          {
            guard: { type: 'mayHaveBeenCreated', params: answer.ofCreation },
            target: 'reconciling',
            actions: { type: 'recordFailure', params: answer.creationRefused },
          },
          {
            guard: { type: 'refusedByApi', params: answer.ofCreation },
            target: 'failed',
            actions: { type: 'fail', params: answer.creationRefused },
          },
          ...whenHeld({ type: 'recordCreation', params: answer.heldLine } as const),
        ],
        onError: [
          {
            guard: { type: 'mayHaveLanded', params: failed('create', true) },
            target: 'reconciling',
            actions: { type: 'recordFailure', params: failed('create', true) },
          },
          { target: 'failed', actions: { type: 'fail', params: failed('create', true) } },
        ],
      },
    },
    reconciling: {
      description:
        'The creation may have happened: read the session back and look for the line by external_id and eligibility item before any new POST.',
      tags: ['sending'],
      entry: [standing('creating'), 'keepPending'],
      invoke: {
        id: 'reconcileLine',
        src: 'reconcileLine',
        input: ({ context }) => ({
          sessionId: context.sessionId ?? '',
          body: context.pending ?? bodyToSend(context),
        }),
        onDone: [
          {
            guard: { type: 'lineNotFound', params: answer.ofSearch },
            target: 'sending',
            actions: 'clearError',
          },
          ...whenHeld({ type: 'recordCreation', params: answer.heldLine } as const),
        ],
        onError: {
          target: 'failed',
          actions: { type: 'fail', params: failed('reconcile', false, true) },
        },
      },
    },
    failed: {
      description:
        'Not created (or not known to be). The next creation slot reconciles first when the fate of the POST is unknown.',
      tags: ['failed'],
      entry: standing('failed'),
      on: {
        CREATE: [
          { guard: 'failureIsAmbiguous', target: 'reconciling' },
          { target: 'sending', actions: 'clearError' },
        ],
        REMOVE: [
          { guard: 'failureIsAmbiguous', target: 'reconciling', actions: 'requestRemoval' },
          { target: '#line.removed' },
        ],
      },
    },
  },
});
