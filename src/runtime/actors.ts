/**
 * The machines' default actors, built on any `CovageApi` (normally the ky client). An app can
 * replace any of them with `sessionMachine.provide({ actors: … })`.
 *
 * Writes that must not be repeated are never re-sent blindly after a crash:
 * - creating the session and confirming first wait for `checkpoint()`: the session's snapshot,
 *   showing the write as under way, is durably stored before the request leaves; a restored
 *   snapshot that says "this write may have happened" has it reconciled;
 * - creating a line first waits for `sessionStored()`: a stored snapshot holds the session's id.
 *   Not one per line: a resumed session treats every line its snapshot does not show as created
 *   as possibly sent (`maybeSent`, from `unsentLines`), and such a line looks for itself in the
 *   session before its first POST. (A checkpoint before every POST would put a save of the whole
 *   session on the path of every line: measured in bench/, it doubled the time of a large one.)
 */
import { fromPromise } from 'xstate';
import type {
  CreateLineInput,
  CreateLineOutput,
  DeleteLineInput,
  ReconcileLineInput,
  UpdateLineInput,
} from '../../machines/line.machine.js';
import { lineMachine } from '../../machines/line.machine.js';
import { type ConfirmSessionInput, wasConfirmed } from '../../machines/session.machine.js';
import type { CovageApi } from '../client/api.js';
import { raceAbort } from '../http/abort.js';
import { findRemoteLine } from '../lines/match.js';
import type { ExportStatus, ExportTask } from '../schemas/export.js';
import type { Line, LineCreate } from '../schemas/line.js';
import type { Session, SessionCreate, SessionWithItems } from '../schemas/session.js';

export interface ActorHooks {
  /** Resolves once the current snapshot is durably stored. */
  checkpoint(): Promise<void>;
  /** Resolves once a stored snapshot holds the session's id (default: `checkpoint`). */
  sessionStored?(): Promise<void>;
  /**
   * `external_id`s of lines a restored snapshot does not show as created: they may have been
   * sent before the restart, so each looks for itself before its first POST.
   */
  maybeSent?: ReadonlySet<string>;
}

/**
 * The hooks of one session, or how to find them from the actor system a session runs in (its
 * `actor.system`, as a key): then one machine serves many sessions (see `orderSession.ts`).
 */
export type HooksSource = ActorHooks | ((system: object) => ActorHooks);

function resolver(source: HooksSource): (system: object) => ActorHooks {
  return typeof source === 'function' ? source : () => source;
}

async function findLine(
  api: CovageApi,
  sessionId: string,
  body: LineCreate,
  signal: AbortSignal,
): Promise<Line | null> {
  const session = await api.getSession(sessionId, { signal });
  return findRemoteLine(session.product_order_item, body) ?? null;
}

/**
 * One read of the session, shared by the restored lines' first looks. A read made after the
 * restart is valid for every line this process has not yet sent itself; a line whose own POST
 * then fails without an answer reconciles with a fresh read (`reconcileLine`).
 */
function sharedSessionRead(api: CovageApi): SessionReader {
  let read: { sessionId: string; session: Promise<SessionWithItems> } | null = null;
  return (sessionId: string, signal: AbortSignal): Promise<SessionWithItems> => {
    if (read?.sessionId !== sessionId) {
      const session = api.getSession(sessionId);
      read = { sessionId, session };
      // A failed read is not kept: the next line reads again.
      session.catch(() => {
        if (read?.session === session) read = null;
      });
    }
    return raceAbort(read.session, signal);
  };
}

type SessionReader = (sessionId: string, signal: AbortSignal) => Promise<SessionWithItems>;

export function createLineActors(api: CovageApi, source: HooksSource) {
  const hooksOf = resolver(source);
  // One shared read per session (per hooks object: a resumed session gets new ones).
  const reads = new WeakMap<ActorHooks, SessionReader>();
  const readRestored = (hooks: ActorHooks) => {
    let read = reads.get(hooks);
    if (!read) {
      read = sharedSessionRead(api);
      reads.set(hooks, read);
    }
    return read;
  };
  return {
    createLine: fromPromise<CreateLineOutput, CreateLineInput>(
      async ({ input, signal, system }) => {
        const hooks = hooksOf(system);
        const { external_id: externalId } = input.body;
        const maybeSent = externalId !== undefined && hooks.maybeSent?.has(externalId) === true;
        if (input.reconcileFirst || maybeSent) {
          const session = await readRestored(hooks)(input.sessionId, signal);
          const found = findRemoteLine(session.product_order_item, input.body);
          if (found) return { line: found, reconciled: true };
        }
        await (hooks.sessionStored ?? hooks.checkpoint)();
        return {
          line: await api.createLine(input.sessionId, input.body, { signal }),
          reconciled: false,
        };
      },
    ),
    reconcileLine: fromPromise<{ line: Line | null }, ReconcileLineInput>(
      async ({ input, signal }) => ({
        line: await findLine(api, input.sessionId, input.body, signal),
      }),
    ),
    updateLine: fromPromise<Line, UpdateLineInput>(({ input, signal }) =>
      api.updateLine(input.sessionId, input.lineId, input.changes, { signal }),
    ),
    deleteLine: fromPromise<unknown, DeleteLineInput>(({ input, signal }) =>
      api.deleteLine(input.sessionId, input.lineId, { signal }),
    ),
  };
}

export function createSessionActors(api: CovageApi, source: HooksSource) {
  const hooksOf = resolver(source);
  return {
    line: lineMachine.provide({ actors: createLineActors(api, source) }),
    createSession: fromPromise<Session, { request: SessionCreate }>(
      async ({ input, signal, system }) => {
        await hooksOf(system).checkpoint();
        return api.createSession(input.request, { signal });
      },
    ),
    confirmSession: fromPromise<SessionWithItems, ConfirmSessionInput>(
      async ({ input, signal, system }) => {
        if (input.reconcileFirst) {
          const session = await api.getSession(input.sessionId, { signal });
          if (wasConfirmed(session)) return session;
        }
        await hooksOf(system).checkpoint();
        return api.confirmSession(input.sessionId, { signal });
      },
    ),
    readSession: fromPromise<SessionWithItems, { sessionId: string }>(({ input, signal }) =>
      api.getSession(input.sessionId, { signal }),
    ),
  };
}

/** Actors of the export machine; `sink` receives the CSV stream (e.g. writes it to a file). */
export function createExportActors(
  api: CovageApi,
  sink: (stream: ReadableStream<Uint8Array>, taskId: string) => Promise<number>,
) {
  return {
    startExport: fromPromise<ExportTask, Record<string, never>>(({ signal }) =>
      api.startExport({ signal }),
    ),
    getExportStatus: fromPromise<ExportStatus, { taskId: string }>(({ input, signal }) =>
      api.getExportStatus(input.taskId, { signal }),
    ),
    downloadExport: fromPromise<{ bytes: number }, { taskId: string }>(
      async ({ input, signal }) => {
        const stream = await api.downloadExport(input.taskId, { signal });
        return { bytes: await sink(stream, input.taskId) };
      },
    ),
  };
}
