import { waitFor } from 'xstate';
import type { OrderSession } from '../../src/runtime/orderSession.js';

/**
 * Resolves when the session's confirmation is answered (the machine enters `in_progress`); the
 * outcome that follows is not waited for. Rejects when the session stops anywhere else.
 */
export async function untilConfirmed(session: OrderSession): Promise<void> {
  const snapshot = await waitFor(
    session.actor,
    (s) =>
      s.matches('in_progress') ||
      s.status !== 'active' ||
      s.context.error !== null ||
      s.context.issues.length > 0,
    { timeout: Number.POSITIVE_INFINITY },
  );
  if (!snapshot.matches('in_progress')) {
    const where = JSON.stringify(snapshot.value);
    const why = snapshot.context.error?.message ?? snapshot.context.issues[0]?.message ?? '';
    throw new Error(`the session stopped in ${where} before its confirmation was answered ${why}`);
  }
}
