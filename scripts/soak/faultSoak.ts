/**
 * The fault soak: many sessions submitted at once, in-process, through the real runtime
 * (`createOrderSession`, file store, ky client, password grant) against a sandbox that answers
 * 503s, drops connections before and after processing, and stalls, while access tokens expire
 * under the run. A session that stops in a resumable failure state is sent RETRY, as an operator
 * would. At the end the sandbox's state must hold each intended line exactly once.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { CovageApi } from '../../src/client/api.js';
import { createCovageClient } from '../../src/client/index.js';
import { passwordGrant } from '../../src/http/auth/index.js';
import { createOrderSession } from '../../src/runtime/orderSession.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { createFileStore, type SnapshotStore } from '../../src/store/file.js';
import { createCovageTracker } from '../../src/tracking/providers/covage/tracker.js';
import { createEventLog } from './eventLog.js';
import { createFaultPlan, type FaultRates, ISSUE_FAULT_RATES } from './faultPlan.js';
import { type IntendedSession, intendedSession } from './orders.js';
import { randomSecret, seededRandom } from './random.js';
import { readSandboxState } from './sandboxState.js';
import type { SecretScanner } from './secrets.js';
import { capturingTokens } from './tokens.js';
import { type Reported, type Verification, verify } from './verify.js';

export interface FaultSoakOptions {
  sessions: number;
  linesPerSession: number;
  seed: number;
  /** Where the sessions' snapshots are kept (a file store). */
  stateDir: string;
  scanner: SecretScanner;
  rates?: FaultRates;
  retryAfterSeconds?: number;
  delayMs?: number;
  /** Short, so tokens expire during the run. Default 3 s. */
  accessTokenTtlSeconds?: number;
  /** Default 12 s (renewed with every refresh, so it outlives a round). */
  refreshTokenTtlSeconds?: number;
  /** RETRYs per session before it counts as stuck. Default 30. */
  maxRetriesPerSession?: number;
  /** Lines created at once per session. Default 8 (the engine's default). */
  concurrency?: number;
  /**
   * The read-off round (issue 15): the sandbox has no session read and the client never reads;
   * outcomes and lost answers go through order tracking and the CSV export, exports 1 s apart.
   */
  readOff?: boolean;
}

export interface FaultSoakReport {
  verification: Verification;
  /** Faults the sandbox injected, by kind (its own count). */
  faults: Record<string, number>;
  requests: number;
  requestsByRoute: Record<string, number>;
  retries: {
    /** Requests the client sent again (503 waited out, connection lost on a read…). */
    http: number;
    byReason: Record<string, number>;
    /** Requests sent again with a renewed token after a 401. */
    unauthorized: number;
    /** RETRY sent to sessions that had stopped in a failure state. */
    sessions: number;
  };
  /** Session failures (before RETRY), by phase. */
  failures: Record<string, number>;
  reconciliations: {
    /** Lines found already created after a creation whose answer was lost. */
    lines: number;
    /** Confirmations found done after a confirm whose answer was lost. */
    confirmations: number;
    /** Writes whose fate was unknown (each one reconciled, never blindly re-sent). */
    ambiguousWrites: number;
  };
  auth: { logins: number; refreshes: number; refreshRejected: number };
  /** `off` for the read-off round: export starts made (one budget for all its sessions). */
  sessionRead: 'auto' | 'off';
  exportStarts: number;
  durationMs: number;
}

interface SessionRun extends Reported {
  retries: number;
  reconciledLines: number;
  reconciledConfirmations: number;
  failures: Record<string, number>;
}

const USERNAME = 'soak-user';

