import { afterAll, beforeAll } from 'vitest';
import { sampleContact } from '../../../scripts/shared/sampleLine.js';
import {
  type SandboxHandle,
  type SandboxOptions,
  startSandbox,
} from '../../../src/sandbox/index.js';
import { SECRETS } from './secrets.js';

/** A clock both the sandbox and the client can share; tests move it by hand. */
export function manualClock(start = Date.parse('2025-07-08T10:00:00Z')) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}

export type ManualClock = ReturnType<typeof manualClock>;

/**
 * A `sleep` that does not wait: it records the delay, moves the shared clock by it (so the
 * sandbox's exports and outcomes progress), and still honours an abort.
 */
export function virtualSleep(clock?: ManualClock) {
  const delays: number[] = [];
  const sleep = async (ms: number, signal?: AbortSignal) => {
    signal?.throwIfAborted();
    delays.push(ms);
    clock?.advance(ms);
    await Promise.resolve();
    signal?.throwIfAborted();
  };
  return { sleep, delays };
}

export const TOKEN_PATH = '/auth/realms/covage/protocol/openid-connect/token';

/** Starts a sandbox with the test credentials before the file's tests and closes it after. */
export function useSandbox(options: SandboxOptions = {}) {
  let handle: SandboxHandle | undefined;
  beforeAll(async () => {
    handle = await startSandbox({
      port: 0,
      tokens: [SECRETS.token],
      apiKeys: [SECRETS.apiKey],
      oauth: {
        users: [{ username: SECRETS.username, password: SECRETS.password }],
        clients: [{ clientId: SECRETS.clientId, clientSecret: SECRETS.clientSecret }],
      },
      outcomeDelayMs: 0,
      exportDurationMs: 0,
      ...options,
    });
  });
  afterAll(async () => {
    await handle?.close();
  });
  const get = () => {
    if (!handle) throw new Error('the sandbox is not started');
    return handle;
  };
  return {
    get url() {
      return get().url;
    },
    get tokenUrl() {
      return `${get().url}${TOKEN_PATH}`;
    },
    /** `GET /__sandbox/state`. */
    async state(): Promise<SandboxState> {
      const response = await fetch(`${get().url}/__sandbox/state`, {
        headers: { Authorization: `Bearer ${get().adminToken}` },
      });
      return (await response.json()) as SandboxState;
    },
    async requestsTo(route: string): Promise<number> {
      return (await this.state()).requests.byRoute[route] ?? 0;
    },
  };
}

export interface SandboxState {
  sessions: { id: string; state: string; product_order_item: Record<string, unknown>[] }[];
  requests: { total: number; byRoute: Record<string, number> };
}

/** A line the sandbox accepts at creation and that is complete for confirmation. */
export function completeLine(externalId = 'L-1') {
  return {
    external_id: externalId,
    product_offering_id: '2173',
    product_offering_qualification_item_id: `qual-${externalId}`,
    end_customer_name: 'Boulangerie Martin',
    enni: 'AZ001234',
    enni_2: 'AZ001235',
    vlan_reference: 1257,
    option_ids: ['7021'],
    cpe_networking_number: 'NET-123456',
    cpe_serial_number: 'SR-123456',
    related_contact_information: [sampleContact()],
  };
}
