/**
 * A store of sessions in PostgreSQL (Node only: the entry point `covage-orders/store/postgres`),
 * for apps that run on several instances and for workers: every instance can resume any session.
 * One row per session holds its header and its lease, and one row per line its record
 * (`session_lines`): a save writes the header and the lines that changed, in one transaction.
 * A write made under a lease names its epoch (`UPDATE … WHERE id = $1 AND epoch = $2`): once
 * another runner took the lease, the database itself refuses what the stale runner still tries to
 * store (`LeaseLostError`).
 */
import { hostname } from 'node:os';
import pg from 'pg';
import type { FencingStore } from '../../lease/fencedStore.js';
import { HeldLease, newHolder } from '../../lease/heldLease.js';
import { LeaseLostError } from '../../lease/leaseLostError.js';
import { SessionLockedError } from '../../lease/sessionLockedError.js';
import {
  type AcquireOptions,
  DEFAULT_LEASE_TTL_MS,
  type Lease,
  type LeaseHolder,
  type SessionLeases,
} from '../../lease/types.js';
import {
  assertValidId,
  type SessionHeader,
  type SessionWrite,
  type SnapshotStore,
  SnapshotStoreError,
  type SnapshotSummary,
  validateRecord,
} from '../snapshotRecord.js';
import { migrate, quoteSchema } from './migrate.js';
import { isFinal, isSubmitted } from './needsWork.js';

export interface PostgresStoreOptions {
  /** `postgres://user:password@host:5432/database` (or give `pool`). */
  connectionString?: string;
  /** A pool of your own (not ended by `close()`). */
  pool?: pg.Pool;
  /** The schema holding the tables (default `covage_orders`). */
  schema?: string;
  /** How long a lease lives without a heartbeat (default 30 s). */
  leaseTtlMs?: number;
  /** Bring the tables to the latest version first (default true). */
  migrate?: boolean;
  /** Connections in the pool the store makes (default 10). */
  maxConnections?: number;
}

export interface ClaimOptions {
  /** Only sessions sent to this API (and sessions that name none). */
  baseUrl?: string;
}

export interface PostgresStore extends SnapshotStore, FencingStore {
  readonly pool: pg.Pool;
  readonly schema: string;
  /** The sessions' leases, kept in the same rows. */
  readonly leases: SessionLeases;
  /** Hands a stored session to the workers: they run it to its end (confirming a draft). */
  enqueue(id: string): Promise<void>;
  /** Sessions asked to go to their end, not over, whose lease is free and whose retry is due. */
  needingWork(options?: ClaimOptions & { limit?: number }): Promise<SnapshotSummary[]>;
  /**
   * Takes the leases of up to `count` sessions needing work (`FOR UPDATE SKIP LOCKED`: workers
   * claiming at once never wait for each other nor take the same session).
   */
  claim(count: number, options?: ClaimOptions): Promise<Lease[]>;
  /** After a failed run: leaves the session alone for `delayMs` (the epoch must still be current). */
  deferRetry(lease: Lease, delayMs: number): Promise<void>;
  /** Ends the pool the store made. */
  close(): Promise<void>;
}

interface Row {
  id: string;
  epoch: string;
  runner: string | null;
  runner_pid: number | null;
  runner_host: string | null;
  runner_since: Date | null;
}

function holderOfRow(row: Row): LeaseHolder {
  return {
    runner: row.runner ?? '?',
    pid: row.runner_pid ?? 0,
    host: row.runner_host ?? 'unknown',
    since: row.runner_since ? row.runner_since.toISOString() : 'unknown',
  };
}

function storeError(action: string, error: unknown): SnapshotStoreError {
  const message = error instanceof Error ? error.message : String(error);
  return new SnapshotStoreError('io', `cannot ${action} (PostgreSQL: ${message})`, 'postgres');
}

