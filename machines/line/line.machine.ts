/**
 * The lifecycle of one order line, a child actor of its session, as the doc's line flowchart
 * draws it: creating → created → (the session confirms) awaiting_outcome → order_created
 * (acknowledged | held_adv_validation | in_progress, or `tracked` when only order tracking told)
 * or no_order (rejected_creation | technical_error), or `outcome_unknown` when no documented
 * source told before the deadline. Client-side phases are nested: `creating` (sending, reconciling, failed) and
 * `created` (in_sync, dirty, updating, deleting, and their failures). A line tells its session
 * where it stands (`LINE.MOVED`) and what happened (`LINE.CREATED`, …): see `types.ts`.
 */
import { created } from './created.js';
import { creating } from './creating.js';
import { draft } from './draft.js';
import { awaitingOutcome, noOrder, orderCreated, outcomeUnknown } from './outcome.js';
import { lineSetup, standing } from './setup.js';

export const lineMachine = lineSetup.createMachine({
  id: 'line',
  context: ({ input }) => ({
    key: input.key,
    index: input.index,
    sessionId: input.sessionId ?? null,
    draft: input.draft,
    synced: null,
    remote: null,
    lineId: null,
    diaOfferingIds: input.diaOfferingIds ?? [],
    syncDelayMs: input.syncDelayMs ?? 250,
    reconciled: false,
    pending: null,
    lastUpdatedFields: [],
    removeRequested: false,
    error: null,
    warnings: [],
    standing: 'local',
    reportedOutcome: null,
    tracked: null,
  }),
  initial: 'draft',
  // A creation slot reaches a line that is not waiting for one: give it back.
  on: { CREATE: { actions: 'declineCreation' } },
  states: {
    draft,
    creating,
    created,
    removed: { type: 'final', tags: ['going'], entry: standing('removed') },
    awaiting_outcome: awaitingOutcome,
    order_created: orderCreated,
    no_order: noOrder,
    outcome_unknown: outcomeUnknown,
  },
});

export type LineMachine = typeof lineMachine;
