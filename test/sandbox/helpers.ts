import { afterAll, beforeAll } from 'vitest';
import { sampleContact } from '../../scripts/shared/sampleLine.js';
import {
  type SandboxClock,
  type SandboxHandle,
  type SandboxOptions,
  startSandbox,
} from '../../src/sandbox/index.js';

/** A clock a test moves by hand. Starts on 2025-04-23 08:00 UTC. */
export class ManualClock implements SandboxClock {
  constructor(public ms = Date.UTC(2025, 3, 23, 8, 0, 0)) {}
  now(): number {
    return this.ms;
  }
  advance(ms: number) {
    this.ms += ms;
  }
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: test answers are read loosely
  body: any;
}

export interface RequestOptions {
  body?: unknown;
  /** Sent as is (no JSON encoding). */
  raw?: string;
  headers?: Record<string, string>;
  token?: string | null;
}

/** A tiny HTTP helper over the global fetch: JSON in, JSON (or text) out. */
export function api(base: string, defaultToken: string | null = 'sandbox-token') {
  return async function call(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { ...options.headers };
    const token = options.token === undefined ? defaultToken : options.token;
    if (token !== null && !('authorization' in headers) && !('Authorization' in headers))
      headers.Authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (options.raw !== undefined) body = options.raw;
    else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['Content-Type'] ??= 'application/json';
    }
    const response = await fetch(`${base}${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    if (response.headers.get('content-type')?.includes('json')) parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, text, body: parsed };
  };
}

export type Call = ReturnType<typeof api>;

/** Starts one sandbox for the file's tests and closes it after them. */
export function useSandbox(options: SandboxOptions = {}) {
  const holder: { handle: SandboxHandle; call: Call; admin: () => Promise<SandboxState> } =
    {} as never;
  beforeAll(async () => {
    holder.handle = await startSandbox(options);
    holder.call = api(holder.handle.url, options.tokens?.[0] ?? 'sandbox-token');
    holder.admin = () => sandboxState(holder.handle);
  });
  afterAll(async () => {
    await holder.handle?.close();
  });
  return holder;
}

export interface SandboxState {
  // biome-ignore lint/suspicious/noExplicitAny: inspection data is read loosely
  sessions: any[];
  // biome-ignore lint/suspicious/noExplicitAny: inspection data is read loosely
  exports: any[];
  requests: { total: number; byRoute: Record<string, number> };
  faults: Record<string, number>;
}

export async function sandboxState(handle: SandboxHandle): Promise<SandboxState> {
  const response = await fetch(`${handle.url}/__sandbox/state`, {
    headers: { Authorization: `Bearer ${handle.adminToken}` },
  });
  if (response.status !== 200) throw new Error(`state: ${response.status}`);
  return (await response.json()) as SandboxState;
}

/** A contact with every field the confirmation needs (the shared sample). */
export const contact = sampleContact;

/** A line that passes every confirmation rule. */
export function readyLine(overrides: Record<string, unknown> = {}) {
  return {
    external_id: 'ACME-01',
    product_offering_id: '2173',
    product_offering_qualification_item_id: 'd5a4a9aa-ba2c-4f53-95c7-0c1ce6f6e7fa',
    end_customer_name: 'Boulangerie Martin',
    offer_family: 'BPE',
    offer_technology: 'FIBDE',
    enni: 'AZ001234',
    vlan_reference: 1257,
    option_ids: ['2210'],
    siret_known: true,
    related_contact_information: [contact()],
    ...overrides,
  };
}

/** Only what creation needs: not ready to confirm (no enni, no contact). */
export function bareLine(overrides: Record<string, unknown> = {}) {
  return {
    product_offering_id: '2173',
    product_offering_qualification_item_id: 'q-1',
    ...overrides,
  };
}

/** Creates a session with the given lines; returns its id and the created lines. */
export async function sessionWith(call: Call, lines: unknown[], token?: string) {
  const created = await call('POST', '/api/v1/product_order', { body: {}, token });
  if (created.status !== 201) throw new Error(`create session: ${created.status} ${created.text}`);
  const id: string = created.body.id;
  // biome-ignore lint/suspicious/noExplicitAny: test answers are read loosely
  const items: any[] = [];
  for (const line of lines) {
    const answer = await call('POST', `/api/v1/product_order/${id}/product_order_item`, {
      body: line,
      token,
    });
    if (answer.status !== 201) throw new Error(`create line: ${answer.status} ${answer.text}`);
    items.push(answer.body);
  }
  return { id, items };
}