export async function createPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  const schema = options.schema ?? 'covage_orders';
  const table = `${quoteSchema(schema)}.sessions`;
  const ttlMs = options.leaseTtlMs ?? DEFAULT_LEASE_TTL_MS;
  const ownPool = !options.pool;
  const pool =
    options.pool ??
    new pg.Pool({
      connectionString: options.connectionString,
      max: options.maxConnections ?? 10,
    });
  // An idle client that loses its connection must not crash the process.
  if (ownPool) pool.on('error', () => {});
  if (options.migrate !== false) await migrate(pool, schema);
  const host = hostname();

  const lines = `${quoteSchema(schema)}.session_lines`;
  const columns = (record: SessionHeader) => [
    record.id,
    record.sessionId,
    record.state,
    record.savedAt,
    JSON.stringify(record),
    record.origin?.baseUrl ?? null,
    isFinal(record.state),
    isSubmitted(record),
  ];

  async function query<R extends pg.QueryResultRow>(
    action: string,
    text: string,
    values: unknown[],
  ) {
    try {
      return await pool.query<R>(text, values);
    } catch (error) {
      throw storeError(action, error);
    }
  }

  /**
   * Applies one save in a transaction: the header, then the lines (all of them replaced when the
   * save is complete); under `epoch`, only while that epoch holds the lease.
   */
  async function write(change: SessionWrite, epoch?: number): Promise<void> {
    const record = change.header;
    assertValidId(record.id);
    const values = columns(record);
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw storeError(`save session ${record.id}`, error);
    }
    let fenced = false;
    try {
      await client.query('BEGIN');
      if (epoch === undefined) {
        await client.query(
          `INSERT INTO ${table} (id, session_id, state, saved_at, record, base_url, final, submitted)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (id) DO UPDATE SET session_id = $2, state = $3, saved_at = $4, record = $5,
             base_url = $6, final = $7, submitted = ${table}.submitted OR $8`,
          values,
        );
      } else {
        const result = await client.query(
          `UPDATE ${table} SET session_id = $2, state = $3, saved_at = $4, record = $5, base_url = $6,
             final = $7, submitted = (submitted OR $8) AND NOT $7
           WHERE id = $1 AND epoch = $9`,
          [...values, epoch],
        );
        fenced = result.rowCount === 0;
      }
      if (!fenced) {
        if (change.complete) await client.query(`DELETE FROM ${lines} WHERE id = $1`, [record.id]);
        if (change.lines.length > 0)
          await client.query(
            `INSERT INTO ${lines} (id, key, record)
             SELECT $1, key, record::json FROM unnest($2::text[], $3::text[]) AS l(key, record)
             ON CONFLICT (id, key) DO UPDATE SET record = EXCLUDED.record`,
            [
              record.id,
              change.lines.map((line) => line.key),
              change.lines.map((line) => line.json),
            ],
          );
      }
      await client.query(fenced ? 'ROLLBACK' : 'COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw storeError(`save session ${record.id}`, error);
    } finally {
      client.release();
    }
    if (fenced) throw await lost(record.id);
  }

  async function holderOf(id: string): Promise<LeaseHolder | undefined> {
    const { rows } = await query<Row>(
      'read a lease',
      `SELECT id, epoch, runner, runner_pid, runner_host, runner_since FROM ${table}
       WHERE id = $1 AND lease_expires_at > now()`,
      [id],
    );
    return rows[0] ? holderOfRow(rows[0]) : undefined;
  }

  async function lost(id: string): Promise<LeaseLostError> {
    return new LeaseLostError(id, 'taken', await holderOf(id).catch(() => undefined));
  }

  function leaseOf(id: string, epoch: number, holder: LeaseHolder, started: number): Lease {
    return new HeldLease(
      id,
      holder,
      epoch,
      ttlMs,
      {
        async renew() {
          const result = await pool.query(
            `UPDATE ${table} SET lease_expires_at = now() + $3 * interval '1 millisecond'
             WHERE id = $1 AND epoch = $2 AND lease_expires_at IS NOT NULL`,
            [id, epoch, ttlMs],
          );
          return result.rowCount === 1;
        },
        async release() {
          await pool.query(
            `UPDATE ${table} SET lease_expires_at = NULL WHERE id = $1 AND epoch = $2`,
            [id, epoch],
          );
        },
        holderNow: () => holderOf(id),
      },
      started,
    );
  }

  const leases: SessionLeases = {
    ttlMs,
    holderOf,
    async acquire(id: string, acquire: AcquireOptions = {}): Promise<Lease> {
      assertValidId(id);
      const waitMs = acquire.waitMs ?? 0;
      const began = Date.now();
      let told = false;
      for (;;) {
        const started = performance.now();
        const holder = newHolder(process.pid, host);
        const { rows } = await query<{ epoch: string; runner_since: Date }>(
          `take the lease of session ${id}`,
          `INSERT INTO ${table} AS s (id, epoch, runner, runner_pid, runner_host, runner_since, lease_expires_at)
           VALUES ($1, 1, $2, $3, $4, now(), now() + $5 * interval '1 millisecond')
           ON CONFLICT (id) DO UPDATE SET epoch = s.epoch + 1, runner = $2, runner_pid = $3,
             runner_host = $4, runner_since = now(), lease_expires_at = now() + $5 * interval '1 millisecond'
           WHERE s.lease_expires_at IS NULL OR s.lease_expires_at < now()
           RETURNING epoch, runner_since`,
          [id, holder.runner, holder.pid, holder.host, ttlMs],
        );
        const row = rows[0];
        if (row) {
          const since = row.runner_since.toISOString();
          return leaseOf(id, Number(row.epoch), { ...holder, since }, started);
        }
        const current = (await holderOf(id)) ?? {
          runner: '?',
          pid: 0,
          host: 'unknown',
          since: 'unknown',
        };
        const waited = Date.now() - began;
        if (waited >= waitMs) throw new SessionLockedError(id, current, waitMs > 0 ? waited : 0);
        if (!told) acquire.onWait?.(current);
        told = true;
        await new Promise((resolve) =>
          setTimeout(resolve, Math.min(1_000, ttlMs / 4, waitMs - waited)),
        );
      }
    },
  };

  const work = (alias: string) =>
    `${alias}.submitted AND NOT ${alias}.final AND ${alias}.record IS NOT NULL
     AND (${alias}.lease_expires_at IS NULL OR ${alias}.lease_expires_at < now())
     AND (${alias}.retry_at IS NULL OR ${alias}.retry_at <= now())
     AND ($1::text IS NULL OR ${alias}.base_url IS NULL OR ${alias}.base_url = $1)`;

  const store: PostgresStore = {
    pool,
    schema,
    leases,
    write: (change) => write(change),
    async load(id) {
      assertValidId(id);
      // One statement: the header and its lines as they stood together.
      const { rows } = await query<{ record: unknown; lines: [string, unknown][] | null }>(
        `read session ${id}`,
        `SELECT s.record,
           (SELECT json_agg(json_build_array(l.key, l.record) ORDER BY l.ord)
              FROM ${lines} l WHERE l.id = s.id) AS lines
         FROM ${table} s WHERE s.id = $1 AND s.record IS NOT NULL`,
        [id],
      );
      const row = rows[0];
      if (!row) return undefined;
      const record = validateRecord(row.record, `postgres:${id}`);
      if (!row.lines) return record.version < 3 ? record : { ...record, lines: {} };
      return { ...record, lines: Object.fromEntries(row.lines) };
    },
    async list() {
      const { rows } = await query<{
        id: string;
        session_id: string | null;
        state: string;
        saved_at: Date;
      }>(
        'list sessions',
        `SELECT id, session_id, state, saved_at FROM ${table} WHERE record IS NOT NULL ORDER BY saved_at, id`,
        [],
      );
      return rows.map((row) => ({
        id: row.id,
        sessionId: row.session_id,
        state: row.state,
        savedAt: row.saved_at.toISOString(),
      }));
    },
    async remove(id) {
      assertValidId(id);
      await query(`remove session ${id}`, `DELETE FROM ${table} WHERE id = $1`, [id]);
    },
    withLease(lease: Lease): SnapshotStore {
      return {
        write: (change) => write(change, lease.epoch),
        load: (id) => store.load(id),
        list: () => store.list(),
        async remove(id) {
          assertValidId(id);
          const result = await query(
            `remove session ${id}`,
            `DELETE FROM ${table} WHERE id = $1 AND epoch = $2`,
            [id, lease.epoch],
          );
          if (result.rowCount === 0) throw await lost(id);
        },
      };
    },
    async enqueue(id) {
      assertValidId(id);
      const result = await query(
        `enqueue session ${id}`,
        `UPDATE ${table} SET submitted = true, retry_at = NULL WHERE id = $1 AND record IS NOT NULL AND NOT final`,
        [id],
      );
      if (result.rowCount === 0)
        throw new SnapshotStoreError('not_found', `no stored session "${id}" that is not over`);
    },
    async needingWork(options = {}) {
      const { rows } = await query<{
        id: string;
        session_id: string | null;
        state: string;
        saved_at: Date;
      }>(
        'list sessions needing work',
        `SELECT id, session_id, state, saved_at FROM ${table} s WHERE ${work('s')}
         ORDER BY saved_at, id LIMIT $2`,
        [options.baseUrl ?? null, options.limit ?? 1000],
      );
      return rows.map((row) => ({
        id: row.id,
        sessionId: row.session_id,
        state: row.state,
        savedAt: row.saved_at.toISOString(),
      }));
    },
    async claim(count, options = {}) {
      if (count <= 0) return [];
      const started = performance.now();
      const holder = newHolder(process.pid, host);
      const { rows } = await query<Row>(
        'claim sessions',
        `WITH ready AS (
           SELECT id FROM ${table} s WHERE ${work('s')}
           ORDER BY retry_at NULLS FIRST, saved_at, id LIMIT $2 FOR UPDATE SKIP LOCKED
         )
         UPDATE ${table} AS t SET epoch = t.epoch + 1, runner = $3, runner_pid = $4, runner_host = $5,
           runner_since = now(), lease_expires_at = now() + $6 * interval '1 millisecond'
         FROM ready WHERE t.id = ready.id
         RETURNING t.id, t.epoch, t.runner, t.runner_pid, t.runner_host, t.runner_since`,
        [options.baseUrl ?? null, count, holder.runner, holder.pid, holder.host, ttlMs],
      );
      return rows.map((row) => leaseOf(row.id, Number(row.epoch), holderOfRow(row), started));
    },
    async deferRetry(lease, delayMs) {
      await query(
        `defer session ${lease.key}`,
        `UPDATE ${table} SET retry_at = now() + $3 * interval '1 millisecond', attempts = attempts + 1
         WHERE id = $1 AND epoch = $2`,
        [lease.key, lease.epoch, delayMs],
      );
    },
    async close() {
      if (ownPool) await pool.end();
    },
  };
  return store;
}
