/**
 * The soak's judges must catch what they are there to catch: a line held twice, a line missing,
 * a line nobody asked for, a session left unfinished, a secret in an output.
 */
import { describe, expect, it } from 'vitest';
import { intendedSession } from '../../scripts/soak/orders.js';
import { pollutionSince, prototypeSnapshot } from '../../scripts/soak/pollution.js';
import { seededRandom } from '../../scripts/soak/random.js';
import { SecretScanner } from '../../scripts/soak/secrets.js';
import {
  type HeldSession,
  type Reported,
  verificationPassed,
  verify,
} from '../../scripts/soak/verify.js';
import type { Line } from '../../src/schemas/line.js';

const intended = intendedSession('v-s1', 3, seededRandom(1));

/** The sandbox's copy of an intended line, in the state its marker forces. */
function held(externalId: string): Line {
  const line = intended.lines.find((candidate) => candidate.externalId === externalId);
  return {
    id: `id-${externalId}`,
    external_id: externalId,
    state: line?.marker,
  } as unknown as Line;
}

const allHeld = (): HeldSession => ({
  id: 'api-1',
  state: intended.expected,
  product_order_item: intended.lines.map((line) => held(line.externalId)),
});

const reported: Reported = { intended, sessionId: 'api-1', state: intended.expected };

describe('the soak checks the sandbox state', () => {
  it('passes when each intended line is held once, in its state, the session final', () => {
    const result = verify([reported], [allHeld()]);
    expect(verificationPassed(result)).toBe(true);
    expect(result.exactlyOnce).toBe(3);
  });

  it('counts a line held twice as a duplicate', () => {
    const session = allHeld();
    session.product_order_item.push(held(intended.lines[0]?.externalId ?? ''));
    const result = verify([reported], [session]);
    expect(result.duplicates).toBe(1);
    expect(verificationPassed(result)).toBe(false);
  });

  it('counts a missing line as lost, and a line nobody intended as a stray', () => {
    const session = allHeld();
    session.product_order_item.shift();
    session.product_order_item.push({
      id: 'x',
      external_id: 'nobody',
      state: 'acknowledged',
    } as Line);
    const result = verify([reported], [session]);
    expect(result.lost).toBe(1);
    expect(result.strays).toBe(1);
  });

  it('fails a session that is not final, and one whose state differs from the engine', () => {
    expect(verify([{ ...reported, state: 'failed' }], [allHeld()]).finalSessions).toBe(0);
    const other = intended.expected === 'completed' ? 'partial' : 'completed';
    expect(verify([reported], [{ ...allHeld(), state: other }]).mismatches).toBe(1);
  });

  it('counts an empty session nobody maps to as left behind, not as a failure', () => {
    const result = verify([reported], [allHeld(), { id: 'orphan', product_order_item: [] }]);
    expect(result.orphanSessions).toBe(1);
    expect(verificationPassed(result)).toBe(true);
  });
});

describe('the secret scan', () => {
  it('finds a secret as written or base64-encoded, and names it by its label only', () => {
    const scanner = new SecretScanner();
    scanner.add('the password', 'hunter2-very-secret');
    const encoded = Buffer.from('hunter2-very-secret').toString('base64');
    expect(scanner.scanText('stderr', `login failed for hunter2-very-secret`)).toEqual([
      { secret: 'the password', where: 'stderr' },
    ]);
    expect(scanner.scanText('a file', `Basic ${encoded}`)).toHaveLength(1);
    expect(scanner.scanText('stdout', 'all fine')).toEqual([]);
  });
});

describe('the prototype pollution check', () => {
  it('sees a key added to Object.prototype, and nothing when none was', () => {
    const before = prototypeSnapshot();
    expect(pollutionSince(before)).toEqual([]);
    Object.defineProperty(Object.prototype, 'soakProbe', { value: 1, configurable: true });
    try {
      expect(pollutionSince(before)).toEqual(['soakProbe']);
    } finally {
      delete (Object.prototype as { soakProbe?: number }).soakProbe;
    }
  });
});
