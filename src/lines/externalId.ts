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
