/**
 * A throwaway PostgreSQL server per test file. Where none can start, the file's tests skip with
 * the reason printed once; under `CI=true` they must run, so the reason becomes a failure.
 */
import {
  PostgresUnavailableError,
  startThrowawayPostgres,
  type ThrowawayPostgres,
} from '../../scripts/shared/postgres.js';

export type { ThrowawayPostgres };

export async function postgresForTests(): Promise<ThrowawayPostgres | undefined> {
  try {
    return await startThrowawayPostgres();
  } catch (error) {
    if (process.env.CI === 'true' || !(error instanceof PostgresUnavailableError)) throw error;
    console.warn(`PostgreSQL tests skipped: ${error.message}`);
    return undefined;
  }
}
