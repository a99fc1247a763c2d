/**
 * covage-orders — the browser-safe entry point, by name: the machines, the session runtime, the
 * rules, the Covage schemas and types, the client and its auth, the errors. It imports xstate
 * (a peer dependency) and zod only.
 *
 * Other entry points: `covage-orders/auth` (the OAuth grants, for servers), `covage-orders/tracking` (the tracking adapters of five order APIs and the
 * follow machine), `covage-orders/export` (the CSV export machine), `covage-orders/testing` (test models and sandbox helpers for model-based
 * tests), `covage-orders/diagrams` (Mermaid from the machines), and, Node only,
 * `covage-orders/sandbox`, `covage-orders/store/file`, `covage-orders/store/postgres` and
 * `covage-orders/worker`.
 */

// The machines (their actors are named, not provided: see createOrderSessionMachine).
export {
  type CreateLineInput,
  type CreateLineOutcome,
  type DeleteLineInput,
  type DeleteLineOutcome,
  LINE_STANDINGS,
  type LineContext,
  type LineFailure,
  type LineFailurePhase,
  type LineInput,
  type LineMachine,
  type LineStanding,
  type LineTag,
  lineMachine,
  type OrderFound,
  type ReconcileLineInput,
  type ReconcileLineOutcome,
  type UpdateLineInput,
  type UpdateLineOutcome,
} from '../machines/line/index.js';
export {
  type AwaitedLine,
  CONFIRMATION_RULES,
  type ConfirmationRule,
  type ConfirmSessionInput,
  type ConfirmSessionOutcome,
  type CreateSessionInput,
  type CreateSessionOutcome,
  DEFAULT_SESSION_OPTIONS,
  type ExportWindow,
  type FailurePhase,
  type FollowInput,
  type LineCounts,
  type PollOptions,
  type ReadExportOutcome,
  type ReadSessionInput,
  type SessionCommand,
  type SessionContext,
  type SessionEvent,
  type SessionFailure,
  type SessionInput,
  type SessionMachine,
  type SessionMachineOptions,
  type SessionOutcomeState,
  type SessionProgressEvent,
  type SessionProgressEventType,
  type SessionTag,
  type SessionWaiting,
  sessionMachine,
  type TrackOrdersOutcome,
} from '../machines/session/index.js';
export type { FailureInfo } from '../machines/shared/failure.js';
// The client and its auth.
export type { CallOptions, CovageApi } from './client/api.js';
export { type CovageClient, createCovageClient } from './client/covageClient.js';
export type { ExportCsvOptions, ExportCsvResult, ExportProgress } from './client/exportCsv.js';
export type { ExportedSessions, ExportWant } from './client/exportFile.js';
export { readExportFile } from './client/exportFile.js';
export { type ExportLook, ExportReader } from './client/exportReader.js';
export type { CovageClientOptions, OrderLister } from './client/options.js';
export {
  SESSION_READ_MODES,
  type SessionReadAvailability,
  type SessionReadMode,
  SessionReadState,
  type SessionReadSwitch,
} from './client/sessionRead.js';
// The OAuth grants (a password or a client secret: servers only) are in covage-orders/auth.
export {
  type ApiKeyOptions,
  type AuthProvider,
  type AuthRequest,
  apiKey,
  bearerToken,
  combineAuth,
} from './http/auth/index.js';
export { type ErrorInfo, errorInfo } from './http/errorInfo.js';
// Errors.
export {
  CovageAbortError,
  CovageAmbiguousWriteError,
  CovageAuthError,
  CovageConfigError,
  CovageError,
  type CovageErrorKind,
  CovageExportError,
  CovageHttpError,
  CovageNetworkError,
  CovageRateLimitError,
  CovageReadUnavailableError,
  CovageResponseError,
  isCovageError,
} from './http/errors.js';
export type { Logger } from './http/logger.js';
export { DEFAULT_RETRY, type RetryOption, type RetryOptions } from './http/retry.js';
// One runner per session: leases (a store's `leases`; file leases are in covage-orders/store/file).
export { HeldLease, type LeaseBackend, newHolder } from './lease/heldLease.js';
export { LeaseLostError } from './lease/leaseLostError.js';
export { SessionLockedError } from './lease/sessionLockedError.js';
export type { AcquireOptions, Lease, LeaseHolder, SessionLeases } from './lease/types.js';
// The doc's rules.
export {
  type CheckOptions,
  type ConfirmationCheck,
  CPE_FIELDS,
  CPE_OPTION_ID,
  checkConfirmation,
  createConfirmationChecker,
} from './rules/checkConfirmation.js';
export { checkSession, type LineReport, type SessionCheck } from './rules/checkSession.js';
export { DIA_OFFER_FAMILY, isDiaLine } from './rules/dia.js';
export type { Issue, RuleCode, Severity } from './rules/issue.js';
export { finalStateOf, type LineOutcome, lineOutcome } from './rules/lifecycle.js';
export {
  type LineChanges,
  type LineDraft,
  type ParsedLine,
  parseLine,
} from './rules/parseLine.js';
export { isValidSiret } from './rules/siret.js';
// Running a session.
export {
  CommandNotAllowedError,
  createOrderSession,
  InvalidLineError,
  type LineResult,
  OrderSession,
  type OrderSessionOptions,
  resumeOrderSession,
  type SessionActor,
  type SessionResult,
  type SessionResultState,
} from './runtime/orderSession.js';
export {
  createOrderSessionMachine,
  type OrderSessionMachine,
  type OrderSessionMachineOptions,
} from './runtime/orderSessionMachine.js';
export { type Readiness, type RuleResult, readiness } from './runtime/readiness.js';
export { describeWaiting } from './runtime/waiting.js';
// The Covage order-taking schemas and types.
export {
  CONTACT_REQUIRED_AT_CONFIRMATION,
  type Contact,
  type ContactInput,
  contactInputSchema,
  contactSchema,
} from './schemas/contact.js';
export { type ApiErrorBody, apiErrorBodySchema } from './schemas/errors.js';
export {
  type ExportStatus,
  type ExportTask,
  exportStatusSchema,
  exportTaskSchema,
} from './schemas/export.js';
export {
  type Line,
  type LineCreate,
  type LineUpdate,
  lineCreateSchema,
  lineSchema,
  lineUpdateSchema,
  type StateChange,
  type TerminationError,
} from './schemas/line.js';
export { type OrderFile, orderFileSchema } from './schemas/orderFile.js';
export {
  type Session,
  type SessionCreate,
  type SessionWithItems,
  sessionCreateSchema,
  sessionSchema,
  sessionWithItemsSchema,
} from './schemas/session.js';
export {
  EXAMPLE_SPELLING,
  type FieldSpelling,
  type FieldSpellingOption,
  resolveSpelling,
  TABLE_SPELLING,
  toWireSpelling,
} from './schemas/spelling.js';
export {
  FINAL_SESSION_STATES,
  LINE_STATES,
  type LineState,
  SESSION_STATES,
  type SessionState,
} from './schemas/states.js';
export { createMemoryStore } from './store/memory.js';
export {
  type SnapshotRecord,
  type SnapshotStore,
  SnapshotStoreError,
  type SnapshotStoreErrorCode,
  type SnapshotSummary,
} from './store/snapshotRecord.js';
