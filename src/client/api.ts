import type { ExportStatus, ExportTask } from '../schemas/export.js';
import type { Line, LineCreate, LineUpdate } from '../schemas/line.js';
import type { Session, SessionCreate, SessionWithItems } from '../schemas/session.js';
import type { CovageOrder } from '../tracking/providers/covage/schema.js';
import type { CovageOrderFilter } from '../tracking/providers/covage/tracker.js';
import type { NormalizedOrder } from '../tracking/types.js';
import type { ExportReader } from './exportReader.js';
import type { SessionReadState } from './sessionRead.js';

export interface CallOptions {
  /** Aborts the call (and its retries). */
  signal?: AbortSignal;
  /**
   * Extra headers for this call only, sent on every attempt (e.g. a correlation id, or a test's
   * `X-Sandbox-Fault`). They are never logged.
   */
  headers?: Record<string, string>;
}

/**
 * The Covage order-taking API, one method per endpoint. Bodies are in the tables' spelling
 * (see `schemas/spelling.ts`); the client converts them to the configured wire spelling.
 * The machines depend on this interface only, never on the HTTP client itself.
 */
export interface CovageApi {
  /** `POST /api/v1/product_order` */
  createSession(body: SessionCreate, options?: CallOptions): Promise<Session>;
  /** `POST /api/v1/product_order/{id}/product_order_item` */
  createLine(sessionId: string, body: LineCreate, options?: CallOptions): Promise<Line>;
  /** `PATCH /api/v1/product_order/{id}/product_order_item/{item_id}` */
  updateLine(
    sessionId: string,
    lineId: string,
    body: LineUpdate,
    options?: CallOptions,
  ): Promise<Line>;
  /** `DELETE /api/product_order/{product_order_id}/product_order_item/{item_id}/` (no `v1`) */
  deleteLine(sessionId: string, lineId: string, options?: CallOptions): Promise<SessionWithItems>;
  /** `PATCH /api/v1/product_order/{id}/confirm/` */
  confirmSession(sessionId: string, options?: CallOptions): Promise<SessionWithItems>;
  /** `GET /api/v1/product_order/{id}/` — an assumption: the doc documents no read endpoint. */
  getSession(sessionId: string, options?: CallOptions): Promise<SessionWithItems>;
  /** `POST /api/v1/product_order/export/csv/` */
  startExport(options?: CallOptions): Promise<ExportTask>;
  /** `GET /api/v1/product_order/export/{task_id}/status/` */
  getExportStatus(taskId: string, options?: CallOptions): Promise<ExportStatus>;
  /** `GET /api/v1/product_order/export/{task_id}/download/` — the CSV as a byte stream. */
  downloadExport(taskId: string, options?: CallOptions): Promise<ReadableStream<Uint8Array>>;
  /**
   * Whether `getSession` is used, and what `auto` has learnt (see `SessionReadState`). An API
   * without it is read as `on`.
   */
  readonly sessionRead?: SessionReadState;
  /** The CSV export as a read of sessions, one start per interval for all sessions. */
  readonly exports?: ExportReader;
  /**
   * Covage order tracking, `GET /api/v1/order/` (every page): the orders confirmed lines became.
   * Without it, the outcome without the session read comes from the CSV export alone.
   */
  listOrders?(
    filter: CovageOrderFilter,
    options?: CallOptions,
  ): AsyncIterable<NormalizedOrder<CovageOrder>>;
}
