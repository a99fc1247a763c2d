/**
 * The machines' default actors, built on any `CovageApi` (normally the ky client). An app can
 * replace any of them with `sessionMachine.provide({ actors: … })`.
 *
 * Before each write that must not be repeated (creating a line, confirming), the actor first
 * waits for `checkpoint()`: the session's snapshot, showing the write as under way, is durably
 * stored before the request leaves. A process that dies after that point restores a snapshot
 * that says "this write may have happened", and the write is reconciled, never re-sent blindly.
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
import { findRemoteLine } from '../lines/match.js';
import type { ExportStatus, ExportTask } from '../schemas/export.js';
import type { Line, LineCreate } from '../schemas/line.js';
import type { Session, SessionCreate, SessionWithItems } from '../schemas/session.js';

export interface ActorHooks {
  /** Resolves once the current snapshot is durably stored. */
  checkpoint(): Promise<void>;
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

export function createLineActors(api: CovageApi, hooks: ActorHooks) {
  return {
    createLine: fromPromise<CreateLineOutput, CreateLineInput>(async ({ input, signal }) => {
      if (input.reconcileFirst) {
        const found = await findLine(api, input.sessionId, input.body, signal);
        if (found) return { line: found, reconciled: true };
      }
      await hooks.checkpoint();
      return {
        line: await api.createLine(input.sessionId, input.body, { signal }),
        reconciled: false,
      };
    }),
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

export function createSessionActors(api: CovageApi, hooks: ActorHooks) {
  return {
    line: lineMachine.provide({ actors: createLineActors(api, hooks) }),
    createSession: fromPromise<Session, { request: SessionCreate }>(async ({ input, signal }) => {
      await hooks.checkpoint();
      return api.createSession(input.request, { signal });
    }),
    confirmSession: fromPromise<SessionWithItems, ConfirmSessionInput>(
      async ({ input, signal }) => {
        if (input.reconcileFirst) {
          const session = await api.getSession(input.sessionId, { signal });
          if (wasConfirmed(session)) return session;
        }
        await hooks.checkpoint();
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
