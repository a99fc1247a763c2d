/**
 * The machines' default actors, built on any `CovageApi` (normally the ky client). This is where
 * HTTP meaning ends: each actor turns the API's answer into a domain outcome (`created`,
 * `alreadyExists`, `maybeSent`, `rejected`, …) or rejects with plain failure info, so the
 * machines never read a status code. An app can replace any actor with `machine.provide()`.
 *
 * Writes that must not be repeated are never re-sent blindly after a crash:
 * - creating the session and confirming first wait for `checkpoint()`: the session's snapshot,
 *   showing the write as under way, is durably stored before the request leaves; a restored
 *   snapshot that says "this write may have happened" has it reconciled;
 * - creating a line first waits for `sessionStored(key)`: a snapshot on stable storage holds the
 *   session's id and the line (a line added after the session was stored is saved before its
 *   POST: otherwise a crash in between would leave on the API a line no stored session knows).
 *   Not one checkpoint per line: lines stored together (the CLI's, all in the first save) go
 *   out without waiting, and a resumed session treats every line its snapshot does not show as
 *   created as possibly sent (`maybeSent`, from `unsentLines`): such a line looks for itself in
 *   the session before its first POST.
 */
import { type AnyActorRef, fromPromise } from 'xstate';
import {
  type CreateLineInput,
  type CreateLineOutcome,
  type DeleteLineInput,
  type DeleteLineOutcome,
  type LineMachine,
  lineMachine,
  type ReconcileLineInput,
  type ReconcileLineOutcome,
  type UpdateLineInput,
  type UpdateLineOutcome,
} from '../../machines/line/index.js';
import {
  type ConfirmSessionInput,
  type ConfirmSessionOutcome,
  type CreateSessionInput,
  type CreateSessionOutcome,
  lineRegistry,
  type ReadSessionInput,
} from '../../machines/session/index.js';
import type { CovageApi } from '../client/api.js';
import { raceAbort } from '../http/abort.js';
import { findRemoteLine } from '../lines/match.js';
import { wasConfirmed } from '../rules/lifecycle.js';
import type { Session, SessionWithItems } from '../schemas/session.js';
import {
  createFollowActors,
  type DocumentedHooks,
  readKnownToAnswer,
  readOff,
  readUsable,
  sessionNow,
  sessionsByExternalId,
} from './documented.js';
import { failureOf, isAlreadyGone, isConfirmConflict, plainly, refusal } from './outcomes.js';

export interface ActorHooks extends DocumentedHooks {
  /** Resolves once the current snapshot is durably stored. */
  checkpoint(): Promise<void>;
  /** Resolves once a stored snapshot holds the session's id and the line (default: `checkpoint`). */
  sessionStored?(lineKey?: string): Promise<void>;
  /**
   * `external_id`s of lines a restored snapshot does not show as created: they may have been
   * sent before the restart, so each looks for itself before its first POST.
   */
  maybeSent?: ReadonlySet<string>;
  /**
   * Resolves when this runner may still write (its lease is held); throws when it may not. Called
   * right before every request that writes, after any wait, so that a runner paused past its
   * lease sends nothing when it wakes.
   */
  beforeWrite?(): Promise<void>;
}

/**
 * The hooks of one session, or how to find them from the actor system a session runs in (its
 * `actor.system`, as a key) or from the actor asking (`self`, whose parents lead to the session):
 * then one machine serves many sessions (see `orderSession.ts`, `orderSessionMachine.ts`).
 */
export type HooksSource = ActorHooks | ((system: object, self: AnyActorRef) => ActorHooks);

function resolver(source: HooksSource): (system: object, self: AnyActorRef) => ActorHooks {
  return typeof source === 'function' ? source : () => source;
}

/** Resolves when the session's runner may write (see `ActorHooks.beforeWrite`). */
async function writable(hooks: ActorHooks): Promise<void> {
  await hooks.beforeWrite?.();
}

/**
 * One read of the session, shared by the restored lines' first looks. A read made after the
 * restart is valid for every line this process has not yet sent itself; a line whose own POST
 * then fails without an answer reconciles with a fresh read (`reconcileLine`).
 */
