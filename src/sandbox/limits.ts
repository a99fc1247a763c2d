/**
 * What one user may make the sandbox hold, and how long a text field may be. The doc gives no
 * figure: these are the sandbox's, chosen so that memory stays bounded whatever a client sends
 * (docs/sandbox.md, "Limits"). Over a limit: 422 for a field, 429 for a quota.
 */
import { type ErrorDetail, SandboxError } from './errors.js';

export interface SandboxLimits {
  /** Order sessions one user may hold at once; default 1000. */
  sessionsPerUser?: number;
  /** Order lines one user may hold at once, across sessions; default 10 000. */
  linesPerUser?: number;
  /** Bytes of lines and sessions (as JSON) one user may hold at once; default 16 MiB. */
  bytesPerUser?: number;
  /** Characters of a text field; default 255 (Django's usual `max_length`). */
  textChars?: number;
  /** Characters of a free-text field (`note`, `technical_note`, …); default 4000. */
  freeTextChars?: number;
  /** A session nobody has called on for this long is forgotten (clock ms); default 1 hour. */
  idleSessionMs?: number;
  /** CSV export tasks kept per user (older ones are forgotten: 404); default 5. */
  exportsPerUser?: number;
  /** Dashboard live-feed watchers at once; default 32. */
  watchers?: number;
  /** A watcher that has not taken a view for this long is disconnected (ms); default 15 000. */
  watcherStallMs?: number;
  /** Characters of dashboard views being written to all watchers at once; default 8 Mi. */
  watcherBytes?: number;
  /** Live access or refresh tokens per OAuth user (the oldest goes beyond); default 1000. */
  tokensPerUser?: number;
}

export type ResolvedLimits = Required<SandboxLimits>;

export const DEFAULT_LIMITS: ResolvedLimits = {
  sessionsPerUser: 1000,
  linesPerUser: 10_000,
  bytesPerUser: 16 * 1024 * 1024,
  textChars: 255,
  freeTextChars: 4000,
  idleSessionMs: 3_600_000,
  exportsPerUser: 5,
  watchers: 32,
  watcherStallMs: 15_000,
  watcherBytes: 8 * 1024 * 1024,
  tokensPerUser: 1000,
};

/** Line and contact fields that hold free text rather than a name, code or reference. */
export const FREE_TEXT_FIELDS: ReadonlySet<string> = new Set([
  'note',
  'technical_note',
  'specific_request',
  'access_instructions',
]);

/** Applies the defaults; a RangeError names a limit that is not a whole number ≥ 1. */
export function resolveLimits(limits: SandboxLimits = {}): ResolvedLimits {
  const resolved = { ...DEFAULT_LIMITS };
  for (const [name, value] of Object.entries(limits) as [keyof ResolvedLimits, unknown][]) {
    if (value === undefined) continue;
    if (!(name in DEFAULT_LIMITS)) throw new RangeError(`unknown sandbox limit ${name}`);
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
      throw new RangeError(`sandbox limit ${name} must be a whole number from 1`);
    resolved[name] = value;
  }
  return resolved;
}

/**
 * Every text value of a JSON body longer than its limit, with its path
 * (`related_contact_information[0].city`); strings in lists (`option_ids`) count as text. The
 * walk keeps its own stack: a deeply nested body cannot overflow the call stack.
 */
export function longTexts(body: unknown, limits: ResolvedLimits): ErrorDetail[] {
  const found: ErrorDetail[] = [];
  const stack: [value: unknown, path: string, field: string][] = [[body, '', '']];
  while (stack.length > 0 && found.length < 20) {
    const [value, path, field] = stack.pop() as [unknown, string, string];
    if (typeof value === 'string') {
      const max = FREE_TEXT_FIELDS.has(field) ? limits.freeTextChars : limits.textChars;
      if (value.length > max)
        found.push({
          path,
          code: 'too_long',
          message: `${path} has ${value.length} characters; at most ${max}`,
        });
    } else if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index--)
        stack.push([value[index], `${path}[${index}]`, field]);
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value).reverse())
        stack.push([item, path === '' ? key : `${path}.${key}`, key]);
    }
  }
  return found;
}

/** 422 `field_too_long` when a text field is over its limit (checked before the schema). */
export function checkTextLengths(body: unknown, limits: ResolvedLimits) {
  const details = longTexts(body, limits);
  if (details.length > 0)
    throw new SandboxError(
      422,
      'field_too_long',
      `${details.length === 1 ? 'a text field is' : 'text fields are'} over the sandbox's length limit`,
      details,
    );
}

/** The size a stored value is counted for: its JSON, in UTF-8 bytes. */
export function storedBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}

/** What one user holds. */
export interface Usage {
  sessions: number;
  lines: number;
  bytes: number;
}

type Quota = 'sessions' | 'lines' | 'bytes';

const QUOTA_WORDS: Record<Quota, string> = {
  sessions: 'order sessions',
  lines: 'order lines',
  bytes: 'bytes of order data',
};

/** Per-user counters of sessions, lines and bytes held, checked before anything is stored. */
export class UsageMeter {
  private readonly usage = new Map<string, Usage>();

  constructor(private readonly limits: ResolvedLimits) {}

  of(user: string): Usage {
    return this.usage.get(user) ?? { sessions: 0, lines: 0, bytes: 0 };
  }

  /** Everyone's usage added up. */
  total(): Usage {
    const sum: Usage = { sessions: 0, lines: 0, bytes: 0 };
    for (const usage of this.usage.values()) {
      sum.sessions += usage.sessions;
      sum.lines += usage.lines;
      sum.bytes += usage.bytes;
    }
    return sum;
  }

  /** 429 `quota_exceeded` unless the user may add this much. */
  check(user: string, add: Partial<Usage>) {
    const usage = this.of(user);
    const limits: Record<Quota, number> = {
      sessions: this.limits.sessionsPerUser,
      lines: this.limits.linesPerUser,
      bytes: this.limits.bytesPerUser,
    };
    for (const quota of ['sessions', 'lines', 'bytes'] as const) {
      const more = add[quota] ?? 0;
      if (more > 0 && usage[quota] + more > limits[quota])
        throw new SandboxError(
          429,
          'quota_exceeded',
          `${user} would hold ${usage[quota] + more} ${QUOTA_WORDS[quota]}; the sandbox allows ${limits[quota]} per user (sessions idle for ${Math.round(this.limits.idleSessionMs / 60_000)} min are forgotten)`,
          [{ path: '', code: `${quota}_per_user`, message: `at most ${limits[quota]}` }],
        );
    }
  }

  /** Adds (or, negative, removes) to a user's counters. */
  add(user: string, change: Partial<Usage>) {
    const usage = this.of(user);
    const next = {
      sessions: usage.sessions + (change.sessions ?? 0),
      lines: usage.lines + (change.lines ?? 0),
      bytes: usage.bytes + (change.bytes ?? 0),
    };
    if (next.sessions <= 0 && next.lines <= 0 && next.bytes <= 0) this.usage.delete(user);
    else this.usage.set(user, next);
  }
}
