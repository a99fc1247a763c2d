import { z } from 'zod';
import { contactInputSchema, contactSchema } from '../schemas/contact.js';
import { sandboxErrorBodySchema } from '../schemas/errors.js';
import { exportStatusSchema, exportTaskSchema } from '../schemas/export.js';
import {
  lineCreateObject,
  lineObject,
  lineUpdateObject,
  stateChangeSchema,
  terminationErrorSchema,
} from '../schemas/line.js';
import { sessionCreateSchema, sessionSchema, sessionWithItemsSchema } from '../schemas/session.js';
import { FAULT_HEADER, FAULT_KINDS } from './faults.js';
import { PASSWORD_CLIENT_ID, TOKEN_PATH } from './routes/oauth.js';

const tokenResponseSchema = z.object({
  access_token: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.number().int(),
  refresh_token: z.string().optional(),
  refresh_expires_in: z.number().int().optional(),
  scope: z.string().optional(),
});

const tokenRequestSchema = z.object({
  grant_type: z.enum(['password', 'refresh_token', 'client_credentials']),
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
  username: z.string().optional(),
  password: z.string().optional(),
  refresh_token: z.string().optional(),
});

const oauthErrorSchema = z.object({
  error: z.enum(['invalid_request', 'invalid_client', 'invalid_grant', 'unsupported_grant_type']),
  error_description: z.string(),
});

/** The components, by name. Line and session bodies are the project's own zod schemas. */
const COMPONENTS = {
  SessionCreate: sessionCreateSchema,
  Session: sessionSchema,
  SessionWithItems: z.looseObject({
    ...sessionWithItemsSchema.shape,
    product_order_item: z.array(lineObject),
  }),
  LineCreate: lineCreateObject,
  LineUpdate: lineUpdateObject,
  Line: lineObject,
  ContactInput: contactInputSchema,
  Contact: contactSchema,
  StateChange: stateChangeSchema,
  TerminationError: terminationErrorSchema,
  ExportTask: exportTaskSchema,
  ExportStatus: exportStatusSchema,
  Error: sandboxErrorBodySchema,
  TokenRequest: tokenRequestSchema,
  TokenResponse: tokenResponseSchema,
  OAuthError: oauthErrorSchema,
} as const;

type ComponentName = keyof typeof COMPONENTS;

/** JSON Schemas of the components (zod 4's JSON Schema output, draft 2020-12 = OpenAPI 3.1). */
function componentSchemas(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(COMPONENTS)) registry.add(schema, { id });
  // Input side: what a client sends, and what a client must accept in an answer.
  const { schemas } = z.toJSONSchema(registry, {
    io: 'input',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema: _dialect, $id: _id, ...rest } = schema as Record<string, unknown>;
      return [id, rest];
    }),
  );
}

const ref = (name: ComponentName) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: ComponentName) => ({ 'application/json': { schema: ref(name) } });

function answer(description: string, name: ComponentName) {
  return { description, content: json(name) };
}

const errors = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((status) => [String(status), answer(ERROR_TEXT[status] ?? 'error', 'Error')]),
  );

const ERROR_TEXT: Record<number, string> = {
  400: 'invalid body or request; `details` lists each field path',
  401: 'no, unknown or expired credentials',
  404: 'unknown id, or another user’s',
  409: 'the session is no longer `created`',
  413: 'body over the size limit',
  415: 'body not sent as application/json',
  429: 'rate limited; see Retry-After',
};

const pathParam = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
});

const SESSION_ID = pathParam('id', 'order session identifier');
const ITEM_ID = pathParam('item_id', 'order line identifier');
const TASK_ID = pathParam('task_id', 'export task identifier');

