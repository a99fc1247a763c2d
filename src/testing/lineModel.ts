/**
 * One order line as its user sees it in a form, for `createTestModel` (xstate/graph): blocked
 * by the confirmation rules until its fields are filled in (enni; both CPE fields once option
 * 7021 is chosen), then sent with CONFIRM, then made an order or rejected by the API. The API's
 * answers are events, so the model has no `invoke` and no `after`.
 */
import { assign, setup } from 'xstate';

export interface LineModelContext {
  enni: boolean;
  option7021: boolean;
  cpe: boolean;
}

export type LineModelEvent =
  | { type: 'FILL_ENNI' }
  /** Choose option 7021: both CPE fields become required. */
  | { type: 'ADD_OPTION_7021' }
  | { type: 'FILL_CPE' }
  | { type: 'CONFIRM' }
  /** The API made the line an order. */
  | { type: 'API.ORDER_CREATED' }
  /** The API rejected the line (scripted in the sandbox). */
  | { type: 'API.REJECTED' };

const ready = (context: LineModelContext) => context.enni && (!context.option7021 || context.cpe);

export const lineTestModel = setup({
  types: {} as { context: LineModelContext; events: LineModelEvent },
  guards: {
    enniMissing: ({ context }) => !context.enni,
    noOption7021: ({ context }) => !context.option7021,
    cpeMissingWithOption7021: ({ context }) => context.option7021 && !context.cpe,
    readyOnceEnniFilled: ({ context }) => ready({ ...context, enni: true }),
    readyOnceCpeFilled: ({ context }) => ready({ ...context, cpe: true }),
  },
  actions: {
    fillEnni: assign({ enni: true }),
    addOption7021: assign({ option7021: true }),
    fillCpe: assign({ cpe: true }),
  },
}).createMachine({
  id: 'lineTestModel',
  context: { enni: false, option7021: false, cpe: false },
  initial: 'blocked',
  states: {
    blocked: {
      description: 'A rule stops the confirmation: the form shows the issue.',
      on: {
        FILL_ENNI: [
          { guard: 'readyOnceEnniFilled', target: 'ready', actions: 'fillEnni' },
          { guard: 'enniMissing', actions: 'fillEnni' },
        ],
        ADD_OPTION_7021: { guard: 'noOption7021', actions: 'addOption7021' },
        FILL_CPE: [
          { guard: 'readyOnceCpeFilled', target: 'ready', actions: 'fillCpe' },
          { guard: 'cpeMissingWithOption7021', actions: 'fillCpe' },
        ],
      },
    },
    ready: {
      description: 'Every rule passes: CONFIRM sends it.',
      on: {
        ADD_OPTION_7021: { guard: 'noOption7021', target: 'blocked', actions: 'addOption7021' },
        CONFIRM: 'sent',
      },
    },
    sent: {
      description: 'Created and confirmed: the outcome is the API’s.',
      on: { 'API.ORDER_CREATED': 'order_created', 'API.REJECTED': 'rejected' },
    },
    order_created: { type: 'final' },
    rejected: { type: 'final' },
  },
});

export type LineTestModel = typeof lineTestModel;
