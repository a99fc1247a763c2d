import { createConfirmationChecker } from '../../src/rules/checkConfirmation.js';
import { checkSession } from '../../src/rules/checkSession.js';
import { lineCreateSchema } from '../../src/schemas/line.js';
import { benchLines } from '../lines.js';
import type { Scenario } from '../scenario.js';

export const LINE_COUNT = 10_000;

/**
 * Checking 10,000 lines for confirmation, next to a bare zod parse of the same lines (the
 * create schema with its alias step): the rules' own cost is what lies beyond the parse.
 */
export function confirmationRules(count = LINE_COUNT): Scenario {
  const lines = benchLines(count);
  return {
    id: 'rules',
    title: `checking ${count.toLocaleString('en')} lines for confirmation vs a bare zod parse`,
    items: count,
    baseline: 'zod parse',
    target: { contender: 'checkConfirmation', maxRatio: 2 },
    contenders: [
      {
        name: 'zod parse',
        run: () => {
          let valid = 0;
          for (const line of lines) if (lineCreateSchema.safeParse(line).success) valid++;
          return valid;
        },
      },
      {
        name: 'checkConfirmation',
        run: () => {
          const check = createConfirmationChecker({ diaOfferingIds: ['3301'] });
          let ready = 0;
          for (const line of lines) if (check(line).ready) ready++;
          return ready;
        },
      },
      {
        // The same parse, keeping every result as checkSession keeps its reports: what holding
        // 10,000 results costs the garbage collector, apart from the rules.
        name: 'zod parse, results kept',
        run: () => lines.map((line) => lineCreateSchema.safeParse(line)),
      },
      {
        name: 'checkSession',
        run: () => checkSession(lines, { diaOfferingIds: ['3301'] }).ready,
      },
    ],
  };
}
