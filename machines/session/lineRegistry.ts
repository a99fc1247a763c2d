/**
 * The session's lines: one line actor per line, kept by key in a `Map`, as one child actor of the
 * session. Why not spawn the lines as the session's own children: XState copies a machine's
 * `children` record on every spawn and on every stop, so a session of 10,000 lines spent seconds
 * adding them and minutes stopping them (measured: docs/machines.md). Here adding, addressing and
 * stopping a line costs the same whatever the number of lines.
 *
 * It only keeps, forwards and stores: the session decides everything. It takes `lines.add` and
 * `lines.send` from the session, forwards its lines' notices (`LINE.*`) to the session, stops its
 * lines when it is stopped, and is stored as one record per line.
 */
import {
  type ActorLogic,
  type ActorRefFrom,
  type ActorScope,
  createActor,
  type Snapshot,
} from 'xstate';
import type { LineMachine } from '../line/line.machine.js';
import type { LineEvent, LineInput, LineNotice } from '../line/types.js';

export type LineRef = ActorRefFrom<LineMachine>;

export type LineRegistrySnapshot = Snapshot<undefined> & {
  /** The line actors by key, in the order they were added. */
  lines: Map<string, LineRef>;
};

export type LineRegistryEvent =
  | { type: 'lines.add'; key: string; input: LineInput }
  | { type: 'lines.send'; key: string; event: LineEvent }
  | LineNotice;

/** How the lines are stored: each line's persisted snapshot, by key. */
export interface PersistedLineRegistry {
  status: Snapshot<undefined>['status'];
  lines: Record<string, Snapshot<unknown>>;
}

export type LineRegistryLogic = ActorLogic<LineRegistrySnapshot, LineRegistryEvent, undefined>;
type Scope = ActorScope<LineRegistrySnapshot, LineRegistryEvent>;

const isNotice = (event: { type: string }): event is LineNotice => event.type.startsWith('LINE.');
/** XState's stop signal, sent to a child actor when its parent stops it. */
const isStop = (event: { type: string }) => event.type === 'xstate.stop';

/** The registry of the lines of a session, running `line` (the line machine, or a provided one). */
export function lineRegistry(line: LineMachine): LineRegistryLogic {
  const common = (scope: Scope, key: string) => ({ id: key, src: 'line', parent: scope.self });
  const create = (scope: Scope, key: string, input: LineInput) =>
    createActor(line, { ...common(scope, key), input });
  const restore = (scope: Scope, key: string, snapshot: Snapshot<unknown>) =>
    // A restored line takes its context from its snapshot: it needs no input.
    createActor(line, { ...common(scope, key), snapshot } as never) as LineRef;

  return {
    getInitialSnapshot: () => ({
      status: 'active',
      output: undefined,
      error: undefined,
      lines: new Map(),
    }),
    transition(snapshot, event, scope) {
      if (event.type === 'lines.add') {
        if (snapshot.lines.has(event.key)) return snapshot;
        const ref = create(scope, event.key, event.input);
        snapshot.lines.set(event.key, ref);
        scope.defer(() => ref.start());
      } else if (event.type === 'lines.send') {
        const ref = snapshot.lines.get(event.key);
        if (ref) scope.defer(() => ref.send(event.event));
      } else if (isNotice(event)) {
        const session = scope.self._parent;
        if (session) scope.defer(() => session.send(event));
      } else if (isStop(event)) {
        for (const ref of snapshot.lines.values()) scope.stopChild(ref);
        return { status: 'stopped', output: undefined, error: undefined, lines: snapshot.lines };
      }
      // Anything else (a line's done event once it is removed) changes nothing.
      return snapshot;
    },
    start(snapshot) {
      for (const ref of snapshot.lines.values()) ref.start();
    },
    getPersistedSnapshot(snapshot): PersistedLineRegistry & Snapshot<undefined> {
      const lines: Record<string, Snapshot<unknown>> = {};
      for (const [key, ref] of snapshot.lines) lines[key] = ref.getPersistedSnapshot();
      return { status: snapshot.status, output: undefined, error: undefined, lines } as never;
    },
    restoreSnapshot(persisted, scope) {
      const stored = persisted as unknown as PersistedLineRegistry;
      const lines = new Map<string, LineRef>();
      for (const [key, snapshot] of Object.entries(stored.lines ?? {}))
        lines.set(key, restore(scope as Scope, key, snapshot));
      return {
        status: stored.status === 'active' ? 'active' : 'stopped',
        output: undefined,
        error: undefined,
        lines,
      } as LineRegistrySnapshot;
    },
  };
}
