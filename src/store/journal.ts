/**
 * The file store's journal: one text file per session, one record per line of text:
 *
 *     <CRC-32 of the payload, 8 hex digits> <payload: one line of JSON>\n
 *
 * A payload is `{"h":<header>}` or `{"k":"<line key>","r":<line record>}`. A save appends the
 * header and the lines that changed; reading keeps the last header and, per key, the last line
 * record. A record whose checksum or end of line is missing was cut short by a crash (or the disk
 * failed): it and everything after it are dropped, so what is read is the journal as it stood
 * after some record, never a mix. A compaction writes a new journal (header, then each line once).
 */
import { crc32 } from './crc32.js';
import { type SnapshotRecord, SnapshotStoreError, validateRecord } from './snapshotRecord.js';
import type { LineRecord, SessionHeader } from './types.js';

function frame(payload: string): string {
  return `${crc32(payload).toString(16).padStart(8, '0')} ${payload}\n`;
}

/** The journal text of one save: its header, then its line records. */
export function journalText(header: SessionHeader, lines: readonly LineRecord[]): string {
  const parts = [frame(`{"h":${JSON.stringify(header)}}`)];
  for (const line of lines) parts.push(frame(`{"k":${JSON.stringify(line.key)},"r":${line.json}}`));
  return parts.join('');
}

export interface ReadJournal {
  /** The last header and the last record of each line; `undefined` when no header was read. */
  record: SnapshotRecord | undefined;
  /** Characters of the journal that hold whole, sound records. */
  soundLength: number;
  /** Records dropped at the end (cut short by a crash): 0 when the journal is whole. */
  dropped: number;
}

function parseRecord(line: string): { h?: unknown; k?: unknown; r?: unknown } | undefined {
  if (line.length < 10 || line.charCodeAt(8) !== 32) return undefined;
  const payload = line.slice(9);
  if (
    Number.parseInt(line.slice(0, 8), 16) !== crc32(payload) ||
    !/^[0-9a-f]{8}$/.test(line.slice(0, 8))
  )
    return undefined;
  try {
    const value = JSON.parse(payload) as unknown;
    return typeof value === 'object' && value !== null ? (value as never) : undefined;
  } catch {
    return undefined;
  }
}

/** Reads a journal's text (`location` names it in errors). */
export function readJournal(text: string, location: string): ReadJournal {
  let header: unknown;
  const lines: Record<string, unknown> = {};
  let position = 0;
  let dropped = 0;
  while (position < text.length) {
    const end = text.indexOf('\n', position);
    const record = end === -1 ? undefined : parseRecord(text.slice(position, end));
    if (!record || (record.h === undefined && typeof record.k !== 'string')) {
      // Cut short: this record and whatever follows it are not trusted.
      dropped = 1 + (text.slice(position).match(/\n(?=.)/g)?.length ?? 0);
      break;
    }
    if (record.h !== undefined) header = record.h;
    else if (header === undefined)
      throw new SnapshotStoreError(
        'corrupt',
        `${location}: a line record comes before any header`,
        location,
      );
    else lines[record.k as string] = record.r;
    position = end + 1;
  }
  if (header === undefined) return { record: undefined, soundLength: position, dropped };
  const record = validateRecord(header, location);
  return { record: { ...record, lines }, soundLength: position, dropped };
}
