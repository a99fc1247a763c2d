/**
 * Running a session machine for real: the default actors on a `CovageApi`, persistence after
 * every change, progress events, cancellation by `AbortSignal`, and resuming a stored session.
 */
import {
  type Actor,
  createActor,
  type InspectionEvent,
  type Observer,
  type Subscription,
  waitFor,
} from 'xstate';
import {
  lineKey,
  type SessionCommand,
  type SessionInput,
  type SessionMachineOptions,
  type sessionMachine,
} from '../../machines/session/index.js';
import type { FailureInfo } from '../../machines/shared/failure.js';
import type { CovageApi } from '../client/api.js';
import type { SessionReadMode } from '../client/sessionRead.js';
import type { SessionProgressEvent } from '../events/sessionEvents.js';
import { fencedStore } from '../lease/fencedStore.js';
import type { Lease } from '../lease/types.js';
import { randomKey } from '../lines/externalId.js';
import type { Issue } from '../rules/issue.js';
import { type LineChanges, type LineDraft, parseLine } from '../rules/parseLine.js';
import type { TerminationError } from '../schemas/line.js';
import type { SessionCreate } from '../schemas/session.js';
import type { LineState } from '../schemas/states.js';
import {
  type SessionWrite,
  type SnapshotRecord,
  type SnapshotStore,
  SnapshotStoreError,
} from '../store/snapshotRecord.js';
import type { ActorHooks } from './actors.js';
import { exportsOf } from './documented.js';
import { Persister } from './persister.js';
import { assembleSnapshot, SessionSaves, trackedSessionMachine } from './sessionSaves.js';
import { dropRestoredLooks, markInFlightWrites, unsentLines } from './snapshotPatch.js';
import { snapshotProblem } from './snapshotShape.js';
import { standingsFromStates } from './standings.js';
import { noticeHooks, type SessionWaiting } from './waiting.js';

export type SessionActor = Actor<typeof sessionMachine>;

export interface OrderSessionOptions {
  api: CovageApi;
  /** Where the session is saved after every change (none: not persisted). */
  store?: SnapshotStore;
  /** Cancels the session (the CANCEL event) when aborted. */
  signal?: AbortSignal;
  /** Machine options: concurrency, DIA offerings, poll backoff… */
  options?: Partial<Omit<SessionMachineOptions, 'poll'>> & {
    poll?: Partial<SessionMachineOptions['poll']>;
  };
  /** XState inspection (e.g. `createBrowserInspector().inspect` from `@statelyai/inspect`). */
  inspect?: Observer<InspectionEvent> | ((event: InspectionEvent) => void);
  /** A clock for the machine's delays (e.g. `new SimulatedClock()` in tests). */
  clock?: {
    setTimeout(fn: (...args: unknown[]) => void, ms: number): unknown;
    clearTimeout(id: unknown): void;
  };
  /** Called when a background save fails (the session goes on; `flush()` reports it too). */
  onPersistError?: (error: unknown) => void;
  /**
   * The session's lease (from `store.leases.acquire(id)` or `createFileLeases(dir).acquire(id)`):
   * every write request and every save first checks it. Once it is lost, the session stops at
   * once, sends and stores nothing more, and `settled()` throws `LeaseLostError`. The caller
   * releases it when done.
   */
  lease?: Lease;
  /**
   * `off`: this session never reads itself back (`GET /api/v1/product_order/{id}/`) and uses
   * the documented paths only. `auto` (default) and `on` follow the client's `sessionRead`.
   */
  sessionRead?: SessionReadMode;
}

/** A line added with a body the API could not even accept (wrong types, unknown fields). */
export class InvalidLineError extends Error {
  override readonly name = 'InvalidLineError';
  constructor(readonly issues: Issue[]) {
    super(
      `the line cannot be sent: ${issues.map((issue) => `${issue.path || '(line)'}: ${issue.message}`).join('; ')}`,
    );
  }
}

