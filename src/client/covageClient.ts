import { sleep as defaultSleep } from '../http/abort.js';
import { CovageReadUnavailableError } from '../http/errors.js';
import {
  createHttpClient,
  errorFromStatus,
  type HttpClient,
  type HttpRequest,
} from '../http/httpClient.js';
import { safeLogger } from '../http/logger.js';
import { parseBody } from '../http/parse.js';
import { describeErrorBody } from '../schemas/errors.js';
import { exportStatusSchema, exportTaskSchema } from '../schemas/export.js';
import { lineSchema } from '../schemas/line.js';
import { sessionSchema, sessionWithItemsSchema } from '../schemas/session.js';
import { resolveSpelling, toWireSpelling } from '../schemas/spelling.js';
import type { CovageOrderFilter } from '../tracking/providers/covage/tracker.js';
import type { CallOptions, CovageApi } from './api.js';
import { type ExportCsvOptions, type ExportCsvResult, runCsvExport } from './exportCsv.js';
import { ExportReader } from './exportReader.js';
import type { CovageClientOptions, OrderLister } from './options.js';
import { paths } from './paths.js';
import { type SessionReadMode, SessionReadState } from './sessionRead.js';

export interface CovageClient extends CovageApi {
  readonly sessionRead: SessionReadState;
  readonly exports: ExportReader;
  /** Start, wait, download: the CSV export in one call (see `ExportCsvOptions`). */
  exportCsv(options?: ExportCsvOptions): Promise<ExportCsvResult>;
}

function call(options: CallOptions | undefined): Pick<HttpRequest, 'signal' | 'headers'> {
  return {
    ...(options?.signal ? { signal: options.signal } : {}),
    ...(options?.headers ? { headers: options.headers } : {}),
  };
}

/**
 * The typed Covage order-taking client. Bodies are taken in the tables' spelling and sent in the
 * configured one; every answer is parsed with the package's schemas (both spellings read).
 * Writes follow the retry rules of `http/retry.ts`: a POST or the confirm PATCH whose fate is
 * unknown raises `CovageAmbiguousWriteError` and is never sent twice.
 */
