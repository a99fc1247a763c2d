/**
 * Where a session stands against the doc's confirmation rules, for a form's live feedback: each
 * named rule guard that `readyToConfirm` composes, passed or failed, and every issue with its path
 * (`lines[1].enni`). The same guards decide CONFIRM, so the form and the machine never disagree.
 */
import {
  CONFIRMATION_RULES,
  type ConfirmationRule,
  type SessionContext,
  sessionCheck,
  sessionMachine,
} from '../../machines/session/index.js';
import type { Issue } from '../rules/issue.js';

export type RuleResult = 'pass' | 'fail';

export interface Readiness {
  /** Every rule passes: a CONFIRM goes ahead. */
  ready: boolean;
  rules: Record<ConfirmationRule, RuleResult>;
  /** Every finding (errors and warnings) over the lines still in the session. */
  issues: Issue[];
}

type RuleGuard = (
  args: { context: SessionContext; event: { type: string } },
  params: undefined,
) => boolean;

/** Reads a session snapshot (from `useMachine`, `actor.getSnapshot()`, or `OrderSession.actor`). */
export function readiness(snapshot: { context: SessionContext }): Readiness {
  const guards = sessionMachine.implementations.guards as unknown as Record<
    ConfirmationRule,
    RuleGuard
  >;
  const args = { context: snapshot.context, event: { type: 'CONFIRM' } };
  const rules = {} as Record<ConfirmationRule, RuleResult>;
  for (const rule of CONFIRMATION_RULES)
    rules[rule] = guards[rule](args, undefined) ? 'pass' : 'fail';
  return {
    ready: CONFIRMATION_RULES.every((rule) => rules[rule] === 'pass'),
    rules,
    issues: sessionCheck(snapshot.context).issues,
  };
}
