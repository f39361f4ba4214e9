import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { DEFAULT_MIGRATIONS_DIR } from '../back-office';
import { ENGINES, type Engine } from '../testing/engines';
import { POSTGRES_MISSING_MESSAGE, createTestDatabase } from '../testing/postgres';
import { queryRows } from './client';
import { openDatabase } from './open';
import { PgliteInUseError } from './pglite-lock';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function target(engine: Engine) {
  const dataDir = mkdtempSync(join(tmpdir(), 'returndesk-open-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  if (engine === 'pglite') return { dataDir };
  const server = inject('postgresUrl');
  if (!server) throw new Error(inject('postgresError') ?? POSTGRES_MISSING_MESSAGE);
  const database = await createTestDatabase(server, `rd_open_${randomBytes(6).toString('hex')}`);
  cleanups.push(() => database.drop());
  return { dataDir, databaseUrl: database.url };
}

describe.each(ENGINES)('opening the database on %s', (engine) => {
  it('applies every committed migration to a fresh database, then is ready; closed, it is not', async () => {
    const where = await target(engine);
    const database = await openDatabase({ ...where, migrationsDir: DEFAULT_MIGRATIONS_DIR });
    expect(database.migrations.applied).toBe(database.migrations.known);
    const tables = await queryRows<{ name: string }>(
      database.db,
      sql`select table_name as name from information_schema.tables where table_schema = 'public'`,
    );
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(['sync_rows', 'devices', 'audit_events', 'review_flags', 'orders']),
    );
    expect(await database.readiness()).toMatchObject({ ready: true });
    await database.close();
    expect(await database.readiness()).toMatchObject({ ready: false });
  });

  it('refuses a database a newer back office has migrated, without touching it', async () => {
    const where = await target(engine);
    const first = await openDatabase({ ...where, migrationsDir: DEFAULT_MIGRATIONS_DIR });
    await first.db.execute(
      sql`insert into drizzle.__drizzle_migrations (hash, created_at) values ('from-the-future', 99999999999999)`,
    );
    await first.close();
    await expect(openDatabase({ ...where, migrationsDir: DEFAULT_MIGRATIONS_DIR })).rejects.toThrow(
      /newer version/,
    );
  });
});

describe('the embedded database', () => {
  it('is refused to a second process while the first has it', async () => {
    const where = await target('pglite');
    const database = await openDatabase({ ...where, migrationsDir: DEFAULT_MIGRATIONS_DIR });
    cleanups.push(() => database.close());
    // This process holds it; pretend another live process (our parent) does.
    writeFileSync(join(where.dataDir, 'pglite.lock'), String(process.ppid));
    await expect(openDatabase({ ...where, migrationsDir: DEFAULT_MIGRATIONS_DIR })).rejects.toThrow(
      PgliteInUseError,
    );
  });
});
