/**
 * The session machine with its actors provided, ready for `useMachine` (@xstate/react) or
 * `createActor`: an app that drives the session itself, rather than through `OrderSession`.
 *
 *     const machine = createOrderSessionMachine({ api: createCovageClient({ … }) });
 *     const [snapshot, send] = useMachine(machine, { input: { instanceKey: 'order-42' } });
 *
 * Its event type is the user's (`SessionEvent`): the lines' notices stay internal.
 */
import type { AnyActorRef, StateMachine } from 'xstate';
import type { SessionEvent } from '../../machines/session/index.js';
import { sessionMachine } from '../../machines/session/index.js';
import type { CovageApi } from '../client/api.js';
import type { SessionWrite, SnapshotStore } from '../store/snapshotRecord.js';
import type { ActorHooks } from './actors.js';
import { exportsOf } from './documented.js';
import { Persister } from './persister.js';
import { SessionSaves, trackedSessionMachine } from './sessionSaves.js';
import { noticeHooks } from './waiting.js';

export interface OrderSessionMachineOptions {
  api: CovageApi;
  /**
   * Where each session is saved: before every write that must not be repeated (creating the
   * session, confirming), and after every change from then on. None: not persisted.
   */
  store?: SnapshotStore;
  /** Called when a background save fails (the session goes on). */
  onPersistError?: (error: unknown) => void;
}

/** A machine's type with another event type: what `send` takes. */
type WithEvents<M, E extends { type: string }> =
  M extends StateMachine<
    infer TContext,
    infer _TEvent,
    infer TChildren,
    infer TActor,
    infer TAction,
    infer TGuard,
    infer TDelay,
    infer TStateValue,
    infer TTag,
    infer TInput,
    infer TOutput,
    infer TEmitted,
    infer TMeta,
    infer TSchema
  >
    ? StateMachine<
        TContext,
        E,
        TChildren,
        TActor,
        TAction,
        TGuard,
        TDelay,
        TStateValue,
        TTag,
        TInput,
        TOutput,
        TEmitted,
        TMeta,
        TSchema
      >
    : never;

/** The provided session machine, as `createOrderSessionMachine` returns it. */
export type OrderSessionMachine = WithEvents<typeof sessionMachine, SessionEvent>;

const notPersisted: ActorHooks = { checkpoint: async () => {} };

/** The session actor an actor runs under (itself, or one of its parents). */
function sessionActorOf(self: AnyActorRef): AnyActorRef {
  for (let ref: AnyActorRef | undefined = self; ref; ref = ref._parent) {
    const snapshot = ref.getSnapshot() as { machine?: { id?: string } };
    if (snapshot.machine?.id === sessionMachine.id) return ref;
  }
  throw new Error('this actor does not run under a session machine');
}

function persistedHooks(
  session: AnyActorRef,
  store: SnapshotStore,
  onError: ((error: unknown) => void) | undefined,
): ActorHooks {
  let persister: Persister<SessionWrite> | null = null;
  const request = () => {
    if (persister && session.getSnapshot().status !== 'stopped') persister.request();
  };
  // A header and the lines that changed, as `OrderSession` saves (see sessionSaves.ts).
  const id = (session.getSnapshot() as { context: { instanceKey: string } }).context.instanceKey;
  const saves = new SessionSaves(id, session as never, request);
  const save = new Persister<SessionWrite>(store, (durable) => saves.build(durable), {
    onSaved: (write) => saves.saved(write),
    onError: (error, write) => {
      saves.failed(write);
      onError?.(error);
    },
  });
  persister = save;
  session.subscribe({ next: request, error: request, complete: request });
  return { checkpoint: () => save.flush() };
}

/** The session machine with the default actors on `api` (and saves to `store`, if given). */
export function createOrderSessionMachine(
  options: OrderSessionMachineOptions,
): OrderSessionMachine {
  const { store, onPersistError } = options;
  const sessions = new WeakMap<AnyActorRef, ActorHooks>();
  const hooksOf = (_system: object, self: AnyActorRef): ActorHooks => {
    const session = sessionActorOf(self);
    let hooks = sessions.get(session);
    if (!hooks) {
      hooks = {
        ...(store ? persistedHooks(session, store, onPersistError) : notPersisted),
        // session.waiting and session.read_unavailable, emitted as createOrderSession's are.
        ...noticeHooks(exportsOf(options.api), () => session),
      };
      sessions.set(session, hooks);
    }
    return hooks;
  };
  return trackedSessionMachine(options.api, hooksOf) as unknown as OrderSessionMachine;
}
