/**
 * The sandbox's public option and handle types, apart from index.ts so that its modules can
 * use them without an import cycle.
 */
import type { SandboxLimits } from './limits.js';
import type { ScriptedOutcome } from './script.js';
import type { TrackingSandboxOptions } from './tracking/options.js';

/** The sandbox's time source, in ms since the epoch; inject one to drive outcomes and exports. */
export interface SandboxClock {
  now(): number;
}

/** A fault the sandbox can inject (random with `faultRate`, or forced by `X-Sandbox-Fault`). */
export type FaultKind = '500' | '502' | '503' | '429' | 'reset-before' | 'reset-after' | 'delay';

export interface SandboxOptions {
  /** Default 0 (a free port). */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Static bearer tokens, one user each; default ['sandbox-token']. */
  tokens?: string[];
  /** Also accepted as `X-Api-Key: K`, one user each (API-key auth). */
  apiKeys?: string[];
  /** For /__sandbox/*; default: random, exposed on the handle. */
  adminToken?: string;
  /**
   * Protects the dashboard (the page at `/`, see docs/dashboard.md). Default: none on a loopback
   * host; on any other host one is generated, exposed on the handle.
   */
  dashboardToken?: string;
  oauth?: {
    /** Password grant users. */
    users?: { username: string; password: string }[];
    /** Client credentials clients. */
    clients?: { clientId: string; clientSecret: string }[];
    /** Default 300. */
    accessTokenTtlSeconds?: number;
    /** Default 1800. */
    refreshTokenTtlSeconds?: number;
  };
  /** Added to every request (ms). */
  latencyMs?: number;
  /** Confirm → outcome (ms); default 200. */
  outcomeDelayMs?: number;
  /** Export task running time (ms); default 200. */
  exportDurationMs?: number;
  /** One export start per user per interval (ms); default 300_000. */
  exportIntervalMs?: number;
  /** 0..1, random faults on API routes (never on /__sandbox/*). */
  faultRate?: number;
  /** Relative weights of the random faults; default 500, 502, 503, reset-before, reset-after. */
  faultMix?: Partial<Record<FaultKind, number>>;
  /** Default 1. */
  seed?: number;
  /** Default Date.now. */
  clock?: SandboxClock;
  /** product_offering_ids treated as DIA. */
  diaOfferingIds?: string[];
  /** Default 1 MiB → 413 above. */
  maxBodyBytes?: number;
  /**
   * Per-user quotas (sessions, lines, bytes), text field lengths, idle session expiry and the
   * dashboard feed's bounds; see docs/sandbox.md, "Limits".
   */
  limits?: SandboxLimits;
  /**
   * Web origins allowed to call the sandbox from a browser (CORS), e.g. `http://localhost:5173`;
   * `'*'` allows any. Default: any loopback origin (http://localhost:*, http://127.0.0.1:*,
   * http://[::1]:*) when the sandbox listens on loopback, none otherwise.
   */
  corsOrigins?: string[];
  /**
   * Outcomes by line position in its session, e.g. `[{ line: 2, on: 'insee_code' }]`: line 2 is
   * rejected with a termination error on its first contact's `insee_code`. See docs/sandbox.md.
   */
  scriptedOutcomes?: ScriptedOutcome[];
  /** GET /api/v1/product_order/{id}/ (an assumption, the doc has no read endpoint); default true. */
  readSessionEndpoint?: boolean;
  /**
   * The spelling of line fields in responses: 'tables' (`enni_2`, `cpe_networking_number`, the
   * default) or 'examples' (`enni2`, `cpe_network_number`). `vlan_reference` is a number in both,
   * as in the doc's response examples. Requests are read in both spellings.
   */
  responseSpelling?: 'tables' | 'examples';
  /** Generated orders per order-tracking provider (Covage, Orange ×2, obapi, Adobe); default 30. */
  seedOrders?: number;
  /** The order-tracking APIs' credentials and quirks (see docs/tracking.md). */
  tracking?: TrackingSandboxOptions;
}

export interface SandboxHandle {
  /** e.g. http://127.0.0.1:43123 (no trailing slash). */
  url: string;
  adminToken: string;
  /** The dashboard's token: the one given, or generated for a non-loopback host; else undefined. */
  dashboardToken: string | undefined;
  /** Closes the server and open connections, clears timers. */
  close(): Promise<void>;
}
