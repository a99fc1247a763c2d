/**
 * Hostile bodies at the sandbox: generated bodies (see hostileInput.ts) sent over HTTP to every
 * write endpoint and the token endpoint, with real ids mostly (so they reach body validation) and
 * odd path segments sometimes. The sandbox must answer each with a 2xx or a 4xx: never a 5xx,
 * never a dropped connection; and it must still serve a valid request at the end.
 */
import { startSandbox } from '../../src/sandbox/index.js';
import { chunks, mapPool } from '../shared/pool.js';
import { type BodyTarget, type HostileBody, sampleHostileBodies } from './hostileInput.js';
import { pollutionSince, prototypeSnapshot } from './pollution.js';
import { randomSecret } from './random.js';
import type { SecretScanner } from './secrets.js';

export interface HostileBodiesOptions {
  count: number;
  seed: number;
  scanner: SecretScanner;
  concurrency?: number;
}

export interface HostileBodiesReport {
  requests: number;
  byStatus: Record<string, number>;
  serverErrors: number;
  droppedConnections: number;
  /** The sandbox still creates a session and a line afterwards. */
  stillServing: boolean;
  /** Keys that appeared on built-in prototypes while the sandbox (in-process) read them. */
  pollutedKeys: string[];
  problems: string[];
  durationMs: number;
}

/** Where the requests aim: editable sessions (writes reach body validation), confirmed ones. */
interface Targets {
  editable: { id: string; lines: string[] }[];
  confirmed: string[];
}

const MAX_PROBLEMS = 20;
const TOKEN_PATH = '/auth/realms/covage/protocol/openid-connect/token';

function describeFailure(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const message = error instanceof Error ? error.message : String(error);
  return cause ? `${message}: ${cause.code ?? cause.message ?? 'unknown cause'}` : message;
}

function pick<T>(items: readonly T[], n: number): T {
  return items[n % items.length] as T;
}

/** The method and path of a request; an odd id replaces the real ones when the sample has one. */
function pathFor(
  target: BodyTarget,
  targets: Targets,
  n: number,
  oddId: string | null,
): [string, string] {
  const session = pick(targets.editable, n);
  const odd = oddId === null ? null : encodeURIComponent(oddId.replace(/[\ud800-\udfff]/g, '?'));
  const id = odd ?? session.id;
  switch (target) {
    case 'createSession':
      return ['POST', '/api/v1/product_order'];
    case 'createLine':
      return ['POST', `/api/v1/product_order/${id}/product_order_item`];
    case 'updateLine':
      // The first two lines of each session are never deleted.
      return [
        'PATCH',
        `/api/v1/product_order/${id}/product_order_item/${odd ?? pick(session.lines.slice(0, 2), n)}`,
      ];
    case 'deleteLine':
      return ['DELETE', `/api/product_order/${id}/product_order_item/${odd ?? session.lines[2]}/`];
    case 'confirm':
      return ['PATCH', `/api/v1/product_order/${odd ?? pick(targets.confirmed, n)}/confirm/`];
    case 'startExport':
      return ['POST', '/api/v1/product_order/export/csv/'];
    case 'token':
      return ['POST', TOKEN_PATH];
  }
}

async function call(
  url: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string | Uint8Array,
): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers,
    body: (body ?? null) as BodyInit | null,
  });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, json };
}

export async function runHostileBodies(
  options: HostileBodiesOptions,
): Promise<HostileBodiesReport> {
  const started = Date.now();
  const token = randomSecret('hostile-token');
  const password = randomSecret('hostile-password');
  options.scanner.add('the hostile-bodies user token', token);
  options.scanner.add('the hostile-bodies password', password);
  const sandbox = await startSandbox({
    tokens: [token],
    outcomeDelayMs: 0,
    oauth: { users: [{ username: 'hostile', password }] },
  });
  const auth = { Authorization: `Bearer ${token}` };
  const json = { ...auth, 'Content-Type': 'application/json' };
  const problems: string[] = [];
  const prototypes = prototypeSnapshot();
  const byStatus: Record<string, number> = {};
  let serverErrors = 0;
  let dropped = 0;
  try {
    // Sessions to aim at: editable ones for the writes, confirmed ones for the confirm calls.
    const targets: Targets = { editable: [], confirmed: [] };
    for (let n = 0; n < 12; n++) {
      const session = await call(sandbox.url, 'POST', '/api/v1/product_order', json, '{}');
      const id = (session.json as { id: string }).id;
      const lines: string[] = [];
      for (let k = 0; k < 3; k++) {
        const line = await call(
          sandbox.url,
          'POST',
          `/api/v1/product_order/${id}/product_order_item`,
          json,
          JSON.stringify({
            product_offering_id: '2173',
            product_offering_qualification_item_id: `q-${n}-${k}`,
          }),
        );
        lines.push((line.json as { id: string }).id);
      }
      if (n % 4 === 3) {
        await call(sandbox.url, 'PATCH', `/api/v1/product_order/${id}/confirm/`, auth);
        targets.confirmed.push(id);
      } else targets.editable.push({ id, lines });
    }

    const send = async (request: HostileBody, n: number) => {
      const [method, path] = pathFor(request.target, targets, n, request.oddId);
      const headers: Record<string, string> = { ...auth };
      if (request.contentType !== undefined) headers['Content-Type'] = request.contentType;
      try {
        const answer = await call(sandbox.url, method, path, headers, request.body);
        byStatus[answer.status] = (byStatus[answer.status] ?? 0) + 1;
        if (answer.status >= 500) {
          serverErrors++;
          if (problems.length < MAX_PROBLEMS)
            problems.push(`${method} ${request.label}: answered ${answer.status}`);
        }
      } catch (error) {
        dropped++;
        if (problems.length < MAX_PROBLEMS)
          problems.push(`${method} ${request.label}: no answer (${describeFailure(error)})`);
      }
    };

    for (const [start, size] of chunks(options.count, 500)) {
      const batch = sampleHostileBodies(size, options.seed + start);
      await mapPool(batch, options.concurrency ?? 8, (request, index) =>
        send(request, start + index),
      );
    }

    const session = await call(sandbox.url, 'POST', '/api/v1/product_order', json, '{}');
    const sessionId = (session.json as { id?: string } | null)?.id ?? 'none';
    const line = await call(
      sandbox.url,
      'POST',
      `/api/v1/product_order/${sessionId}/product_order_item`,
      json,
      JSON.stringify({ product_offering_id: '2173', product_offering_qualification_item_id: 'q' }),
    );
    const pollutedKeys = pollutionSince(prototypes);
    if (pollutedKeys.length > 0)
      problems.push(`built-in prototypes gained ${pollutedKeys.join(', ')}`);
    return {
      pollutedKeys,
      requests: options.count,
      byStatus,
      serverErrors,
      droppedConnections: dropped,
      stillServing: session.status === 201 && line.status === 201,
      problems,
      durationMs: Date.now() - started,
    };
  } finally {
    await sandbox.close();
  }
}
