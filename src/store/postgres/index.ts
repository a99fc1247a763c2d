/**
 * `covage-orders/store/postgres`: sessions, their leases and the workers' queue in PostgreSQL
 * (Node only, on `pg` 8).
 */
export * from '../../lease/index.js';
export * from '../snapshotRecord.js';
export { type MigrationResult, migrate } from './migrate.js';
export { MIGRATIONS, type Migration } from './migrations.js';
export * from './store.js';
