import { hashString, mixSeed } from './random.js';
import { compactDate } from './time.js';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** A stable per-user code shaped like the doc's `DC173`: `D`, a letter, three digits. */
export function userCode(user: string): string {
  const hash = hashString(user);
  return `D${LETTERS[hash % 26]}${pad(Math.floor(hash / 26) % 1000, 3)}`;
}

/** A line's temporary reference, e.g. `PO_DC173_20250423_003363`. */
export function temporaryReference(user: string, at: number, sequence: number): string {
  return `PO_${userCode(user)}_${compactDate(at)}_${pad(sequence % 1_000_000, 6)}`;
}

/** The reference of an order created from a line, e.g. `ORD_DC173_20250423_003363`. */
export function orderReference(user: string, at: number, sequence: number): string {
  return `ORD_${userCode(user)}_${compactDate(at)}_${pad(sequence % 1_000_000, 6)}`;
}

/** The ENNI the sandbox computes for a DIA line, shaped like the doc's `AZ001234`. */
export function computedDiaEnni(seed: number, sequence: number): string {
  return `DI${pad(mixSeed(seed, sequence, 0xd1a) % 1_000_000, 6)}`;
}
