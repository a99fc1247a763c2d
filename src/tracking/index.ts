/**
 * Order tracking: one interface (`Tracker`: list across all pages, get, follow) over Covage's
 * orders after creation, Orange Ordering v2 and Order Tracking v1, obapi and Adobe VIP
 * Marketplace. Browser-safe. See docs/tracking.md.
 */
/**
 * `covage-orders/tracking`: order tracking for Covage and four other order APIs (one adapter each,
 * normalized to one `TrackedOrder` shape), the ordered pager, and the machine that follows one
 * order. Auth providers come from the main entry (`bearerToken`, `apiKey`) or `covage-orders/auth` (`passwordGrant`, `clientCredentials`).
 */
export * from '../../machines/tracking/index.js';
export * from './dates.js';
export { type FollowRunOptions, followOrder, type GetOrder } from './follow.js';
export { asList, clampPageSize, type TrackerOptions } from './http.js';
export { DEFAULT_CONCURRENCY, listAll, offsetPages, type Page } from './listing.js';
export { DECIMAL_PATTERN, decimalString } from './money.js';
export { type OrderedPagesOptions, orderedPages } from './pager.js';
export * from './providers/adobe/normalize.js';
export * from './providers/adobe/schema.js';
export * from './providers/adobe/status.js';
export * from './providers/adobe/tracker.js';
export * from './providers/covage/normalize.js';
export * from './providers/covage/schema.js';
export * from './providers/covage/status.js';
export * from './providers/covage/tracker.js';
export * from './providers/obapi/normalize.js';
export * from './providers/obapi/schema.js';
export * from './providers/obapi/status.js';
export * from './providers/obapi/tracker.js';
export * from './providers/orange/normalize.js';
export * from './providers/orange/schema.js';
export * from './providers/orange/status.js';
export * from './providers/orange/tracker.js';
export { commonStatus, type StatusTable, statusKey, statusText } from './status.js';
export * from './types.js';
