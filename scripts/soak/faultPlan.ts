/**
 * The faults of the fault soak, drawn on the client side and carried out by the sandbox: each
 * request gets, with the configured probabilities, an `X-Sandbox-Fault` header (a 503 with
 * `Retry-After`, a reset before or after processing, or a latency spike). The sandbox's own
 * random delay is fixed at 500 ms; the header lets the soak ask for the issue's one-second
 * spikes, and lets one seeded draw cover the API and the token endpoint alike.
 */
import { type Random, seededRandom } from './random.js';

export const FAULT_HEADER = 'X-Sandbox-Fault';

export type SoakFaultKind = '503' | 'reset-before' | 'reset-after' | 'delay';

/** Probability of each fault per request (their sum is the share of faulted requests). */
export type FaultRates = Record<SoakFaultKind, number>;

/** The issue's mix: 10 % 503, 5 % resets before, 5 % after processing, 2 % one-second spikes. */
export const ISSUE_FAULT_RATES: FaultRates = {
  '503': 0.1,
  'reset-before': 0.05,
  'reset-after': 0.05,
  delay: 0.02,
};

export interface FaultPlanOptions {
  rates?: FaultRates;
  seed?: number;
  /** `Retry-After` of the 503s, in seconds. Default 1. */
  retryAfterSeconds?: number;
  /** Length of a latency spike, in ms. Default 1000. */
  delayMs?: number;
}

export interface FaultPlan {
  /** The header value for the next request, or undefined for no fault. */
  draw(): string | undefined;
  /** Wraps a `fetch` so every request it sends draws its fault. */
  wrap(inner?: typeof fetch): typeof fetch;
  /** Faults drawn, by kind. */
  readonly drawn: Record<SoakFaultKind, number>;
}

const KINDS: SoakFaultKind[] = ['503', 'reset-before', 'reset-after', 'delay'];

export function createFaultPlan(options: FaultPlanOptions = {}): FaultPlan {
  const rates = options.rates ?? ISSUE_FAULT_RATES;
  const random: Random = seededRandom(options.seed ?? 1);
  const retryAfter = options.retryAfterSeconds ?? 1;
  const delayMs = options.delayMs ?? 1000;
  const drawn: Record<SoakFaultKind, number> = {
    '503': 0,
    'reset-before': 0,
    'reset-after': 0,
    delay: 0,
  };
  const headerOf: Record<SoakFaultKind, string> = {
    '503': `503;retry-after=${retryAfter}`,
    'reset-before': 'reset-before',
    'reset-after': 'reset-after',
    delay: `delay;ms=${delayMs}`,
  };

  const draw = (): string | undefined => {
    let roll = random();
    for (const kind of KINDS) {
      if (roll < rates[kind]) {
        drawn[kind]++;
        return headerOf[kind];
      }
      roll -= rates[kind];
    }
    return undefined;
  };

  return {
    draw,
    drawn,
    wrap(inner = fetch) {
      return (input, init) => {
        const request = new Request(input, init);
        const fault = draw();
        if (fault !== undefined) request.headers.set(FAULT_HEADER, fault);
        return inner(request);
      };
    },
  };
}
