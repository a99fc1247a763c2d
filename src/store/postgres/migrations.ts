/**
 * The PostgreSQL store's tables, as numbered migrations. A database is brought to the latest
 * version by `migrate()`; a migration never changes once released: later ones add to it.
 * `{schema}` stands for the store's schema (quoted).
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'sessions with their lease',
    sql: `
CREATE TABLE {schema}.sessions (
  -- the store key (the engine's instanceKey)
  id text PRIMARY KEY,
  -- the API's session id, once created
  session_id text,
  -- the session machine's state, e.g. created or in_progress.waiting
  state text,
  saved_at timestamptz,
  -- the stored record (format, version, snapshot, origin); null until the first save
  record json,
  -- the API the session was sent to (record.origin.baseUrl), for workers of that API
  base_url text,
  -- over: completed, partial, rejected, cancelled
  final boolean NOT NULL DEFAULT false,
  -- asked to go to its end (confirmation asked, or handed to the workers with enqueue())
  submitted boolean NOT NULL DEFAULT false,
  -- the lease: the epoch grows at every acquisition; a write names the epoch it was made under
  epoch bigint NOT NULL DEFAULT 0,
  runner text,
  runner_pid integer,
  runner_host text,
  runner_since timestamptz,
  -- null: nobody holds it
  lease_expires_at timestamptz,
  -- a worker that saw the session fail leaves it alone until then
  retry_at timestamptz,
  attempts integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sessions_session_id ON {schema}.sessions (session_id);
CREATE INDEX sessions_needing_work ON {schema}.sessions (saved_at)
  WHERE submitted AND NOT final AND record IS NOT NULL;
`,
  },
  {
    version: 2,
    name: 'one row per line (snapshot format 3)',
    sql: `
-- A session is its header (sessions.record) plus one record per line: a save writes the header
-- and the lines that changed. ord keeps the order in which the lines were first written.
CREATE TABLE {schema}.session_lines (
  id text NOT NULL REFERENCES {schema}.sessions (id) ON DELETE CASCADE,
  key text NOT NULL,
  ord bigint GENERATED ALWAYS AS IDENTITY,
  record json NOT NULL,
  PRIMARY KEY (id, key)
);
`,
  },
];