export function createCovageClient(options: CovageClientOptions): CovageClient {
  const spelling = resolveSpelling(options.fieldSpelling);
  const readState = new SessionReadState(readModeOf(options));
  const logger = safeLogger(options.logger);
  const sleep = options.sleep ?? defaultSleep;
  const http: HttpClient = createHttpClient({
    baseUrl: options.baseUrl,
    auth: options.auth,
    describeErrorBody,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.retry === undefined ? {} : { retry: options.retry }),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.allowInsecureHttp ? { allowInsecureHttp: true } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.random ? { random: options.random } : {}),
    sleep,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
  });

  let exportReader: ExportReader | null = null;
  const where = (method: string, path: string) => ({
    method,
    path: new URL(path.replace(/^\//, ''), http.baseUrl.href.replace(/\/?$/, '/')).pathname,
  });

  const client: CovageClient = {
    async createSession(body, callOptions) {
      const path = paths.sessions();
      const response = await http.request({
        method: 'POST',
        path,
        json: body,
        ...call(callOptions),
      });
      return parseBody(sessionSchema, response.body, where('POST', path));
    },

    async createLine(sessionId, body, callOptions) {
      const path = paths.lines(sessionId);
      const response = await http.request({
        method: 'POST',
        path,
        json: toWireSpelling(body, spelling),
        ...call(callOptions),
      });
      return parseBody(lineSchema, response.body, where('POST', path));
    },

    async updateLine(sessionId, lineId, body, callOptions) {
      const path = paths.line(sessionId, lineId);
      const response = await http.request({
        method: 'PATCH',
        path,
        json: toWireSpelling(body, spelling),
        idempotent: true,
        ...call(callOptions),
      });
      return parseBody(lineSchema, response.body, where('PATCH', path));
    },

    async deleteLine(sessionId, lineId, callOptions) {
      const path = paths.deleteLine(sessionId, lineId);
      const response = await http.request({
        method: 'DELETE',
        path,
        acceptStatus: [404],
        ...call(callOptions),
      });
      if (response.status === 404) {
        // An earlier attempt may have deleted it: read the session back to be sure.
        if (response.earlierAttemptMayHaveBeenProcessed && readState.usable) {
          return client.getSession(sessionId, callOptions);
        }
        const { path: fullPath } = where('DELETE', path);
        const summary = describeErrorBody(response.body);
        throw errorFromStatus(404, 'DELETE', fullPath, response.body, summary ? { summary } : {});
      }
      return parseBody(sessionWithItemsSchema, response.body, where('DELETE', path));
    },

    sessionRead: readState,

    get exports() {
      exportReader ??= new ExportReader(client, {
        ...(options.exportIntervalMs === undefined ? {} : { intervalMs: options.exportIntervalMs }),
        ...(options.clock ? { clock: options.clock } : {}),
        sleep,
      });
      return exportReader;
    },

    ...(options.orders
      ? {
          listOrders: (filter: CovageOrderFilter, callOptions?: CallOptions) =>
            (options.orders as OrderLister).list(
              filter,
              callOptions?.signal ? { signal: callOptions.signal } : {},
            ),
        }
      : {}),

    async confirmSession(sessionId, callOptions) {
      const path = paths.confirm(sessionId);
      // Not idempotent: a second confirm answers 409. Never re-sent after an ambiguous failure.
      const response = await http.request({
        method: 'PATCH',
        path,
        idempotent: false,
        ...call(callOptions),
      });
      return parseBody(sessionWithItemsSchema, response.body, where('PATCH', path));
    },

    async getSession(sessionId, callOptions) {
      const path = paths.session(sessionId);
      if (!readState.usable)
        throw readUnavailable(readState.mode === 'off' ? 'off' : 'unavailable');
      // Under auto, until the read answered once: 404, 405 and 501 say the route is missing.
      const probing = readState.mode === 'auto' && readState.availability === 'unknown';
      const response = await http.request({
        method: 'GET',
        path,
        ...(probing ? { acceptStatus: [404, 405, 501] } : {}),
        ...call(callOptions),
      });
      if (response.status < 200 || response.status >= 300) {
        const { path: fullPath } = where('GET', path);
        if (readState.switchOn(response.status, fullPath)) {
          logger.warn('session_read.switched', { status: response.status, path: fullPath });
          throw readUnavailable('unavailable', response.status, fullPath);
        }
        if (!readState.usable) throw readUnavailable('unavailable');
        const summary = describeErrorBody(response.body);
        throw errorFromStatus(
          response.status,
          'GET',
          fullPath,
          response.body,
          summary ? { summary } : {},
        );
      }
      readState.markAvailable();
      return parseBody(sessionWithItemsSchema, response.body, where('GET', path));
    },

    async startExport(callOptions) {
      const path = paths.startExport();
      const response = await http.request({ method: 'POST', path, ...call(callOptions) });
      return parseBody(exportTaskSchema, response.body, where('POST', path));
    },

    async getExportStatus(taskId, callOptions) {
      const path = paths.exportStatus(taskId);
      const response = await http.request({ method: 'GET', path, ...call(callOptions) });
      return parseBody(exportStatusSchema, response.body, where('GET', path));
    },

    async downloadExport(taskId, callOptions) {
      const path = paths.exportDownload(taskId);
      const response = await http.request<ReadableStream<Uint8Array> | null>({
        method: 'GET',
        path,
        responseType: 'stream',
        ...call(callOptions),
        headers: { Accept: 'text/csv', ...callOptions?.headers },
      });
      return response.body ?? new ReadableStream<Uint8Array>({ start: (c) => c.close() });
    },

    exportCsv(exportOptions) {
      return runCsvExport(
        {
          // The start's 429 is waited out by runCsvExport itself, with a countdown.
          start: async (callOptions) => {
            const path = paths.startExport();
            const response = await http.request({
              method: 'POST',
              path,
              retry: { maxRetryAfterMs: -1 },
              ...call(callOptions),
            });
            return parseBody(exportTaskSchema, response.body, where('POST', path));
          },
          status: (taskId, callOptions) => client.getExportStatus(taskId, callOptions),
          download: (taskId, callOptions) => client.downloadExport(taskId, callOptions),
        },
        sleep,
        exportOptions,
      );
    },
  };
  return client;
}

/** `sessionRead`, or the older `readSessionEndpoint` (true: on, false: off); default `auto`. */
function readModeOf(options: CovageClientOptions): SessionReadMode {
  if (options.sessionRead) return options.sessionRead;
  if (options.readSessionEndpoint === undefined) return 'auto';
  return options.readSessionEndpoint ? 'on' : 'off';
}

function readUnavailable(
  reason: 'off' | 'unavailable',
  status?: number,
  path = '/api/v1/product_order/{id}/',
): CovageReadUnavailableError {
  const message =
    reason === 'off'
      ? 'reading a session back (GET /api/v1/product_order/{id}/) is turned off (sessionRead: off): the documented paths are used'
      : status === undefined
        ? 'the API has no session read (GET /api/v1/product_order/{id}/): the documented paths are used'
        : `GET ${path} answered ${status}: the API has no session read, the documented paths (order tracking, CSV export) are used from now on`;
  return new CovageReadUnavailableError(message, reason, status);
}
