/**
 * CRC-32 (the IEEE polynomial, as zlib and PNG use it) of a string's UTF-16 code units: the
 * journal's checksum of each record, which finds a record cut short or damaged. Not a hash for
 * security: it detects accidents, not tampering.
 */
const TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

export function crc32(text: string): number {
  let crc = -1;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    crc = (TABLE[(crc ^ unit) & 0xff] as number) ^ (crc >>> 8);
    if (unit > 0xff) crc = (TABLE[(crc ^ (unit >>> 8)) & 0xff] as number) ^ (crc >>> 8);
  }
  return (crc ^ -1) >>> 0;
}
