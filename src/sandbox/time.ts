/** Dates as the sandbox writes them: ISO 8601 in UTC, e.g. `2025-04-23T08:24:57.225Z`. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString();
}

/** `YYYYMMDD` (UTC), as in the temporary reference `PO_DC173_20250423_003363`. */
export function compactDate(ms: number): string {
  return isoDate(ms).slice(0, 10).replaceAll('-', '');
}
