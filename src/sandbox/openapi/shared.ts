/** Small builders of the OpenAPI document: references, answers, headers, parameters. */

export type Schema = Record<string, unknown>;

export const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

export const json = (schema: Schema) => ({ 'application/json': { schema } });

/** The headers an answer may carry, declared once under `components.headers`. */
export const HEADERS = {
  'Retry-After': {
    description: 'seconds (or an HTTP-date) to wait before trying again',
    schema: { type: 'string' },
  },
  'WWW-Authenticate': {
    description: 'the authentication challenge (RFC 9110), e.g. `Bearer realm="covage"`',
    schema: { type: 'string' },
  },
  'X-Total-Count': {
    description: 'Orange: every record matching the query',
    schema: { type: 'string' },
  },
  'X-Result-Count': {
    description: 'Orange: the records of this page',
    schema: { type: 'string' },
  },
  'Content-Disposition': {
    description: 'the file name of a download',
    schema: { type: 'string' },
  },
  'X-Request-Id': { description: 'Adobe: the request id, echoed', schema: { type: 'string' } },
  'X-Correlation-Id': {
    description: 'Adobe: the correlation id, echoed',
    schema: { type: 'string' },
  },
  'X-Sandbox-Injected': {
    description: 'set on an answer the sandbox made up (fault injection): the fault kind',
    schema: { type: 'string' },
  },
  'Cache-Control': { description: 'token answers are never cached', schema: { type: 'string' } },
} as const;

export type HeaderName = keyof typeof HEADERS;

export function headers(...names: HeaderName[]) {
  return Object.fromEntries(names.map((name) => [name, { $ref: `#/components/headers/${name}` }]));
}

export interface Answer {
  description: string;
  content?: Record<string, { schema: Schema }>;
  headers?: Record<string, unknown>;
}

/** A JSON answer with a schema, and the headers it carries. */
export function answer(description: string, schema: Schema, ...names: HeaderName[]): Answer {
  return {
    description,
    content: json(schema),
    ...(names.length > 0 ? { headers: headers(...names) } : {}),
  };
}

export const pathParam = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
});

export const queryParam = (
  name: string,
  description: string,
  schema: Schema = { type: 'string' },
  explode = false,
) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
  ...(explode ? { style: 'form', explode: true } : {}),
});

export const headerParam = (name: string, description: string, required = false) => ({
  name,
  in: 'header',
  required,
  description,
  schema: { type: 'string' },
});

/**
 * The answers any faultable route may give when a fault is injected (`X-Sandbox-Fault`, or at
 * random with `faultRate`), each with `X-Sandbox-Injected`; 429 and 503 carry `Retry-After`.
 */
export function faultAnswers(): Record<string, Answer> {
  const body = ref('Error');
  return {
    '429': answer(
      'rate limited (or injected); see Retry-After',
      body,
      'Retry-After',
      'X-Sandbox-Injected',
    ),
    '500': answer('injected fault', body, 'X-Sandbox-Injected'),
    '502': answer('injected fault', body, 'X-Sandbox-Injected'),
    '503': answer('injected fault; see Retry-After', body, 'Retry-After', 'X-Sandbox-Injected'),
  };
}
