/**
 * Saves that follow the change (format 3): each save writes the session's header (its snapshot
 * without the lines) and the records of the lines that changed since the previous save. The line
 * registry runs a line machine whose every transition reports the line as changed
 * (`trackedRegistry`), and its persisted snapshot leaves the lines out when the header is built
 * (`WITHOUT_LINES`).
 *
 * A save writes every line (`complete`) when it is the session's first in this process, when
 * the records appended since the last complete save outweigh the session's records (the file
 * store then compacts its journal), and once the session has ended (what stays stored is compact).
 */
import type { Actor, AnyActorLogic } from 'xstate';
import type { LineMachine } from '../../machines/line/index.js';
import {
  type LineRef,
  type LineRegistryLogic,
  lineRegistry,
  sessionMachine,
} from '../../machines/session/index.js';
import type { CovageApi } from '../client/api.js';
import {
  type SessionWrite,
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  type SnapshotRecord,
} from '../store/types.js';
import { createLineMachine, createSessionActors, type HooksSource } from './actors.js';
import { decodeLine, encodeLine } from './lineRecord.js';

/** The option of `getPersistedSnapshot` that leaves the lines out of the registry's snapshot. */
const WITHOUT_LINES = 'covageOrdersWithoutLines';
/** Appended bytes that never ask for a compaction, however small the session. */
const COMPACTION_FLOOR = 64 * 1024;

interface LineWatcher {
  changed(key: string): void;
}

/** Each session's watcher, found through the actor system it runs in. */
const watchers = new WeakMap<object, LineWatcher>();

/**
 * The line machine, each of its transitions reported to its session's watcher (found through the
 * actor system, the line's key being its actor id). Rather than a subscription per line actor: a
 * subscription keeps an observer, its three bound callbacks and a closure per line (about 0.3 KB
 * of each line's heap while it waits for its outcome, docs/performance.md).
 */
export function trackedLine(line: LineMachine): LineMachine {
  const tracked = Object.create(line) as LineMachine;
  const transition = line.transition;
  tracked.transition = (snapshot, event, scope) => {
    try {
      return transition(snapshot, event, scope);
    } finally {
      // Also when the transition throws: the line's snapshot then says so (status `error`).
      watchers.get(scope.system)?.changed(scope.self.id);
    }
  };
  return tracked;
}

/**
 * The session machine with the default actors on `api` (each call finding its session's hooks
 * through `hooksOf`) and its lines tracked for saves: what `createOrderSession` and
 * `createOrderSessionMachine` both run.
 */
export function trackedSessionMachine(api: CovageApi, hooksOf: HooksSource) {
  const line = createLineMachine(api, hooksOf);
  const actors = createSessionActors(api, hooksOf, line);
  return sessionMachine.provide({ actors: { ...actors, lines: trackedRegistry(line) } });
}

/**
 * The line registry running `line` with its transitions tracked (`trackedLine`), each line
 * reported as changed when it is added, and its lines left out of headers.
 */
export function trackedRegistry(line: LineMachine): LineRegistryLogic {
  const logic = lineRegistry(trackedLine(line));
  return {
    ...logic,
    transition(snapshot, event, scope) {
      const added = event.type === 'lines.add' && !snapshot.lines.has(event.key);
      const next = logic.transition(snapshot, event, scope);
      if (added) watchers.get(scope.system)?.changed(event.key);
      return next;
    },
    getPersistedSnapshot(snapshot, options) {
      if (typeof options === 'object' && options !== null && WITHOUT_LINES in options)
        return { status: snapshot.status, output: undefined, error: undefined, lines: {} } as never;
      return logic.getPersistedSnapshot(snapshot, options);
    },
  };
}

function stateString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) {
    const [key, inner] = Object.entries(value)[0] ?? ['', ''];
    const rest = stateString(inner);
    return rest ? `${key}.${rest}` : key;
  }
  return '';
}

interface SessionLike {
  status: string;
  value: unknown;
  context: { sessionId: string | null; lines: { getSnapshot(): { lines: Map<string, LineRef> } } };
}

/** What a session's saves need to know between saves: which lines changed, and sizes. */
export class SessionSaves {
  readonly #dirty = new Set<string>();
  /** The last record size of each line, for the compaction rule. */
  readonly #sizes = new Map<string, number>();
  #liveBytes = 0;
  #appendedBytes = 0;
  #completeNext = true;
  #endedWritten = false;
  /** Lines written by a save that was not flushed to stable storage (yet). */
  readonly #written = new Set<string>();
  /** Lines a save on stable storage holds: their POST may leave without waiting. */
  readonly #held = new Set<string>();
  readonly #onChange: () => void;

