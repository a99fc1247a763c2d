/** The tracking APIs' options, with their defaults. Part of `SandboxOptions` (`tracking`). */

export interface TrackingSandboxOptions {
  /** Orange: OAuth clients (token endpoint `POST /oauth/v3/token`, HTTP Basic). */
  orangeClients?: { clientId: string; clientSecret: string }[];
  /** Orange: accepted `X-Api-Key` values. */
  orangeApiKeys?: string[];
  /** Orange: access token lifetime, in seconds (default 3600). */
  orangeTokenTtlSeconds?: number;
  /**
   * Orange's two count headers. `described` (default): `X-Total-Count` = all matching,
   * `X-Result-Count` = this page, as the doc's text says. `example`: swapped, as the doc's
   * example shows (`X-Result-Count: 106`, `X-Total-Count: 25`).
   */
  orangeCountHeaders?: 'described' | 'example';
  /** Orange: the page size when no `limit` is sent (default 25) and the largest (default 100). */
  orangeDefaultLimit?: number;
  orangeMaxLimit?: number;
  /** obapi: accepted API keys (`Authorization: Bearer <key>`). */
  obapiKeys?: string[];
  adobe?: {
    /** Bearer tokens; one with `expiresAt` (clock ms) is refused from then on. */
    tokens?: (string | { token: string; expiresAt: number })[];
    apiKeys?: string[];
    /** Customers; the seeded orders belong to the first. Default ['9876543210']. */
    customerIds?: string[];
    /** Days between the customer's current term start and the sandbox's start (default 90). */
    termStartDaysAgo?: number;
  };
  /** Time between two state changes of a seeded order still in progress (default 60 000 ms). */
  progressStepMs?: number;
}

export interface ResolvedTrackingOptions {
  seedOrders: number;
  orangeClients: { clientId: string; clientSecret: string }[];
  orangeApiKeys: string[];
  orangeTokenTtlSeconds: number;
  orangeCountHeaders: 'described' | 'example';
  orangeDefaultLimit: number;
  orangeMaxLimit: number;
  obapiKeys: string[];
  adobe: {
    tokens: { token: string; expiresAt: number }[];
    apiKeys: string[];
    customerIds: string[];
    termStartDaysAgo: number;
  };
  progressStepMs: number;
}

/** Default credentials, for the CLI's embedded sandbox and quick experiments. */
export const SANDBOX_TRACKING_DEFAULTS = {
  seedOrders: 30,
  orangeClient: { clientId: 'orange-client', clientSecret: 'orange-secret' },
  orangeApiKey: 'orange-api-key',
  obapiKey: 'obapi-key',
  adobeToken: 'adobe-token',
  adobeApiKey: 'adobe-api-key',
  adobeCustomerId: '9876543210',
} as const;

function whole(name: string, value: number | undefined, fallback: number, min = 0): number {
  const result = value ?? fallback;
  if (!Number.isInteger(result) || result < min)
    throw new RangeError(`sandbox option ${name} must be an integer from ${min}`);
  return result;
}

export function resolveTrackingOptions(
  options: TrackingSandboxOptions = {},
  seedOrders?: number,
): ResolvedTrackingOptions {
  const adobe = options.adobe ?? {};
  const orangeMaxLimit = whole('tracking.orangeMaxLimit', options.orangeMaxLimit, 100, 1);
  return {
    seedOrders: whole('seedOrders', seedOrders, SANDBOX_TRACKING_DEFAULTS.seedOrders),
    orangeClients: [...(options.orangeClients ?? [SANDBOX_TRACKING_DEFAULTS.orangeClient])],
    orangeApiKeys: [...(options.orangeApiKeys ?? [SANDBOX_TRACKING_DEFAULTS.orangeApiKey])],
    orangeTokenTtlSeconds: whole(
      'tracking.orangeTokenTtlSeconds',
      options.orangeTokenTtlSeconds,
      3600,
      1,
    ),
    orangeCountHeaders: options.orangeCountHeaders ?? 'described',
    orangeDefaultLimit: Math.min(
      orangeMaxLimit,
      whole('tracking.orangeDefaultLimit', options.orangeDefaultLimit, 25, 1),
    ),
    orangeMaxLimit,
    obapiKeys: [...(options.obapiKeys ?? [SANDBOX_TRACKING_DEFAULTS.obapiKey])],
    adobe: {
      tokens: (adobe.tokens ?? [SANDBOX_TRACKING_DEFAULTS.adobeToken]).map((entry) =>
        typeof entry === 'string' ? { token: entry, expiresAt: Number.POSITIVE_INFINITY } : entry,
      ),
      apiKeys: [...(adobe.apiKeys ?? [SANDBOX_TRACKING_DEFAULTS.adobeApiKey])],
      customerIds: [...(adobe.customerIds ?? [SANDBOX_TRACKING_DEFAULTS.adobeCustomerId])],
      termStartDaysAgo: whole('tracking.adobe.termStartDaysAgo', adobe.termStartDaysAgo, 90),
    },
    progressStepMs: whole('tracking.progressStepMs', options.progressStepMs, 60_000, 1),
  };
}
