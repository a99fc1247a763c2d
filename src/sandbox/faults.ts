import type { Context, MiddlewareHandler } from 'hono';
import type { SandboxContext, SandboxEnv } from './context.js';
import { errorBody, SandboxError } from './errors.js';
import { sleep } from './latency.js';
import { pickWeighted } from './random.js';
import type { FaultKind } from './types.js';

export const FAULT_HEADER = 'X-Sandbox-Fault';
/** Set on every answer the sandbox made up, so a test can tell injected errors from real ones. */
export const INJECTED_HEADER = 'X-Sandbox-Injected';

export const FAULT_KINDS: readonly FaultKind[] = [
  '500',
  '502',
  '503',
  '429',
  'reset-before',
  'reset-after',
  'delay',
];

/** How long a random `delay` fault waits. */
export const RANDOM_DELAY_MS = 500;

/** The longest `delay` a header may ask for. */
export const MAX_FAULT_DELAY_MS = 30_000;

export interface Fault {
  kind: FaultKind;
  /** `Retry-After` as sent: seconds or an HTTP-date. */
  retryAfter?: string;
  /** For `delay`. */
  ms?: number;
}

function isFaultKind(value: string): value is FaultKind {
  return (FAULT_KINDS as readonly string[]).includes(value);
}

/**
 * Reads `X-Sandbox-Fault: <kind>[;retry-after=<seconds|HTTP-date>][;ms=<n>]`. Returns the fault
 * or the reason the header cannot be read.
 */
export function parseFaultHeader(header: string): Fault | { problem: string } {
  const [head = '', ...params] = header.split(';').map((part) => part.trim());
  const kind = head.toLowerCase();
  if (!isFaultKind(kind))
    return { problem: `unknown fault kind "${head}"; use ${FAULT_KINDS.join(', ')}` };
  const fault: Fault = { kind };
  for (const param of params) {
    const equals = param.indexOf('=');
    const name = (equals < 0 ? param : param.slice(0, equals)).trim().toLowerCase();
    const value = equals < 0 ? '' : param.slice(equals + 1).trim();
    if (name === 'retry-after') {
      if (!/^\d{1,6}$/.test(value) && Number.isNaN(Date.parse(value)))
        return { problem: 'retry-after is a number of seconds or an HTTP-date' };
      fault.retryAfter = value;
    } else if (name === 'ms') {
      const ms = /^\d{1,6}$/.test(value) ? Number(value) : Number.NaN;
      if (!(ms <= MAX_FAULT_DELAY_MS))
        return { problem: `ms is a whole number of milliseconds up to ${MAX_FAULT_DELAY_MS}` };
      fault.ms = ms;
    } else if (name !== '') {
      return { problem: `unknown fault parameter "${name}"` };
    }
  }
  if (kind === 'delay' && fault.ms === undefined) return { problem: 'delay needs ;ms=<n>' };
  return fault;
}

/** Destroys the connection without an answer (the client sees a reset or a closed socket). */
function resetConnection(c: Context<SandboxEnv>): Response {
  c.env?.incoming?.socket?.destroy();
  // Tells @hono/node-server that nothing is to be written.
  return new Response(null, { headers: { 'x-hono-already-sent': '1' } });
}

function statusFault(c: Context<SandboxEnv>, fault: Fault, status: 500 | 502 | 503 | 429) {
  const headers: Record<string, string> = { [INJECTED_HEADER]: fault.kind };
  const retryAfter = fault.retryAfter ?? (status === 503 || status === 429 ? '1' : undefined);
  if (retryAfter !== undefined) headers['Retry-After'] = retryAfter;
  const code = status === 429 ? 'rate_limited' : 'sandbox_fault';
  return c.json(errorBody(code, `fault injected by the sandbox: ${fault.kind}`), status, headers);
}

/** Picks this request's fault: the header's, or a random one at `faultRate`. */
function faultFor(ctx: SandboxContext, c: Context<SandboxEnv>): Fault | undefined {
  const header = c.req.header(FAULT_HEADER);
  if (header !== undefined) {
    const parsed = parseFaultHeader(header);
    if ('problem' in parsed)
      throw new SandboxError(400, 'invalid_fault_header', `${FAULT_HEADER}: ${parsed.problem}`);
    return parsed;
  }
  const { faultRate, faultMix } = ctx.options;
  if (faultRate <= 0 || ctx.faultRandom() >= faultRate) return undefined;
  const kind = pickWeighted(ctx.faultRandom, faultMix);
  if (!kind) return undefined;
  return kind === 'delay' ? { kind, ms: RANDOM_DELAY_MS } : { kind };
}

/**
 * Injects one fault per request, forced by `X-Sandbox-Fault` or drawn at `faultRate`:
 * `500|502|503|429` answer that status, `reset-before` drops the connection without processing,
 * `reset-after` processes the request (state changes) then drops the connection, `delay` waits.
 */
export function injectFaults(ctx: SandboxContext): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const fault = faultFor(ctx, c);
    if (!fault) return next();
    ctx.stats.countFault(fault.kind);
    switch (fault.kind) {
      case 'reset-before':
        return resetConnection(c);
      case 'reset-after':
        await next();
        c.res = resetConnection(c);
        return;
      case 'delay':
        await sleep(fault.ms ?? 0);
        return next();
      default:
        return statusFault(c, fault, Number(fault.kind) as 500 | 502 | 503 | 429);
    }
  };
}