/** The OpenAPI 3.1 document of everything the sandbox serves. */
export function openApiDocument(options: {
  readSessionEndpoint: boolean;
}): Record<string, unknown> {
  const paths: Record<string, unknown> = {
    '/api/v1/product_order': {
      post: {
        operationId: 'createSession',
        summary: 'Create an order session',
        requestBody: { required: false, content: json('SessionCreate') },
        responses: {
          '201': answer('the order session, `created`', 'Session'),
          ...errors(400, 401, 413, 415),
        },
      },
    },
    '/api/v1/product_order/{id}/product_order_item': {
      post: {
        operationId: 'createLine',
        summary: 'Create an order line (both spellings of aliased fields accepted)',
        parameters: [SESSION_ID],
        requestBody: { required: true, content: json('LineCreate') },
        responses: {
          '201': answer('the order line, `created`', 'Line'),
          ...errors(400, 401, 404, 409, 413, 415),
        },
      },
    },
    '/api/v1/product_order/{id}/product_order_item/{item_id}': {
      patch: {
        operationId: 'updateLine',
        summary: 'Update an order line',
        parameters: [SESSION_ID, ITEM_ID],
        requestBody: { required: true, content: json('LineUpdate') },
        responses: {
          '200': answer('the updated order line', 'Line'),
          ...errors(400, 401, 404, 409, 413, 415),
        },
      },
    },
    '/api/product_order/{product_order_id}/product_order_item/{item_id}/': {
      delete: {
        operationId: 'deleteLine',
        summary: 'Delete an order line (no /v1 in this path, as in the doc)',
        parameters: [pathParam('product_order_id', 'order session identifier'), ITEM_ID],
        responses: {
          '200': answer('the session with its remaining lines', 'SessionWithItems'),
          ...errors(401, 404, 409),
        },
      },
    },
    '/api/v1/product_order/{id}/confirm/': {
      patch: {
        operationId: 'confirmSession',
        summary: 'Confirm the order session; each line’s outcome follows after a delay',
        parameters: [SESSION_ID],
        responses: {
          '200': answer('the session and its lines, `in_progress`', 'SessionWithItems'),
          ...errors(400, 401, 404, 409),
        },
      },
    },
    '/api/v1/product_order/export/csv/': {
      post: {
        operationId: 'startExport',
        summary: 'Start the CSV export (one per user per interval)',
        responses: { '200': answer('the export task', 'ExportTask'), ...errors(401, 429) },
      },
    },
    '/api/v1/product_order/export/{task_id}/status/': {
      get: {
        operationId: 'getExportStatus',
        parameters: [TASK_ID],
        responses: {
          '200': answer('`success`: null running, true ready, false failed', 'ExportStatus'),
          ...errors(401, 404),
        },
      },
    },
    '/api/v1/product_order/export/{task_id}/download/': {
      get: {
        operationId: 'downloadExport',
        parameters: [TASK_ID],
        responses: {
          '200': {
            description: 'one row per order line',
            content: { 'text/csv': { schema: { type: 'string' } } },
          },
          ...errors(401, 404),
        },
      },
    },
    [TOKEN_PATH]: {
      post: {
        operationId: 'token',
        summary: `OAuth 2.0 token endpoint (password and refresh_token with client_id=${PASSWORD_CLIENT_ID}; client_credentials)`,
        security: [],
        requestBody: {
          required: true,
          content: { 'application/x-www-form-urlencoded': { schema: ref('TokenRequest') } },
        },
        responses: {
          '200': answer('the tokens', 'TokenResponse'),
          '400': answer('invalid_request, invalid_grant or unsupported_grant_type', 'OAuthError'),
          '401': answer('invalid_client', 'OAuthError'),
        },
      },
    },
  };
  if (options.readSessionEndpoint)
    paths['/api/v1/product_order/{id}/'] = {
      get: {
        operationId: 'getSession',
        summary:
          'Read an order session and its lines (an assumption: the doc has no read endpoint)',
        parameters: [SESSION_ID],
        responses: {
          '200': answer('the session and its lines', 'SessionWithItems'),
          ...errors(401, 404),
        },
      },
    };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Covage order taking (covage-orders sandbox)',
      version: '1.0.0',
      description: `The order-taking API as the sandbox serves it. Any call may carry ${FAULT_HEADER}: <kind>[;retry-after=<s>][;ms=<n>] with kind one of ${FAULT_KINDS.join(', ')}.`,
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }, { apiKey: [] }, { oauth2: [] }],
    paths,
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
        oauth2: {
          type: 'oauth2',
          flows: {
            password: { tokenUrl: TOKEN_PATH, refreshUrl: TOKEN_PATH, scopes: {} },
            clientCredentials: { tokenUrl: TOKEN_PATH, scopes: {} },
          },
        },
      },
    },
  };
}
