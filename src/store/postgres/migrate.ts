import type { Pool } from 'pg';
import { MIGRATIONS, type Migration } from './migrations.js';

/** A schema name we quote ourselves: lower-case letters, digits and _. */
export function quoteSchema(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema))
    throw new RangeError(`schema "${schema}": lower-case letters, digits and _ only`);
  return `"${schema}"`;
}

export interface MigrationResult {
  /** Versions applied by this call (empty when the database was up to date). */
  applied: number[];
  /** The database's version after the call. */
  version: number;
}

/**
 * Brings the store's schema to the latest version, in one transaction, under an advisory lock:
 * processes that start together wait for each other, and each applies only what is missing
 * (a second call does nothing). `schema_migrations` records what was applied and when.
 */
export async function migrate(
  pool: Pool,
  schema: string,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<MigrationResult> {
  const quoted = quoteSchema(schema);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`covage-orders:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${quoted}.schema_migrations (
         version integer PRIMARY KEY,
         name text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const { rows } = await client.query<{ version: number }>(
      `SELECT version FROM ${quoted}.schema_migrations`,
    );
    const done = new Set(rows.map((row) => row.version));
    const applied: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(migration.version)) continue;
      await client.query(migration.sql.replaceAll('{schema}', quoted));
      await client.query(
        `INSERT INTO ${quoted}.schema_migrations (version, name) VALUES ($1, $2)`,
        [migration.version, migration.name],
      );
      applied.push(migration.version);
    }
    await client.query('COMMIT');
    const version = Math.max(0, ...done, ...applied);
    return { applied, version };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
