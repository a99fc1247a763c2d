/**
 * A throwaway PostgreSQL server for the tests, the soak and the benchmarks: `initdb` in a
 * temporary directory, started on a free loopback port, stopped and removed afterwards. It is a
 * real server (Debian's `postgresql` package), never a fake. PostgreSQL refuses to run as root, so
 * when this process is root (as in CI) the server runs as the `postgres` user.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** PostgreSQL could not be started here; the message says why and what to install. */
export class PostgresUnavailableError extends Error {
  override readonly name = 'PostgresUnavailableError';
}

export interface ThrowawayPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` */
  url: string;
  port: number;
  /** A URL for database `name` on this server (create it first with `createDatabase`). */
  urlFor(name: string): string;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): string;
  stop(): Promise<void>;
}

/** The directory holding `initdb`, `pg_ctl` and `psql`: `PG_BINDIR`, `pg_config`, or Debian's. */
export function findPostgresBinaries(): string | undefined {
  const fromEnv = process.env.PG_BINDIR;
  if (fromEnv && existsSync(join(fromEnv, 'initdb'))) return fromEnv;
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    if (existsSync(join(dir, 'initdb'))) return dir;
  } catch {
    // no pg_config on the PATH: look where Debian puts the server
  }
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((name) => /^\d+$/.test(name) && existsSync(join(root, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(root, versions[0], 'bin');
}

/** The uid and gid of the `postgres` account (from /etc/passwd), for a server started by root. */
function postgresAccount(): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (uid === undefined || gid === undefined)
    throw new PostgresUnavailableError(
      'running as root, and there is no "postgres" account to run the server as (apt-get install postgresql creates it)',
    );
  return { uid: Number(uid), gid: Number(gid) };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a server. Throws `PostgresUnavailableError` (with the reason) when it cannot: no
 * binaries, no `postgres` account as root, or the server failed to start (its log is quoted).
 */
export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const bin = findPostgresBinaries();
  if (!bin)
    throw new PostgresUnavailableError(
      'no PostgreSQL server binaries (initdb, pg_ctl) found: install Debian\'s "postgresql" package or set PG_BINDIR',
    );
  const asRoot = process.getuid?.() === 0;
  const account = asRoot ? postgresAccount() : undefined;
  const dir = await mkdtemp(join(tmpdir(), 'covage-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  if (account) {
    await chmod(dir, 0o700);
    await chown(dir, account.uid, account.gid);
  }
  const run = (command: string, args: string[]) => {
    const result = spawnSync(join(bin, command), args, {
      encoding: 'utf8',
      ...(account ?? {}),
      env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
    });
    if (result.status !== 0) {
      const logText = existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : '';
      throw new PostgresUnavailableError(
        `${command} failed (${result.error?.message ?? `exit ${result.status}`}): ${(result.stderr || result.stdout || '').trim().slice(-1000)}${logText ? `\nserver log:\n${logText}` : ''}`,
      );
    }
  };
  const port = await freePort();
  try {
    run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync']);
    // fsync off: the tests kill clients, never this server; it makes the suite faster on small disks.
    const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200`;
    run('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '60', '-o', serverOptions, 'start']);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  let stopped = false;
  const stopNow = () => {
    if (stopped) return;
    stopped = true;
    spawnSync(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], {
      ...(account ?? {}),
    });
  };
  // A test run that ends without calling stop() must not leave a server behind.
  process.once('exit', stopNow);
  const urlFor = (name: string) =>
    `postgres://postgres@127.0.0.1:${port}/${encodeURIComponent(name)}`;
  return {
    url: urlFor('postgres'),
    port,
    urlFor,
    createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name))
        throw new RangeError(`database name "${name}": lower-case letters, digits and _ only`);
      run('psql', [
        '-h',
        dir,
        '-p',
        String(port),
        '-U',
        'postgres',
        '-qAt',
        '-c',
        `CREATE DATABASE ${name}`,
      ]);
      return urlFor(name);
    },
    async stop() {
      stopNow();
      process.removeListener('exit', stopNow);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
