/**
 * Stored sessions of earlier versions, brought to the current snapshot format before they are
 * restored. Format 1 (covage-orders 0.1.0): the session spawned its lines as its own children and
 * kept a status per line; its states were flat (`creating_session`, `sync_failed`, …). Format 2:
 * the doc's steps at the top with their phases nested, a header with counters, and the lines in
 * the `lines` registry. The session resumes to the same point: same lines, same calls under way.
 */
import { bodyToSend } from '../../machines/line/body.js';
import type { LineContext, LineStanding } from '../../machines/line/types.js';
import { countStandings } from '../../machines/session/counts.js';
import { sameContent } from '../lines/diff.js';
import type { LineState } from '../schemas/states.js';
import { type SnapshotRecord, SnapshotStoreError } from '../store/snapshotRecord.js';

type Json = Record<string, unknown>;
type StateValue = string | Json;

interface PersistedActor {
  src?: unknown;
  systemId?: unknown;
  syncSnapshot?: unknown;
  snapshot?: Json & {
    value?: StateValue;
    context?: Json;
    children?: Record<string, PersistedActor>;
  };
}

/** Session states of format 1 → format 2, with the id their call under way gets. */
const SESSION_STATES: Record<string, { value: StateValue; invoke?: string }> = {
  draft: { value: 'draft' },
  creating_session: { value: { creating: 'sending' }, invoke: 'createSession' },
  session_creation_failed: { value: { creating: 'failed' } },
  created: { value: { created: 'editing' } },
  validating: { value: { created: 'editing' } },
  // Edits arrived after validation: syncing validates again before confirming.
  revalidating: { value: { created: 'syncing' } },
  syncing: { value: { created: 'syncing' } },
  sync_failed: { value: { created: 'failed' } },
  confirming: { value: { confirming: 'sending' }, invoke: 'confirmSession' },
  reconciling_confirmation: { value: { confirming: 'reconciling' }, invoke: 'readSession' },
  confirmation_failed: { value: { confirming: 'failed' } },
  'in_progress.waiting': { value: { in_progress: 'waiting' } },
  'in_progress.polling': { value: { in_progress: 'polling' }, invoke: 'readSession' },
  following_failed: { value: { in_progress: 'failed' } },
  completed: { value: 'completed' },
  partial: { value: 'partial' },
  rejected: { value: 'rejected' },
  cancelled: { value: 'cancelled' },
};

/** Line states of format 1 → format 2, with their standing and the id of their call. */
const LINE_STATES: Record<string, { value: StateValue; standing: LineStanding; invoke?: string }> =
  {
    draft: { value: 'draft', standing: 'local' },
    creating: { value: { creating: 'sending' }, standing: 'creating', invoke: 'createLine' },
    reconciling: {
      value: { creating: 'reconciling' },
      standing: 'creating',
      invoke: 'reconcileLine',
    },
    creation_failed: { value: { creating: 'failed' }, standing: 'failed' },
    'created.in_sync': { value: { created: 'in_sync' }, standing: 'synced' },
    'created.dirty': { value: { created: 'dirty' }, standing: 'pending' },
    updating: { value: { created: 'updating' }, standing: 'pending', invoke: 'updateLine' },
    update_failed: { value: { created: 'update_failed' }, standing: 'failed' },
    deleting: { value: { created: 'deleting' }, standing: 'removing', invoke: 'deleteLine' },
    deletion_failed: { value: { created: 'deletion_failed' }, standing: 'failed' },
    removed: { value: 'removed', standing: 'removed' },
    awaiting_outcome: { value: 'awaiting_outcome', standing: 'confirmed' },
  };

function path(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) {
    const [key, inner] = Object.entries(value)[0] ?? ['', ''];
    const rest = path(inner);
    return rest ? `${key}.${rest}` : key;
  }
  return '';
}

class MigrationError extends Error {}

/** The invoked actor of a format 1 snapshot, renamed to the id its state invokes in format 2. */
function renameInvoked(
  children: Record<string, PersistedActor> | undefined,
  id: string | undefined,
): Record<string, PersistedActor> {
  const out: Record<string, PersistedActor> = {};
  for (const child of Object.values(children ?? {})) {
    if (id && child.src === id) out[id] = child;
  }
  return out;
}

