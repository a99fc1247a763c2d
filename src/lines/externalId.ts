/**
 * The `external_id` the engine gives a line that has none, so that a creation whose answer was
 * lost can be found again. Stable for the life of the session (it is stored with the line), and
 * unique across sessions thanks to the session's random `instanceKey`.
 */
export function generatedExternalId(instanceKey: string, lineNumber: number): string {
  return `co-${instanceKey}-${String(lineNumber).padStart(4, '0')}`;
}

/** A short random key, from Web Crypto (available in browsers and Node 20). */
export function randomKey(bytes = 6): string {
  const buffer = new Uint8Array(bytes);
  globalThis.crypto.getRandomValues(buffer);
  return Array.from(buffer, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * The line number in `generatedExternalId`'s result (`co-<instanceKey>-0012` → 12), or
 * undefined for any other external_id (one the user gave).
 */
export function generatedLineNumber(externalId: string): number | undefined {
  const match = /^co-.+-(\d{4,})$/.exec(externalId);
  const number = match ? Number(match[1]) : 0;
  return number > 0 ? number : undefined;
}