/** A command the session cannot take in its current state (e.g. editing a confirmed session). */
export class CommandNotAllowedError extends Error {
  override readonly name = 'CommandNotAllowedError';
  constructor(
    readonly command: string,
    readonly state: string,
  ) {
    super(`the session cannot ${command} while it is ${state}`);
  }
}

export type SessionResultState =
  | 'completed'
  | 'partial'
  | 'rejected'
  | 'cancelled'
  | 'invalid'
  | 'failed'
  /** Without the session read, a line's outcome was still unknown at the deadline. */
  | 'outcome_unknown';

export interface LineResult {
  key: string;
  index: number;
  /** The line machine's state, e.g. `order_created.acknowledged`. */
  machineState: string;
  lineId: string | null;
  externalId: string | null;
  apiState: LineState | null;
  orderReference: string | null;
  /** The order's state on Covage order tracking, when that is where the outcome came from. */
  orderState?: string | null;
  temporaryReference: string | null;
  terminationErrors: TerminationError[];
  /** The line's last failed call (a line's failure also says its `phase`), or null. */
  error: FailureInfo | null;
}

export interface SessionResult {
  state: SessionResultState;
  /** The store key, to resume with. */
  id: string;
  sessionId: string | null;
  /** Where a `failed` session stopped: `create_session`, `sync`, `confirm`, `follow`. */
  phase?: string;
  error?: FailureInfo | null;
  /** Validation findings for an `invalid` session. */
  issues: Issue[];
  lines: LineResult[];
}

/** A state value as a dotted path (`created.syncing`). */
export function stateString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) {
    const [key, inner] = Object.entries(value)[0] ?? ['', ''];
    const rest = stateString(inner);
    return rest ? `${key}.${rest}` : key;
  }
  return '';
}

export class OrderSession {
  readonly id: string;
  readonly actor: SessionActor;
  readonly #persister: Persister<SessionWrite> | null;
  readonly #store: SnapshotStore | undefined;
  readonly lease: Lease | undefined;
  #leaseLost: Error | null = null;
  #waiting: SessionWaiting | null = null;

  constructor(
    id: string,
    actor: SessionActor,
    persister: Persister<SessionWrite> | null,
    store: SnapshotStore | undefined,
    lease?: Lease,
  ) {
    this.id = id;
    this.actor = actor;
    this.#persister = persister;
    this.#store = store;
    this.lease = lease;
    lease?.onLost((error) => {
      this.#leaseLost = error;
      // Nothing more from this runner: requests under way are aborted, nothing is saved.
      actor.stop();
    });
  }

  /** The `LeaseLostError` that stopped this session, or null. */
  get leaseLost(): Error | null {
    return this.#leaseLost;
  }

  /** Adds a line (parsed and normalized; a body the API cannot accept throws `InvalidLineError`). */
  addLine(draft: LineDraft): string {
    const { line, issues } = parseLine(draft);
    if (!line) throw new InvalidLineError(issues);
    this.#send({ type: 'ADD_LINE', line }, 'add a line');
    return lineKey(this.actor.getSnapshot().context.nextNumber - 1);
  }

  updateLine(key: string, changes: LineChanges): void {
    this.#send({ type: 'UPDATE_LINE', key, changes }, 'update a line');
  }

  removeLine(key: string): void {
    this.#send({ type: 'REMOVE_LINE', key }, 'remove a line');
  }

