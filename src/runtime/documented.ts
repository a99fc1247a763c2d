/**
 * The documented paths, for when the session read is not used (`sessionRead: 'off'`, or `auto`
 * after the API answered it 404, 405 or 501): Covage order tracking for the lines that became
 * orders, and the CSV export — within its rate limit, one budget per client — for everything
 * else: a line's `rejected_creation` and its `termination_error`, and the look for a write whose
 * answer was lost (a line, a confirmation, the session itself).
 */
import { type AnyActorRef, fromPromise } from 'xstate';
import type {
  FollowInput,
  ReadExportOutcome,
  TrackOrdersOutcome,
} from '../../machines/session/index.js';
import type { CallOptions, CovageApi } from '../client/api.js';
import type { ExportWant } from '../client/exportFile.js';
import { ExportReader } from '../client/exportReader.js';
import type { SessionReadMode } from '../client/sessionRead.js';
import { CovageReadUnavailableError } from '../http/errors.js';
import type { SessionWithItems } from '../schemas/session.js';
import { failureOf } from './outcomes.js';

/** What the documented paths wait for, as a session reports it (see `session.waiting`). */
export type WaitReason = 'lost_line' | 'lost_confirmation' | 'lost_session' | 'outcome';

export interface DocumentedHooks {
  /** The session's own setting: `off` never reads; `auto` and `on` follow the client's. */
  sessionRead?: SessionReadMode;
  /** Told when this session's read found the API has no session read (it switched). */
  readSwitched?(status: number, message: string): void;
  /** Told when a look in the export starts (+1) and ends (-1), for the live view. */
  waiting?(reason: WaitReason, delta: 1 | -1): void;
}

const readers = new WeakMap<CovageApi, ExportReader>();

/** The client's export reader (one budget for all its sessions); one per API object otherwise. */
export function exportsOf(api: CovageApi): ExportReader {
  if (api.exports) return api.exports;
  let reader = readers.get(api);
  if (!reader) {
    reader = new ExportReader(api);
    readers.set(api, reader);
  }
  return reader;
}

/** True when this session reads itself back with `GET /api/v1/product_order/{id}/`. */
export function readUsable(api: CovageApi, hooks: DocumentedHooks): boolean {
  if (hooks.sessionRead === 'off') return false;
  return api.sessionRead?.usable ?? true;
}

/**
 * True when the read is known to answer: `on`, or `auto` once it has answered. Until then, a
 * write the read could not find (a session whose creation answer was lost: the read needs the id
 * that answer carried) is looked for in the export, as with `off`.
 */
export function readKnownToAnswer(api: CovageApi, hooks: DocumentedHooks): boolean {
  const state = api.sessionRead;
  return (
    hooks.sessionRead !== 'off' &&
    (!state || state.mode === 'on' || state.availability === 'available')
  );
}

/** The read's failure when the session does not use it: `read_unavailable`, no status. */
export function readOff(): CovageReadUnavailableError {
  return new CovageReadUnavailableError(
    'the session read is not used: the documented paths (order tracking, CSV export) are',
    'off',
  );
}

/** Runs `look`, telling the session it waits on the export for `reason` meanwhile. */
export async function waitingOn<T>(
  hooks: DocumentedHooks,
  reason: WaitReason,
  look: () => Promise<T>,
): Promise<T> {
  hooks.waiting?.(reason, 1);
  try {
    return await look();
  } finally {
    hooks.waiting?.(reason, -1);
  }
}

/**
 * The session as the API holds it: read back when the read is used, else from the first export
 * started from now on (a write whose answer was lost is looked for in an export that began after
 * it). A session the export does not list is a failure, never "not there".
 */
export async function sessionNow(
  api: CovageApi,
  hooks: DocumentedHooks,
  sessionId: string,
  reason: WaitReason,
  call: CallOptions = {},
): Promise<SessionWithItems> {
  if (readUsable(api, hooks)) {
    try {
      return await api.getSession(sessionId, call);
    } catch (error) {
      if (!(error instanceof CovageReadUnavailableError)) throw error;
      if (error.status !== undefined) hooks.readSwitched?.(error.status, error.message);
    }
  }
  const reader = exportsOf(api);
  const session = await waitingOn(hooks, reason, () =>
    reader.session(sessionId, reader.now(), call.signal),
  );
  if (!session)
    throw {
      kind: 'export_missing',
      message: `the CSV export does not list the session ${sessionId}`,
      retriable: true,
      ambiguous: false,
    };
  return session;
}

/** The sessions created with this `external_id`, from the first export started from now on. */
export async function sessionsByExternalId(
  api: CovageApi,
  hooks: DocumentedHooks,
  externalId: string,
  signal?: AbortSignal,
): Promise<SessionWithItems[]> {
  const reader = exportsOf(api);
  const want: ExportWant = { sessionExternalIds: [externalId] };
  const look = await waitingOn(hooks, 'lost_session', () =>
    reader.look(want, reader.now(), signal),
  );
  const ids = look.sessions.idsByExternalId.get(externalId) ?? [];
  return ids.flatMap((id) => look.sessions.byId.get(id) ?? []);
}

async function plainly<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw failureOf(error, false);
  }
}

type HooksOf = (system: object, self: AnyActorRef) => DocumentedHooks;

/** The actors of the session's `following` phase. */
export function createFollowActors(api: CovageApi, hooksOf: HooksOf) {
  return {
    trackOrders: fromPromise<TrackOrdersOutcome, FollowInput>(({ input, signal }) =>
      plainly(async () => {
        const awaited = input.lines.length;
        if (!api.listOrders || awaited === 0) return { orders: [], awaited };
        const byItemId = new Map(
          input.lines.flatMap((line) => (line.lineId ? [[line.lineId, line]] : [])),
        );
        const byExternalId = new Map(
          input.lines.flatMap((line) => (line.externalId ? [[line.externalId, line]] : [])),
        );
        const orders: TrackOrdersOutcome['orders'] = [];
        const seen = new Set<string>();
        for await (const order of api.listOrders({ productOrderId: input.sessionId }, { signal })) {
          const raw = order.raw;
          // An order of another session (an API that ignores the filter) is not this line's.
          if (raw.product_order_id && raw.product_order_id !== input.sessionId) continue;
          const line =
            (raw.product_order_item_id ? byItemId.get(raw.product_order_item_id) : undefined) ??
            (raw.external_id ? byExternalId.get(raw.external_id) : undefined);
          if (!line || seen.has(line.key)) continue;
          seen.add(line.key);
          orders.push({
            key: line.key,
            lineId: line.lineId,
            orderReference: order.reference,
            orderState: order.providerStatus,
          });
        }
        return { orders, awaited };
      }),
    ),
    readExport: fromPromise<ReadExportOutcome, FollowInput>(({ input, signal, system, self }) =>
      plainly(async () => {
        const reader = exportsOf(api);
        const session = await waitingOn(hooksOf(system, self), 'outcome', () =>
          reader.session(input.sessionId, reader.now(), signal),
        );
        return session ? { type: 'listed', session } : { type: 'notListed' };
      }),
    ),
  };
}
