import { z } from 'zod';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A date-time with a `Z` or an offset (`2025-04-23T10:13:08.733+02:00`). */
export const isoDateTime = z.iso.datetime({ offset: true });
/** A day (`2024-05-15`). */
export const isoDate = z.iso.date();
/** Either of the two. */
export const isoDateOrDateTime = z.union([isoDateTime, isoDate]);

/**
 * One output shape for dates: a date-time becomes UTC ISO (`…Z`), a day stays `YYYY-MM-DD` (no
 * invented time of day). Empty or unreadable values give `undefined`.
 */
export function toIsoDate(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  if (DATE_ONLY.test(value)) return value;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** The latest of some ISO dates (days compare as their midnight UTC), or `undefined`. */
export function latestDate(values: readonly (string | undefined)[]): string | undefined {
  let best: string | undefined;
  let bestMs = Number.NEGATIVE_INFINITY;
  for (const value of values) {
    if (!value) continue;
    const ms = Date.parse(value);
    if (!Number.isNaN(ms) && ms >= bestMs) {
      best = value;
      bestMs = ms;
    }
  }
  return best;
}