async function runSession(
  api: CovageApi,
  store: SnapshotStore,
  intended: IntendedSession,
  maxRetries: number,
  concurrency: number,
): Promise<SessionRun> {
  const session = createOrderSession({
    api,
    store,
    request: { external_id: intended.externalId },
    options: {
      concurrency,
      syncDelayMs: 10,
      poll: { initialDelayMs: 100, maxDelayMs: 800, maxErrors: 8 },
    },
  });
  let reconciledLines = 0;
  let reconciledConfirmations = 0;
  const failures: Record<string, number> = {};
  session.on('line.created', (event) => {
    if (event.reconciled) reconciledLines++;
  });
  session.on('session.confirmed', (event) => {
    if (event.reconciled) reconciledConfirmations++;
  });
  session.on('session.failed', (event) => {
    failures[event.phase] = (failures[event.phase] ?? 0) + 1;
  });
  for (const line of intended.lines) session.addLine(line.body);
  session.confirm();
  let retries = 0;
  let result = await session.settled();
  while (result.state === 'failed' && retries < maxRetries) {
    retries++;
    // What an operator (or a supervisor) does: wait a little, then RETRY.
    await sleep(Math.min(2000, 100 * retries));
    session.retry();
    result = await session.settled();
  }
  await session.stop();
  return {
    intended,
    sessionId: result.sessionId,
    state: result.state,
    // A line found on order tracking only has no order-taking state to compare.
    lineStates: new Map(
      result.lines
        .filter((line) => line.machineState !== 'order_created.tracked')
        .map((line) => [line.externalId ?? '', line.apiState]),
    ),
    retries,
    reconciledLines,
    reconciledConfirmations,
    failures,
  };
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

export async function runFaultSoak(options: FaultSoakOptions): Promise<FaultSoakReport> {
  const started = Date.now();
  const { scanner } = options;
  const password = randomSecret('soak-password');
  const adminToken = randomSecret('soak-admin');
  const unusedToken = randomSecret('soak-static-token');
  scanner.add('the password-grant password', password);
  scanner.add('the sandbox admin token', adminToken);
  scanner.add('the sandbox static token', unusedToken);

  const sandbox = await startSandbox({
    tokens: [unusedToken],
    adminToken,
    seed: options.seed,
    outcomeDelayMs: 200,
    // Exports a second apart in both rounds: under `auto` too, a session creation whose answer
    // was lost before any read answered is looked for in the export.
    exportIntervalMs: 1000,
    exportDurationMs: 100,
    ...(options.readOff ? { readSessionEndpoint: false } : {}),
    oauth: {
      users: [{ username: USERNAME, password }],
      accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3,
      refreshTokenTtlSeconds: options.refreshTokenTtlSeconds ?? 12,
    },
  });
  try {
    const plan = createFaultPlan({
      seed: options.seed,
      rates: options.rates ?? ISSUE_FAULT_RATES,
      ...(options.retryAfterSeconds === undefined
        ? {}
        : { retryAfterSeconds: options.retryAfterSeconds }),
      ...(options.delayMs === undefined ? {} : { delayMs: options.delayMs }),
    });
    const events = createEventLog();
    const wire = capturingTokens(plan.wrap(), scanner);
    const auth = passwordGrant({
      tokenUrl: `${sandbox.url}/auth/realms/covage/protocol/openid-connect/token`,
      username: USERNAME,
      password,
      fetch: wire,
      logger: events.logger,
      timeoutMs: 10_000,
    });
    const api = createCovageClient({
      baseUrl: sandbox.url,
      auth,
      fetch: wire,
      logger: events.logger,
      timeoutMs: 10_000,
      retry: { limit: 4, baseDelayMs: 50, backoffLimitMs: 1000 },
      exportIntervalMs: 1000,
      ...(options.readOff
        ? {
            sessionRead: 'off' as const,
            orders: createCovageTracker({
              baseUrl: sandbox.url,
              auth,
              fetch: wire,
              timeoutMs: 10_000,
              retry: { limit: 4, baseDelayMs: 50, backoffLimitMs: 1000 },
            }),
          }
        : {}),
    });
    const store = createFileStore(options.stateDir);
    const random = seededRandom(options.seed);
    const intended = Array.from({ length: options.sessions }, (_, n) =>
      intendedSession(
        `soak-${options.seed}-s${String(n + 1).padStart(2, '0')}`,
        options.linesPerSession,
        random,
        n % 10 === 9,
      ),
    );
    const runs = await Promise.all(
      intended.map((session) =>
        runSession(
          api,
          store,
          session,
          options.maxRetriesPerSession ?? 30,
          options.concurrency ?? 8,
        ),
      ),
    );
    const state = await readSandboxState(sandbox.url, adminToken);
    for (const line of events.lines) scanner.collect('the fault soak client log', line);
    const failures: Record<string, number> = {};
    for (const run of runs)
      for (const [phase, count] of Object.entries(run.failures))
        failures[phase] = (failures[phase] ?? 0) + count;
    return {
      verification: verify(
        runs,
        state.sessions.filter((session) => session.user === `user:${USERNAME}`),
      ),
      faults: state.faults,
      requests: state.requests.total,
      requestsByRoute: state.requests.byRoute,
      retries: {
        http: events.count('http.retry'),
        byReason: events.retryReasons,
        unauthorized: events.count('http.unauthorized_retry'),
        sessions: sum(runs.map((run) => run.retries)),
      },
      failures,
      reconciliations: {
        lines: sum(runs.map((run) => run.reconciledLines)),
        confirmations: sum(runs.map((run) => run.reconciledConfirmations)),
        ambiguousWrites: events.count('http.ambiguous_write'),
      },
      auth: {
        logins: events.count('auth.token_obtained'),
        refreshes: events.count('auth.token_refreshed'),
        refreshRejected: events.count('auth.refresh_rejected'),
      },
      sessionRead: options.readOff ? 'off' : 'auto',
      exportStarts: api.exports.starts,
      durationMs: Date.now() - started,
    };
  } finally {
    await sandbox.close();
  }
}