  constructor(
    readonly id: string,
    private readonly actor: Actor<AnyActorLogic>,
    onChange: () => void,
  ) {
    this.#onChange = onChange;
    const watcher: LineWatcher = {
      changed: (key) => {
        this.#dirty.add(key);
        this.#onChange();
      },
    };
    watchers.set(actor.system, watcher);
    // A restored session's lines exist already (the first save writes every line anyway).
    for (const key of this.#session().context.lines.getSnapshot().lines.keys())
      watcher.changed(key);
  }

  #session(): SessionLike {
    return this.actor.getSnapshot() as SessionLike;
  }

  /** The next save: the header and the lines that changed (every line when it must be complete). */
  build(durable: boolean): SessionWrite {
    const snapshot = this.#session();
    const sessionId = snapshot.context.sessionId;
    const ended = snapshot.status !== 'active';
    const complete =
      this.#completeNext ||
      (ended && !this.#endedWritten) ||
      this.#appendedBytes > Math.max(this.#liveBytes, COMPACTION_FLOOR);
    const registry = snapshot.context.lines.getSnapshot().lines;
    const keys = complete ? registry.keys() : this.#dirty.values();
    const lines: SessionWrite['lines'][number][] = [];
    for (const key of keys) {
      const ref = registry.get(key);
      if (!ref) continue;
      const record = encodeLine(ref.getPersistedSnapshot(), { key, sessionId });
      lines.push({ key, json: JSON.stringify(record) });
    }
    this.#dirty.clear();
    return {
      header: {
        format: SNAPSHOT_FORMAT,
        version: SNAPSHOT_VERSION,
        id: this.id,
        sessionId,
        state: stateString(snapshot.value),
        savedAt: new Date().toISOString(),
        snapshot: (this.actor.getPersistedSnapshot as (options: object) => unknown).call(
          this.actor,
          {
            [WITHOUT_LINES]: true,
          },
        ),
      },
      lines,
      complete,
      durable,
    };
  }

  /**
   * True once a save on stable storage (a checkpoint, or a complete save) holds the line: a
   * resumed session then knows the line, so its POST may leave.
   */
  holds(key: string): boolean {
    return this.#held.has(key);
  }

  /** After a save is stored. */
  saved(write: SessionWrite): void {
    if (write.durable || write.complete) {
      // Flushing the store flushes what earlier saves wrote too.
      for (const key of this.#written) this.#held.add(key);
      this.#written.clear();
      for (const line of write.lines) this.#held.add(line.key);
    } else for (const line of write.lines) this.#written.add(line.key);
    if (write.complete) {
      this.#sizes.clear();
      this.#liveBytes = 0;
      this.#appendedBytes = 0;
      this.#completeNext = false;
      if (this.#session().status !== 'active') this.#endedWritten = true;
    }
    for (const line of write.lines) {
      const size = line.key.length + line.json.length;
      this.#liveBytes += size - (this.#sizes.get(line.key) ?? 0);
      this.#sizes.set(line.key, size);
      if (!write.complete) this.#appendedBytes += size;
    }
  }

  /** After a save failed: what it held is written again by the next one. */
  failed(write: SessionWrite | undefined): void {
    if (!write || write.complete) this.#completeNext = true;
    else for (const line of write.lines) this.#dirty.add(line.key);
  }
}

/**
 * A stored session's snapshot, whole: a format 3 record's header with its line records decoded
 * into the line registry; a record of format 1 or 2 as it is.
 */
export function assembleSnapshot(record: SnapshotRecord): unknown {
  if (record.version < 3) return record.snapshot;
  const snapshot = record.snapshot as {
    children?: { lines?: { snapshot?: { lines?: Record<string, unknown> } } };
  };
  const registry = snapshot.children?.lines?.snapshot;
  if (!registry || typeof registry !== 'object') return snapshot;
  const lines: Record<string, unknown> = {};
  for (const [key, stored] of Object.entries(record.lines ?? {}))
    lines[key] = decodeLine(stored, { key, sessionId: record.sessionId });
  registry.lines = lines;
  return snapshot;
}
