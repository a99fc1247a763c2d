/** The order-taking API's paths (the doc's, trailing slashes as written) and the token endpoint. */
import { FAULT_HEADER } from '../faults.js';
import { PASSWORD_CLIENT_ID, TOKEN_PATH } from '../routes/oauth.js';
import { type Answer, answer, faultAnswers, json, pathParam, ref } from './shared.js';

const ERROR_TEXT: Record<number, string> = {
  400: 'invalid body or request; `details` lists each field path',
  401: 'no, unknown or expired credentials',
  404: 'unknown id, or another user’s',
  409: 'the session is no longer `created`',
  413: 'body over the size limit',
  415: 'body not sent as application/json',
  422: 'a text field over its length limit (`field_too_long`, `details` per field)',
  429: 'rate limited (export starts, with Retry-After) or a per-user quota (`quota_exceeded`)',
};

function errors(...statuses: number[]): Record<string, Answer> {
  return Object.fromEntries(
    statuses.map((status) => [
      String(status),
      status === 401
        ? answer(ERROR_TEXT[401] as string, ref('Error'), 'WWW-Authenticate')
        : status === 429
          ? answer(ERROR_TEXT[429] as string, ref('Error'), 'Retry-After', 'X-Sandbox-Injected')
          : answer(ERROR_TEXT[status] ?? 'error', ref('Error')),
    ]),
  );
}

/** Every API operation may also answer an injected fault. */
const api = (responses: Record<string, Answer>) => ({ ...faultAnswers(), ...responses });

const SESSION_ID = pathParam('id', 'order session identifier');
const ITEM_ID = pathParam('item_id', 'order line identifier');
const TASK_ID = pathParam('task_id', 'export task identifier');
const FAULT = {
  name: FAULT_HEADER,
  in: 'header',
  required: false,
  description:
    'forces one fault: `<kind>[;retry-after=<s>][;ms=<n>]` (see the document description)',
  schema: { type: 'string' },
};

export function orderTakingPaths(options: { readSessionEndpoint: boolean }) {
  const paths: Record<string, unknown> = {
    '/api/v1/product_order': {
      post: {
        operationId: 'createSession',
        summary: 'Create an order session',
        tags: ['order taking'],
        parameters: [FAULT],
        requestBody: { required: false, content: json(ref('SessionCreate')) },
        responses: api({
          '201': answer('the order session, `created`', ref('Session')),
          ...errors(400, 401, 413, 415, 422, 429),
        }),
      },
    },
    '/api/v1/product_order/{id}/product_order_item': {
      post: {
        operationId: 'createLine',
        summary: 'Create an order line (both spellings of aliased fields accepted)',
        tags: ['order taking'],
        parameters: [SESSION_ID, FAULT],
        requestBody: { required: true, content: json(ref('LineCreate')) },
        responses: api({
          '201': answer('the order line, `created`', ref('Line')),
          ...errors(400, 401, 404, 409, 413, 415, 422, 429),
        }),
      },
    },
    '/api/v1/product_order/{id}/product_order_item/{item_id}': {
      patch: {
        operationId: 'updateLine',
        summary: 'Update an order line',
        tags: ['order taking'],
        parameters: [SESSION_ID, ITEM_ID, FAULT],
        requestBody: { required: false, content: json(ref('LineUpdate')) },
        responses: api({
          '200': answer('the updated order line', ref('Line')),
          ...errors(400, 401, 404, 409, 413, 415, 422, 429),
        }),
      },
    },
    '/api/product_order/{product_order_id}/product_order_item/{item_id}/': {
      delete: {
        operationId: 'deleteLine',
        summary: 'Delete an order line (no /v1 in this path, as in the doc)',
        tags: ['order taking'],
        parameters: [pathParam('product_order_id', 'order session identifier'), ITEM_ID, FAULT],
        responses: api({
          '200': answer('the session with its remaining lines', ref('SessionWithItems')),
          ...errors(401, 404, 409),
        }),
      },
    },
    '/api/v1/product_order/{id}/confirm/': {
      patch: {
        operationId: 'confirmSession',
        summary: 'Confirm the order session; each line’s outcome follows after a delay',
        tags: ['order taking'],
        parameters: [SESSION_ID, FAULT],
        responses: api({
          '200': answer('the session and its lines, `in_progress`', ref('SessionWithItems')),
          ...errors(400, 401, 404, 409),
        }),
      },
    },
    '/api/v1/product_order/export/csv/': {
      post: {
        operationId: 'startExport',
        summary: 'Start the CSV export (one per user per interval)',
        tags: ['export'],
        parameters: [
          FAULT,
          {
            name: 'X-Sandbox-Export',
            in: 'header',
            required: false,
            description: '`fail`: the task ends with `success: false`',
            schema: { type: 'string' },
          },
        ],
        responses: api({
          '200': answer('the export task', ref('ExportTask')),
          ...errors(401, 429),
        }),
      },
    },
    '/api/v1/product_order/export/{task_id}/status/': {
      get: {
        operationId: 'getExportStatus',
        summary: 'The state of an export task',
        tags: ['export'],
        parameters: [TASK_ID, FAULT],
        responses: api({
          '200': answer('`success`: null running, true ready, false failed', ref('ExportStatus')),
          ...errors(401, 404),
        }),
      },
    },
    '/api/v1/product_order/export/{task_id}/download/': {
      get: {
        operationId: 'downloadExport',
        summary: 'The CSV file of a finished export (columns: docs/sandbox.md)',
        tags: ['export'],
        parameters: [TASK_ID, FAULT],
        responses: api({
          '200': {
            description: 'one row per order line (a session without lines: one row)',
            content: { 'text/csv': { schema: { type: 'string' } } },
            headers: {
              'Content-Disposition': { $ref: '#/components/headers/Content-Disposition' },
            },
          },
          ...errors(401, 404),
        }),
      },
    },
    [TOKEN_PATH]: {
      post: {
        operationId: 'token',
        summary: `OAuth 2.0 token endpoint (password and refresh_token with client_id=${PASSWORD_CLIENT_ID}; client_credentials)`,
        tags: ['authentication'],
        security: [],
        parameters: [FAULT],
        requestBody: {
          required: true,
          content: { 'application/x-www-form-urlencoded': { schema: ref('TokenRequest') } },
        },
        responses: api({
          '200': answer('the tokens', ref('TokenResponse'), 'Cache-Control'),
          '400': answer(
            'invalid_request, invalid_grant or unsupported_grant_type',
            ref('OAuthError'),
          ),
          '401': answer('invalid_client', ref('OAuthError'), 'WWW-Authenticate'),
        }),
      },
    },
  };
  if (options.readSessionEndpoint)
    paths['/api/v1/product_order/{id}/'] = {
      get: {
        operationId: 'getSession',
        summary:
          'Read an order session and its lines (an assumption: the doc has no read endpoint)',
        tags: ['order taking'],
        parameters: [SESSION_ID, FAULT],
        responses: api({
          '200': answer('the session and its lines', ref('SessionWithItems')),
          ...errors(401, 404),
        }),
      },
    };
  return paths;
}
