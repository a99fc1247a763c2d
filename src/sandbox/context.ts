import type { HttpBindings } from '@hono/node-server';
import { Credentials } from './credentials.js';
import type { FeedStats } from './dashboard/feed.js';
import { ExportStore } from './exportStore.js';
import { OAuthTokens } from './oauthTokens.js';
import type { ResolvedOptions } from './options.js';
import { createLineDecider } from './outcome.js';
import { createRandom, mixSeed, type Random } from './random.js';
import { RequestStats } from './stats.js';
import { SessionStore } from './store.js';

/** Hono's environment for every sandbox route: Node bindings, and the authenticated user. */
export interface SandboxEnv {
  Bindings: HttpBindings;
  Variables: { user: string };
}

/** Everything the routes and middleware share; one per started sandbox. */
export interface SandboxContext {
  options: ResolvedOptions;
  /** The (injectable) clock, in ms. */
  now(): number;
  sessions: SessionStore;
  exports: ExportStore;
  oauth: OAuthTokens;
  credentials: Credentials;
  stats: RequestStats;
  /** The dashboard's live feed, once its routes are built (for the counts route). */
  feed?: { stats(): FeedStats };
  /** The seeded stream that draws random faults. */
  faultRandom: Random;
  /** Runs `dispose()` hooks: timers and background work. */
  onDispose(hook: () => void): void;
  dispose(): void;
}

export function createContext(options: ResolvedOptions): SandboxContext {
  const oauth = new OAuthTokens(
    options.oauth.accessTokenTtlSeconds,
    options.oauth.refreshTokenTtlSeconds,
    options.limits.tokensPerUser,
  );
  const hooks: (() => void)[] = [];
  return {
    options,
    now: () => options.clock.now(),
    sessions: new SessionStore({
      seed: options.seed,
      diaOfferingIds: options.diaOfferingIds,
      outcomeDelayMs: options.outcomeDelayMs,
      decide: createLineDecider(options),
      limits: options.limits,
    }),
    exports: new ExportStore(
      options.exportIntervalMs,
      options.exportDurationMs,
      options.limits.exportsPerUser,
    ),
    oauth,
    credentials: new Credentials(options.tokens, options.apiKeys, oauth),
    stats: new RequestStats(),
    faultRandom: createRandom(mixSeed(options.seed, 0xfa17)),
    onDispose(hook) {
      hooks.push(hook);
    },
    dispose() {
      for (const hook of hooks.splice(0)) hook();
    },
  };
}
