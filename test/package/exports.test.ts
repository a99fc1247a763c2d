/**
 * The main entry's public names, pinned: adding or removing one is a deliberate change made here
 * too. Values are read from the built module, types from its declaration file. The other entry
 * points are checked for what they must (and must not) hold.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = join(ROOT, 'dist/src');

const VALUES = [
  // Issue 15: the session read and the documented paths.
  'CovageReadUnavailableError',
  'ExportReader',
  'SESSION_READ_MODES',
  'SessionReadState',
  'describeWaiting',
  'readExportFile',
  'CONFIRMATION_RULES',
  'CONTACT_REQUIRED_AT_CONFIRMATION',
  'CPE_FIELDS',
  'CPE_OPTION_ID',
  'CommandNotAllowedError',
  'CovageAbortError',
  'CovageAmbiguousWriteError',
  'CovageAuthError',
  'CovageConfigError',
  'CovageError',
  'CovageExportError',
  'CovageHttpError',
  'CovageNetworkError',
  'CovageRateLimitError',
  'CovageResponseError',
  'DEFAULT_RETRY',
  'DEFAULT_SESSION_OPTIONS',
  'DIA_OFFER_FAMILY',
  'EXAMPLE_SPELLING',
  'FINAL_SESSION_STATES',
  'HeldLease',
  'InvalidLineError',
  'LINE_STANDINGS',
  'LINE_STATES',
  'LeaseLostError',
  'OrderSession',
  'SESSION_STATES',
  'SessionLockedError',
  'SnapshotStoreError',
  'TABLE_SPELLING',
  'apiErrorBodySchema',
  'apiKey',
  'bearerToken',
  'checkConfirmation',
  'checkSession',
  'combineAuth',
  'contactInputSchema',
  'contactSchema',
  'createConfirmationChecker',
  'createCovageClient',
  'createMemoryStore',
  'createOrderSession',
  'createOrderSessionMachine',
  'errorInfo',
  'exportStatusSchema',
  'exportTaskSchema',
  'finalStateOf',
  'isCovageError',
  'isDiaLine',
  'isValidSiret',
  'lineCreateSchema',
  'lineMachine',
  'lineOutcome',
  'lineSchema',
  'lineUpdateSchema',
  'newHolder',
  'orderFileSchema',
  'parseLine',
  'readiness',
  'resolveSpelling',
  'resumeOrderSession',
  'sessionCreateSchema',
  'sessionMachine',
  'sessionSchema',
  'sessionWithItemsSchema',
  'toWireSpelling',
];

const TYPES = [
  'AwaitedLine',
  'ExportLook',
  'ExportWant',
  'ExportWindow',
  'ExportedSessions',
  'FollowInput',
  'OrderFound',
  'OrderLister',
  'ReadExportOutcome',
  'SessionOutcomeState',
  'SessionReadAvailability',
  'SessionReadMode',
  'SessionReadSwitch',
  'SessionWaiting',
  'TrackOrdersOutcome',
  'AcquireOptions',
  'ApiErrorBody',
  'ApiKeyOptions',
  'AuthProvider',
  'AuthRequest',
  'CallOptions',
  'CheckOptions',
  'ConfirmSessionInput',
  'ConfirmSessionOutcome',
  'ConfirmationCheck',
  'ConfirmationRule',
  'Contact',
  'ContactInput',
  'CovageApi',
  'CovageClient',
  'CovageClientOptions',
  'CovageErrorKind',
  'CreateLineInput',
  'CreateLineOutcome',
  'CreateSessionInput',
  'CreateSessionOutcome',
  'DeleteLineInput',
  'DeleteLineOutcome',
  'ErrorInfo',
  'ExportCsvOptions',
  'ExportCsvResult',
  'ExportProgress',
  'ExportStatus',
  'ExportTask',
  'FailureInfo',
  'FailurePhase',
  'FieldSpelling',
  'FieldSpellingOption',
  'Issue',
  'Lease',
  'LeaseBackend',
  'LeaseHolder',
  'Line',
  'LineChanges',
  'LineContext',
  'LineCounts',
  'LineCreate',
  'LineDraft',
  'LineFailure',
  'LineFailurePhase',
  'LineInput',
  'LineMachine',
  'LineOutcome',
  'LineReport',
  'LineResult',
  'LineStanding',
  'LineState',
  'LineTag',
  'LineUpdate',
  'Logger',
  'OrderFile',
  'OrderSessionMachine',
  'OrderSessionMachineOptions',
  'OrderSessionOptions',
  'ParsedLine',
  'PollOptions',
  'ReadSessionInput',
  'Readiness',
  'ReconcileLineInput',
  'ReconcileLineOutcome',
  'RetryOption',
  'RetryOptions',
  'RuleCode',
  'RuleResult',
  'Session',
  'SessionActor',
  'SessionCheck',
  'SessionCommand',
  'SessionContext',
  'SessionCreate',
  'SessionEvent',
  'SessionFailure',
  'SessionInput',
  'SessionLeases',
  'SessionMachine',
  'SessionMachineOptions',
  'SessionProgressEvent',
  'SessionProgressEventType',
  'SessionResult',
  'SessionResultState',
  'SessionState',
  'SessionTag',
  'SessionWithItems',
  'Severity',
  'SnapshotRecord',
  'SnapshotStore',
  'SnapshotStoreErrorCode',
  'SnapshotSummary',
  'StateChange',
  'TerminationError',
  'UpdateLineInput',
  'UpdateLineOutcome',
];

/** The names a declaration file exports (`export { a, type B } from …` and `export declare …`). */
function declaredNames(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const listed = [...source.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g)].flatMap((match) =>
    (match[1] ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean)
      .map(
        (name) =>
          name
            .replace(/^type\s+/, '')
            .split(/\s+as\s+/)
            .pop() ?? name,
      ),
  );
  const declared = [
    ...source.matchAll(/export\s+declare\s+(?:const|function|class|type|interface)\s+(\w+)/g),
  ].map((match) => match[1] ?? '');
  return [...new Set([...listed, ...declared])].sort();
}

