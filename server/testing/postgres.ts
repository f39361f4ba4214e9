import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/**
 * A throwaway PostgreSQL cluster for the tests (DESIGN.md §11: a real PostgreSQL, Debian's
 * package): initdb into a temp folder, `trust` auth, listening on 127.0.0.1 and a socket in
 * that folder, fsync off (nothing here must survive a crash). As root, the cluster runs as the
 * `postgres` user, who must own its folder (PostgreSQL refuses to run as root).
 */
export interface ThrowawayPostgres {
  /** Superuser URL of the `postgres` database. */
  url: string;
  stop(): Promise<void>;
}

export const POSTGRES_MISSING_MESSAGE =
  "PostgreSQL server binaries (initdb, pg_ctl) were not found. Install Debian's package " +
  '(`apt-get install postgresql`), set RETURNDESK_PG_BIN to their folder, or point ' +
  'RETURNDESK_TEST_DATABASE_URL at a PostgreSQL server the tests may create databases on.';

/** The newest /usr/lib/postgresql/<version>/bin, or RETURNDESK_PG_BIN. */
export function findPostgresBin(): string | null {
  const explicit = process.env.RETURNDESK_PG_BIN;
  if (explicit) return existsSync(join(explicit, 'initdb')) ? explicit : null;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function postgresUser(): Promise<{ uid: number; gid: number } | null> {
  if (process.getuid?.() !== 0) return null;
  const { stdout: uid } = await run('id', ['-u', 'postgres']);
  const { stdout: gid } = await run('id', ['-g', 'postgres']);
  return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
}

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const bin = findPostgresBin();
  if (!bin) throw new Error(POSTGRES_MISSING_MESSAGE);
  const owner = await postgresUser();
  const dir = mkdtempSync(join(tmpdir(), 'returndesk-pg-'));
  const dataDir = join(dir, 'data');
  if (owner) {
    chownSync(dir, owner.uid, owner.gid);
    chmodSync(dir, 0o700);
  }
  // As root, run each tool as `postgres`; otherwise as ourselves.
  const as = (tool: string, args: string[]) =>
    owner
      ? run('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args])
      : run(join(bin, tool), args);
  const port = await freePort();
  try {
    await as('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
    await as('pg_ctl', [
      '-D',
      dataDir,
      '-l',
      join(dir, 'postgres.log'),
      '-w',
      '-t',
      '60',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
      'start',
    ]);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`Could not start a throwaway PostgreSQL: ${(error as Error).message}`, {
      cause: error,
    });
  }
  // A run that exits without its teardown (an uncaught error, process.exit) still stops the
  // cluster; only SIGKILL can leave one behind (then: pg_ctl -D /tmp/returndesk-pg-*/data stop).
  const stopNow = () => {
    const args = ['-D', dataDir, '-m', 'immediate', '-w', 'stop'];
    try {
      if (owner) execFileSync('runuser', ['-u', 'postgres', '--', join(bin, 'pg_ctl'), ...args]);
      else execFileSync(join(bin, 'pg_ctl'), args);
    } catch {
      // Already stopped.
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stopNow);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      process.removeListener('exit', stopNow);
      try {
        await as('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * A database of its own for one test file (a copy of `template` when given: PostgreSQL copies
 * files, far quicker than migrating and seeding again), dropped (connections and all) afterwards.
 */
export async function createTestDatabase(
  serverUrl: string,
  name: string,
  template?: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"${template ? ` template "${template}"` : ''}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