function sharedSessionRead(api: CovageApi, hooks: ActorHooks): SessionReader {
  let read: { sessionId: string; session: Promise<SessionWithItems> } | null = null;
  return (sessionId: string, signal: AbortSignal): Promise<SessionWithItems> => {
    if (read?.sessionId !== sessionId) {
      const session = sessionNow(api, hooks, sessionId, 'lost_line');
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
      read = sharedSessionRead(api, hooks);
      reads.set(hooks, read);
    }
    return read;
  };
  return {
    createLine: fromPromise<CreateLineOutcome, CreateLineInput>(
      async ({ input, signal, system, self }) => {
        const hooks = hooksOf(system, self);
        const { external_id: externalId } = input.body;
        const maybeSent = externalId !== undefined && hooks.maybeSent?.has(externalId) === true;
        if (input.reconcileFirst || maybeSent) {
          const session = await plainly(false, () => readRestored(hooks)(input.sessionId, signal));
          const found = findRemoteLine(session.product_order_item, input.body);
          if (found) return { type: 'alreadyExists', line: found };
        }
        await plainly(false, () =>
          hooks.sessionStored ? hooks.sessionStored(input.key) : hooks.checkpoint(),
        );
        await plainly(false, () => writable(hooks));
        try {
          return {
            type: 'created',
            line: await api.createLine(input.sessionId, input.body, { signal }),
          };
        } catch (error) {
          const failure = failureOf(error, true);
          if (failure.ambiguous) return { type: 'maybeSent', failure };
          const refused = refusal(error);
          if (refused) return { type: 'rejected', failure, issues: refused };
          throw failure;
        }
      },
    ),
    reconcileLine: fromPromise<ReconcileLineOutcome, ReconcileLineInput>(
      ({ input, signal, system, self }) =>
        plainly(false, async () => {
          const session = await sessionNow(
            api,
            hooksOf(system, self),
            input.sessionId,
            'lost_line',
            {
              signal,
            },
          );
          const line = findRemoteLine(session.product_order_item, input.body);
          return line ? { type: 'alreadyExists', line } : { type: 'notFound' };
        }),
    ),
    updateLine: fromPromise<UpdateLineOutcome, UpdateLineInput>(({ input, signal, system, self }) =>
      plainly(false, async () => {
        await writable(hooksOf(system, self));
        return {
          type: 'updated',
          line: await api.updateLine(input.sessionId, input.lineId, input.changes, { signal }),
        };
      }),
    ),
    deleteLine: fromPromise<DeleteLineOutcome, DeleteLineInput>(
      async ({ input, signal, system, self }) => {
        await plainly(false, () => writable(hooksOf(system, self)));
        try {
          await api.deleteLine(input.sessionId, input.lineId, { signal });
          return { type: 'deleted' };
        } catch (error) {
          if (isAlreadyGone(error)) return { type: 'alreadyGone' };
          throw failureOf(error, false);
        }
      },
    ),
  };
}

/** The line machine with its default actors on `api`. */
export function createLineMachine(api: CovageApi, source: HooksSource) {
  return lineMachine.provide({ actors: createLineActors(api, source) });
}

export function createSessionActors(
  api: CovageApi,
  source: HooksSource,
  line: LineMachine = createLineMachine(api, source),
) {
  const hooksOf = resolver(source);
  return {
    lines: lineRegistry(line),
    createSession: fromPromise<CreateSessionOutcome, CreateSessionInput>(
      async ({ input, signal, system, self }) => {
        const hooks = hooksOf(system, self);
        const externalId = input.request.external_id?.trim();
        // Unless the read is known to answer (then it is retried: the read could not find it, it
        // needs the id the answer would carry), a session whose creation answer was lost is
        // found in the export by its external_id: under `auto` before any read answered too.
        const documented =
          externalId !== undefined && externalId !== '' && !readKnownToAnswer(api, hooks);
        const look = async () => {
          const found = await plainly(false, () =>
            sessionsByExternalId(api, hooks, externalId ?? '', signal),
          );
          return found[0] ? sessionOf(found[0]) : null;
        };
        if (input.reconcileFirst && documented) {
          const found = await look();
          if (found) return { type: 'created', session: found, reconciled: true };
        }
        for (let lost = 0; ; ) {
          await plainly(false, () => hooks.checkpoint());
          await plainly(false, () => writable(hooks));
          try {
            return { type: 'created', session: await api.createSession(input.request, { signal }) };
          } catch (error) {
            const failure = failureOf(error, true);
            if (!failure.ambiguous || !documented || ++lost >= 3) throw failure;
            const found = await look();
            if (found) return { type: 'created', session: found, reconciled: true };
          }
        }
      },
    ),
    confirmSession: fromPromise<ConfirmSessionOutcome, ConfirmSessionInput>(
      async ({ input, signal, system, self }) => {
        if (input.reconcileFirst) {
          const session = await plainly(false, () =>
            sessionNow(api, hooksOf(system, self), input.sessionId, 'lost_confirmation', {
              signal,
            }),
          );
          if (wasConfirmed(session)) return { type: 'alreadyConfirmed', session };
        }
        await plainly(false, async () => {
          await hooksOf(system, self).checkpoint();
          await writable(hooksOf(system, self));
        });
        try {
          return {
            type: 'confirmed',
            session: await api.confirmSession(input.sessionId, { signal }),
          };
        } catch (error) {
          const failure = failureOf(error, true);
          // No answer, a 5xx, or 409 (already confirmed): the confirmation may have happened.
          if (failure.ambiguous || isConfirmConflict(error))
            return { type: 'maybeSent', failure: { ...failure, ambiguous: true } };
          throw failure;
        }
      },
    ),
    readSession: fromPromise<SessionWithItems, ReadSessionInput>(
      ({ input, signal, system, self }) =>
        plainly(false, async () => {
          const hooks = hooksOf(system, self);
          // Reconciling a confirmation: the read when used (and answered), else the next export.
          if (input.purpose === 'reconcile')
            return sessionNow(api, hooks, input.sessionId, 'lost_confirmation', { signal });
          if (!readUsable(api, hooks)) throw readOff();
          return api.getSession(input.sessionId, { signal });
        }),
    ),
    ...createFollowActors(api, hooksOf),
  };
}

/** A session listed by the export, as the creation's answer would have given it. */
function sessionOf(listed: SessionWithItems): Session {
  return {
    id: listed.id,
    external_id: listed.external_id ?? '',
    project_id: listed.project_id ?? '',
    creation_date: listed.creation_date ?? '',
    order_date: listed.order_date ?? null,
    state: listed.state ?? 'created',
  };
}