/** A line's outcome state, from the API's state it last saw (a format 1 `routing` was transient). */
function outcomeValue(top: 'order_created' | 'no_order', inner: string, remote: Json | null) {
  if (inner !== 'routing') return { [top]: inner };
  const state = remote?.state as LineState | undefined;
  if (top === 'no_order')
    return { no_order: state === 'technical_error' ? state : 'rejected_creation' };
  const known = state === 'acknowledged' || state === 'held_adv_validation';
  return { order_created: known ? state : 'in_progress' };
}

function migrateLine(actor: PersistedActor, reported: string | null): Json {
  const snapshot = actor.snapshot ?? {};
  const context = (snapshot.context ?? {}) as unknown as LineContext & Json;
  const old = path(snapshot.value);
  let target = LINE_STATES[old];
  if (old === 'created.check') {
    const dirty = context.synced !== null && !sameContent(context.synced, bodyToSend(context));
    target = LINE_STATES[dirty ? 'created.dirty' : 'created.in_sync'];
  }
  const [top = '', inner = ''] = old.split('.');
  const value =
    target?.value ??
    (top === 'order_created' || top === 'no_order'
      ? outcomeValue(top, inner, (context.remote as Json | null) ?? null)
      : undefined);
  if (value === undefined) throw new MigrationError(`a line is in an unknown state "${old}"`);
  return {
    ...snapshot,
    value,
    context: {
      ...context,
      standing: target?.standing ?? 'confirmed',
      reportedOutcome: reported,
    },
    children: renameInvoked(snapshot.children, target?.invoke),
  };
}

/**
 * A format 1 session snapshot in format 2. Throws an `Error` whose message says what does not fit
 * when the snapshot is not one format 1 could have written.
 */
export function migrateFromFormat1(snapshot: unknown): Json {
  const session = snapshot as PersistedActor['snapshot'] & Json;
  const context = (session?.context ?? {}) as Json & {
    lines?: { key: string }[];
    lineKeys?: Record<string, string>;
    reportedStates?: Record<string, string>;
    remote?: { product_order_item?: { id: string; state: LineState }[] } | null;
  };
  const old = path(session?.value);
  const target = SESSION_STATES[old];
  if (!target) throw new MigrationError(`the session is in an unknown state "${old}"`);
  const children = session.children ?? {};
  // What the session last reported of each line, now kept by the line itself.
  const reportedByKey = new Map<string, string>();
  for (const [lineId, signature] of Object.entries(context.reportedStates ?? {})) {
    const key = context.lineKeys?.[lineId];
    if (key) reportedByKey.set(key, signature);
  }
  const lines: Record<string, Json> = {};
  for (const { key } of context.lines ?? []) {
    const child = children[key];
    if (!child?.snapshot) throw new MigrationError(`line ${key} has no stored snapshot`);
    lines[key] = migrateLine(child, reportedByKey.get(key) ?? null);
  }
  const standings = Object.values(lines).map(
    (line) => (line.context as { standing: LineStanding }).standing,
  );
  const counts = countStandings(standings);
  const {
    lines: _lines,
    status: _status,
    lineKeys: _lineKeys,
    reportedStates: _reported,
    queue: _queue,
    inFlight: _inFlight,
    pendingEdits: _pendingEdits,
    remote: _remote,
    ...header
  } = context;
  return {
    ...session,
    value: target.value,
    historyValue: {},
    context: {
      ...header,
      lines: { xstate$$type: 1, id: 'lines' },
      revision: 0,
      counts,
      cursor: 1,
      inFlight: counts.creating,
    },
    children: {
      lines: {
        src: 'lines',
        snapshot: { status: session.status === 'active' ? 'active' : 'stopped', lines },
      },
      ...renameInvoked(children, target.invoke),
    },
  };
}

/**
 * A record of format 1 (0.1.0's state files) as a record of format 2, which this version
 * resumes. The file store calls it when it reads such a file; `location` names the file.
 */
export function upgradeFormat1(record: SnapshotRecord, location?: string): SnapshotRecord {
  if (record.version !== 1) return record;
  try {
    return { ...record, version: 2, snapshot: migrateFromFormat1(record.snapshot) };
  } catch (error) {
    throw new SnapshotStoreError(
      'corrupt',
      `the stored session "${record.id}" is damaged and cannot be resumed: it cannot be read as a session of format 1 (${(error as Error).message})`,
      location ?? record.id,
    );
  }
}