  /** Sends an edit, or throws `CommandNotAllowedError` when the session can no longer take it. */
  #send(event: SessionCommand, command: string): void {
    const snapshot = this.actor.getSnapshot();
    if (snapshot.status !== 'active' || !snapshot.can(event)) {
      throw new CommandNotAllowedError(command, stateString(snapshot.value));
    }
    this.actor.send(event);
  }

  /** Creates the API session and its lines now (without confirming). */
  start(): void {
    this.actor.send({ type: 'START' });
  }

  /** Validates, then creates whatever is missing and confirms. */
  confirm(): void {
    this.actor.send({ type: 'CONFIRM' });
  }

  retry(): void {
    this.actor.send({ type: 'RETRY' });
  }

  cancel(): void {
    this.actor.send({ type: 'CANCEL' });
  }

  on<T extends SessionProgressEvent['type']>(
    type: T | '*',
    handler: (event: Extract<SessionProgressEvent, { type: T }>) => void,
  ): Subscription {
    return this.actor.on(type as '*', handler as (event: SessionProgressEvent) => void);
  }

  /** What the session waits for on the CSV export now (null: nothing). */
  get waiting(): SessionWaiting | null {
    return this.#waiting;
  }

  /** @internal What the session waits for changed (the machine emits it: `session.waiting`). */
  noteWaiting(event: SessionWaiting | null): void {
    this.#waiting = event;
  }

  /**
   * Resolves when the session is final, failed (resumable), or stopped by its validation: a
   * CONFIRM that found issues leaves the session in `draft` or `created` with `issues` set.
   */
  async settled(): Promise<SessionResult> {
    const invalid = (s: ReturnType<SessionActor['getSnapshot']>) =>
      s.context.issues.length > 0 && s.hasTag('idle');
    const snapshot = await waitFor(
      this.actor,
      (s) => s.status !== 'active' || s.hasTag('failed') || invalid(s),
      { timeout: Number.POSITIVE_INFINITY },
    ).catch((error: unknown) => {
      throw this.#leaseLost ?? error;
    });
    if (this.#leaseLost) throw this.#leaseLost;
    await this.flush().catch(() => {});
    if (this.#leaseLost) throw this.#leaseLost;
    return this.result(snapshot.status === 'active' && invalid(snapshot) ? 'invalid' : undefined);
  }

  /**
   * The state of one line's machine (`creating.sending`, `order_created.acknowledged`), read
   * without walking the other lines; `undefined` for a key the session does not have.
   */
  lineState(key: string): string | undefined {
    const ref = this.actor.getSnapshot().context.lines.getSnapshot().lines.get(key);
    return ref ? stateString(ref.getSnapshot().value) : undefined;
  }

  /** The session as it stands. */
  result(forced?: SessionResultState): SessionResult {
    const snapshot = this.actor.getSnapshot();
    const context = snapshot.context;
    const value = stateString(snapshot.value);
    let state: SessionResultState;
    if (forced) state = forced;
    else if (
      value === 'completed' ||
      value === 'partial' ||
      value === 'rejected' ||
      value === 'cancelled' ||
      value === 'outcome_unknown'
    )
      state = value;
    else if (snapshot.hasTag('failed')) state = 'failed';
    else if (context.issues.length > 0) state = 'invalid';
    else state = 'failed';
    const lines: LineResult[] = [];
    for (const ref of context.lines.getSnapshot().lines.values()) {
      const line = ref.getSnapshot();
      if (line.context.standing === 'removed') continue;
      const remote = line.context.remote;
      lines.push({
        key: line.context.key,
        index: line.context.index,
        machineState: stateString(line.value),
        lineId: line.context.lineId,
        externalId: line.context.draft.external_id ?? null,
        apiState: remote?.state ?? null,
        orderReference: remote?.order_reference
          ? remote.order_reference
          : (line.context.tracked?.orderReference ?? null),
        orderState: line.context.tracked?.orderState ?? null,
        temporaryReference: remote?.temporary_reference ? remote.temporary_reference : null,
        terminationErrors: remote?.termination_error ?? [],
        error: line.context.error,
      });
    }
    return {
      state,
      id: this.id,
      sessionId: context.sessionId,
      ...(state === 'failed' ? { phase: context.error?.phase ?? value, error: context.error } : {}),
      issues: context.issues,
      lines,
    };
  }

  /** Waits until the latest snapshot is stored. */
  async flush(): Promise<void> {
    await this.#persister?.flush();
  }

  /**
   * Stops the actor after storing its latest snapshot; the session can be resumed from the store.
   * Requests under way are aborted: a write among them is reconciled on resume.
   */
  async stop(): Promise<void> {
    await this.flush().catch(() => {});
    this.actor.stop();
  }

  get store(): SnapshotStore | undefined {
    return this.#store;
  }
}

/** What a restored session brings from its stored record. */
interface Restored {
  snapshot: unknown;
  /** The session id the stored record holds. */
  storedSessionId: string | null;
  /** Lines the record does not show as created (`unsentLines`). */
  maybeSent: ReadonlySet<string>;
}

/**
 * One machine per client, shared by all its sessions. `provide()` builds a whole machine (its
 * state nodes and transitions, and the line machine's): one per session cost more memory than
 * the session's lines themselves (bench/: memory). Each session's hooks (its store) are found
 * through the actor system it runs in.
 */
const sessionHooks = new WeakMap<object, ActorHooks>();
const machines = new WeakMap<CovageApi, ReturnType<typeof sessionMachine.provide>>();

function machineFor(api: CovageApi) {
  let machine = machines.get(api);
  if (!machine) {
    const hooksOf = (system: object) => {
      const hooks = sessionHooks.get(system);
      if (!hooks) throw new Error('this actor does not run in a session built by orderSession');
      return hooks;
    };
    // Saves follow the change: each line's transitions are reported (see sessionSaves.ts).
    machine = trackedSessionMachine(api, hooksOf);
    machines.set(api, machine);
  }
  return machine;
}

function buildSession(
  id: string,
  config: OrderSessionOptions,
  init: { input: SessionInput } | Restored,
): OrderSession {
  let persister: Persister<SessionWrite> | null = null;
  let storedSessionId = 'storedSessionId' in init ? init.storedSessionId : null;
  const checkpoint = async () => {
    if (persister) await persister.flush();
  };
  // A line's POST needs a save on stable storage holding the session's id and the line (see
  // actors.ts): lines stored together go out without waiting; one added later waits for a save.
  let saves: SessionSaves | null = null;
  const sessionStored = async (lineKey?: string) => {
    if (!persister) return;
    const held = lineKey === undefined || saves?.holds(lineKey) === true;
    if (storedSessionId === null || !held) await persister.flush();
  };
  const lease = config.lease;
  let built: OrderSession | null = null;
  const hooks: ActorHooks = {
    checkpoint,
    sessionStored,
    ...(lease ? { beforeWrite: () => lease.check() } : {}),
    ...('maybeSent' in init ? { maybeSent: init.maybeSent } : {}),
    ...(config.sessionRead ? { sessionRead: config.sessionRead } : {}),
    // What it waits for on the export, and a read found missing while reconciling: emitted by
    // the machine (as under createOrderSessionMachine).
    ...noticeHooks(
      exportsOf(config.api),
      () => built?.actor ?? null,
      (waiting) => built?.noteWaiting(waiting),
    ),
  };
  const machine = machineFor(config.api);
  const common = {
    ...(config.inspect ? { inspect: config.inspect } : {}),
    ...(config.clock ? { clock: config.clock as never } : {}),
  };
  // A restored snapshot carries its context: the input is only used for a new session.
  const actor = createActor(machine, {
    ...common,
    input: 'input' in init ? init.input : { instanceKey: id },
    ...('snapshot' in init ? { snapshot: init.snapshot as never } : {}),
  }) as unknown as SessionActor;
  sessionHooks.set(actor.system, hooks);
  if (config.store) {
    const store = lease ? fencedStore(config.store, lease) : config.store;
    let save: Persister<SessionWrite> | null = null;
    // A stopped actor (stop() or process shutdown) keeps its last stored snapshot, to resume from.
    const request = () => {
      if (save && actor.getSnapshot().status !== 'stopped') save.request();
    };
    const tracked = new SessionSaves(id, actor as never, request);
    saves = tracked;
    save = new Persister<SessionWrite>(store, (durable) => tracked.build(durable), {
      onError: (error, write) => {
        tracked.failed(write);
        config.onPersistError?.(error);
      },
      onSaved: (write) => {
        tracked.saved(write);
        // Only a save on stable storage lets lines go out without waiting (see actors.ts).
        if (write.durable || write.complete) storedSessionId ??= write.header.sessionId;
      },
    });
    persister = save;
    actor.subscribe({ next: request, error: request, complete: request });
  }
  if (config.signal) {
    const signal = config.signal;
    const cancel = () => actor.send({ type: 'CANCEL' });
    if (signal.aborted) queueMicrotask(cancel);
    else signal.addEventListener('abort', cancel, { once: true });
  }
  built = new OrderSession(id, actor, persister, config.store, lease);
  return built;
}

/** Creates a session (local draft; nothing is sent until `start()` or `confirm()`). */
export function createOrderSession(
  config: OrderSessionOptions & { request?: SessionCreate; id?: string },
): OrderSession {
  const instanceKey = config.id ?? randomKey();
  // Every session has an external_id, as every line does: without the session read, a session
  // whose creation answer was lost is found in the CSV export by it.
  const request: SessionCreate = config.request?.external_id?.trim()
    ? config.request
    : { ...config.request, external_id: `co-${instanceKey}` };
  const session = buildSession(instanceKey, config, {
    input: { instanceKey, request, options: config.options },
  });
  session.actor.start();
  return session;
}

/**
 * Continues a stored session from where it stopped. Writes that may have been under way are
 * reconciled before anything is sent again; waits that were running start over.
 * `id` is the store key or the API session id.
 */
export async function resumeOrderSession(
  store: SnapshotStore,
  id: string,
  config: Omit<OrderSessionOptions, 'store'>,
): Promise<OrderSession> {
  // Taken before the record is read: the record read is then the last one any runner stored.
  await config.lease?.check();
  let record = await loadById(store, id);
  if (!record) {
    const match = (await store.list()).find((entry) => entry.sessionId === id);
    if (match) record = await store.load(match.id);
  }
  if (!record) throw new SnapshotStoreError('not_found', `no stored session "${id}"`);
  const damaged = (reason: string) =>
    new SnapshotStoreError(
      'corrupt',
      `the stored session "${record.id}" is damaged and cannot be resumed: ${reason}`,
      record.id,
    );
  let snapshot: unknown;
  try {
    snapshot = assembleSnapshot(record);
  } catch (error) {
    throw damaged((error as Error).message);
  }
  if (record.version === 1)
    throw damaged(
      'it is of format 1 (covage-orders 0.1.0): read it through createFileStore, which upgrades it',
    );
  const problem = snapshotProblem(snapshot);
  if (problem) throw damaged(problem);
  // Stored before the outcome standings existed: each line counted where its state puts it.
  if (record.version <= 2) standingsFromStates(snapshot);
  markInFlightWrites(snapshot);
  dropRestoredLooks(snapshot);
  const session = buildSession(
    record.id,
    { ...config, store },
    { snapshot, storedSessionId: record.sessionId, maybeSent: unsentLines(snapshot) },
  );
  session.actor.start();
  if (session.actor.getSnapshot().status === 'active') session.actor.send({ type: 'RESUME' });
  const restored = session.actor.getSnapshot();
  const refused =
    restored.status === 'error'
      ? restored.error
      : [...restored.context.lines.getSnapshot().lines.values()]
          .find((ref) => ref.getSnapshot().status === 'error')
          ?.getSnapshot().error;
  if (restored.status === 'error' || refused !== undefined) {
    session.actor.stop();
    const reason = refused instanceof Error ? refused.message : 'it does not fit';
    throw damaged(`the session machine refused it (${reason.split('\n')[0]})`);
  }
  return session;
}

async function loadById(store: SnapshotStore, id: string): Promise<SnapshotRecord | undefined> {
  try {
    return await store.load(id);
  } catch (error) {
    if (error instanceof SnapshotStoreError && error.code === 'invalid_id') return undefined;
    throw error;
  }
}
