/**
 * The document's schemas: the project's zod schemas of the bodies (zod 4's JSON Schema output,
 * draft 2020-12 = OpenAPI 3.1, through zod's core functions, so classic and mini schemas both
 * work), and a few written here for what only the sandbox answers.
 */
import { registry, toJSONSchema } from 'zod/v4/core';
import { contactInputSchema, contactSchema } from '../../schemas/contact.js';
import { sandboxErrorBodySchema } from '../../schemas/errors.js';
import { exportStatusSchema, exportTaskSchema } from '../../schemas/export.js';
import {
  lineCreateObject,
  lineObject,
  lineUpdateObject,
  stateChangeSchema,
  terminationErrorSchema,
} from '../../schemas/line.js';
import { sessionCreateSchema, sessionSchema } from '../../schemas/session.js';
import { FIELD_ALIASES } from '../../schemas/spelling.js';
import { adobeOrderSchema, adobePageSchema } from '../../tracking/providers/adobe/schema.js';
import {
  covageOrderPageSchema,
  covageOrderSchema,
  covageOrderStateChangeSchema,
} from '../../tracking/providers/covage/schema.js';
import { obapiPageSchema, obapiSingleSchema } from '../../tracking/providers/obapi/schema.js';
import {
  orangeErrorSchema,
  orangeOrderSchema,
  orangeRequestSchema,
} from '../../tracking/providers/orange/schema.js';
import { ref, type Schema } from './shared.js';

const ZOD_COMPONENTS = {
  SessionCreate: sessionCreateSchema,
  Session: sessionSchema,
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
  CovageOrder: covageOrderSchema,
  CovageOrderPage: covageOrderPageSchema,
  CovageOrderStateChange: covageOrderStateChangeSchema,
  OrangeRequest: orangeRequestSchema,
  OrangeOrder: orangeOrderSchema,
  OrangeError: orangeErrorSchema,
  ObapiPage: obapiPageSchema,
  ObapiSingle: obapiSingleSchema,
  AdobeOrder: adobeOrderSchema,
  AdobePage: adobePageSchema,
} as const;

const string = { type: 'string' };
const count = { type: 'integer', minimum: 0 };
const anyObject = { type: 'object' };

/** Schemas of what only the sandbox answers (its own routes, its token and error bodies). */
const OWN_COMPONENTS: Record<string, Schema> = {
  SessionWithItems: {
    allOf: [ref('Session')],
    type: 'object',
    properties: { product_order_item: { type: 'array', items: ref('Line') } },
    required: ['id', 'product_order_item'],
  },
  TokenRequest: {
    type: 'object',
    properties: {
      grant_type: { enum: ['password', 'refresh_token', 'client_credentials'] },
      client_id: string,
      client_secret: string,
      username: string,
      password: string,
      refresh_token: string,
    },
    required: ['grant_type'],
  },
  TokenResponse: {
    type: 'object',
    properties: {
      access_token: string,
      token_type: { const: 'Bearer' },
      expires_in: { type: 'integer' },
      refresh_token: string,
      refresh_expires_in: { type: 'integer' },
      scope: string,
    },
    required: ['access_token', 'token_type', 'expires_in'],
  },
  OAuthError: {
    type: 'object',
    properties: {
      error: {
        enum: ['invalid_request', 'invalid_client', 'invalid_grant', 'unsupported_grant_type'],
      },
      error_description: string,
    },
    required: ['error', 'error_description'],
  },
  OrangeToken: {
    type: 'object',
    properties: { token_type: { const: 'Bearer' }, access_token: string, expires_in: count },
    required: ['token_type', 'access_token', 'expires_in'],
  },
  ObapiError: {
    type: 'object',
    properties: {
      error: {
        type: 'object',
        properties: { code: { type: 'integer' }, message: string },
        required: ['code', 'message'],
      },
    },
    required: ['error'],
  },
  AdobeError: {
    type: 'object',
    properties: {
      code: string,
      message: string,
      additionalDetails: { type: 'array', items: string },
    },
    required: ['code', 'message'],
  },
  DashboardView: {
    type: 'object',
    description: 'every session the sandbox holds, as the dashboard shows it (docs/dashboard.md)',
    properties: { sessions: { type: 'array', items: anyObject } },
    required: ['sessions'],
  },
  SandboxState: {
    type: 'object',
    properties: {
      now: { type: 'number' },
      sessions: {
        type: 'array',
        items: {
          allOf: [ref('SessionWithItems')],
          type: 'object',
          properties: { user: string },
          required: ['user', 'state'],
        },
      },
      exports: { type: 'array', items: anyObject },
      requests: ref('RequestCounts'),
      faults: { type: 'object', additionalProperties: count },
    },
    required: ['now', 'sessions', 'exports', 'requests', 'faults'],
  },
  SandboxCounts: {
    type: 'object',
    properties: {
      now: { type: 'number' },
      sessions: count,
      lines: count,
      bytes: count,
      users: count,
      exports: count,
      tokens: count,
      watchers: {
        type: 'object',
        properties: {
          watchers: count,
          behind: count,
          bytesInFlight: count,
          dropped: count,
          turnedAway: count,
        },
        required: ['watchers', 'behind', 'dropped', 'turnedAway'],
      },
      memory: {
        type: 'object',
        properties: { rss: count, heapUsed: count },
        required: ['rss', 'heapUsed'],
      },
      requests: ref('RequestCounts'),
      faults: { type: 'object', additionalProperties: count },
    },
    required: ['now', 'sessions', 'lines', 'bytes', 'users', 'watchers', 'memory', 'requests'],
  },
  RequestCounts: {
    type: 'object',
    properties: {
      total: count,
      byRoute: { type: 'object', additionalProperties: count },
    },
    required: ['total', 'byRoute'],
  },
  SandboxTracking: {
    type: 'object',
    properties: {
      now: { type: 'number' },
      start: { type: 'number' },
      seedOrders: count,
      progressStepMs: count,
      orange: anyObject,
      adobe: anyObject,
    },
    required: ['now', 'seedOrders'],
  },
  CovageOrderHistory: {
    description: 'the history, oldest first',
    type: 'array',
    items: ref('CovageOrderStateChange'),
  },
};

/** The line fields a request may also spell as the doc's examples do (`enni2`, …). */
function withAliases(schema: Schema): Schema {
  const properties = { ...(schema.properties as Record<string, Schema>) };
  for (const [canonical, alias] of Object.entries(FIELD_ALIASES)) {
    const own = properties[canonical];
    if (own && !properties[alias])
      properties[alias] = { ...own, description: `the doc's examples' spelling of ${canonical}` };
  }
  return { ...schema, properties };
}

/** Every component schema, by name. */
export function componentSchemas(): Record<string, Schema> {
  const components = registry<{ id: string }>();
  for (const [id, schema] of Object.entries(ZOD_COMPONENTS)) components.add(schema, { id });
  // Input side: what a client sends, and what a client must accept in an answer.
  const { schemas } = toJSONSchema(components, {
    io: 'input',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  });
  const fromZod = Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema: _dialect, $id: _id, ...rest } = schema as Record<string, unknown>;
      return [id, id === 'LineCreate' || id === 'LineUpdate' ? withAliases(rest) : rest];
    }),
  );
  return { ...fromZod, ...OWN_COMPONENTS };
}