describe('the public API', () => {
  if (!existsSync(join(DIST, 'index.js'))) throw new Error('run "npm run build" first');

  it('the main entry exports exactly the listed values', async () => {
    const main = await import(join(DIST, 'index.js'));
    expect(Object.keys(main).sort()).toEqual([...VALUES].sort());
  });

  it('the main entry exports exactly the listed types', () => {
    const names = declaredNames(join(DIST, 'index.d.ts'));
    expect(names.filter((name) => !VALUES.includes(name))).toEqual([...TYPES].sort());
  });

  it('the main entry lists its exports by name (no export *)', () => {
    expect(readFileSync(join(ROOT, 'src/index.ts'), 'utf8')).not.toMatch(/export\s+\*/);
  });

  it('internals stay out: helpers of the HTTP layer, the persister, other providers', async () => {
    const main = await import(join(DIST, 'index.js'));
    for (const name of [
      'sleep',
      'raceAbort',
      'Persister',
      'luhnValid',
      'createSessionActors',
      'createPostgresStore',
      'createWorker',
      'createFileStore',
    ]) {
      expect(main, name).not.toHaveProperty(name);
    }
    for (const name of Object.keys(main)) expect(name).not.toMatch(/adobe|obapi|orange/i);
  });

  it('tracking is its own entry point, with the follow machine and every provider', async () => {
    const tracking = await import(join(DIST, 'tracking/index.js'));
    for (const name of [
      'trackingMachine',
      'followOrder',
      'createCovageTracker',
      'createAdobeTracker',
      'createObapiTracker',
      'createOrangeOrderingTracker',
      'createOrangeTrackingTracker',
    ]) {
      expect(tracking, name).toHaveProperty(name);
    }
  });

  it('the OAuth grants and the export machine have their own entries, out of the main one', async () => {
    const auth = await import(join(DIST, 'http/auth/oauth.js'));
    expect(Object.keys(auth).sort()).toEqual(['clientCredentials', 'passwordGrant']);
    const csvExport = await import(join(DIST, 'export/index.js'));
    expect(Object.keys(csvExport).sort()).toEqual([
      'DEFAULT_EXPORT_OPTIONS',
      'createExportActors',
      'exportMachine',
    ]);
  });

  it('package.json maps every entry point to a built file', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      exports: Record<string, string | { types: string; default: string }>;
      peerDependencies: Record<string, string>;
      dependencies: Record<string, string>;
    };
    expect(Object.keys(pkg.exports).sort()).toEqual(
      [
        '.',
        './auth',
        './diagrams',
        './export',
        './package.json',
        './sandbox',
        './store/file',
        './store/postgres',
        './testing',
        './tracking',
        './worker',
      ].sort(),
    );
    for (const [entry, target] of Object.entries(pkg.exports)) {
      if (typeof target === 'string') continue;
      expect(existsSync(join(ROOT, target.default)), entry).toBe(true);
      expect(existsSync(join(ROOT, target.types)), entry).toBe(true);
    }
    expect(pkg.peerDependencies).toHaveProperty('xstate');
    expect(pkg.dependencies).not.toHaveProperty('xstate');
  });
});
