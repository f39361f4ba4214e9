import { createHash, randomUUID } from 'node:crypto';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS_DIR, tempDir } from '../../db/testing/temp-dir';
import type { CallInput, CallName, CallOutput, Envelope } from '../../shared/contracts';
import { DEMO_SECRETS } from '../../shared/demo-data';
import { createBackend, DATABASE_FILE } from './backend';
import type { Backend, BackendOptions } from './types';

const START = Date.parse('2026-11-21T15:00:00.000Z');
const templates = new Map<string, Promise<string>>();

/**
 * Seeding hashes every demo user's PIN with the real (slow) scrypt, so each test file seeds a
 * store's database once and each test gets a copy of the file.
 */
function seededTemplate(storeCode: string): Promise<string> {
  let template = templates.get(storeCode);
  if (!template) {
    template = (async () => {
      const { dir } = tempDir('returndesk-template-');
      const seeded = await createBackend({
        dataDir: dir,
        migrationsDir: MIGRATIONS_DIR,
        storeCode,
        now: () => START,
        log: () => {},
      });
      seeded.close();
      return join(dir, DATABASE_FILE);
    })();
    templates.set(storeCode, template);
  }
  return template;
}

/** A real backend on a temp SQLite file with the demo chain, a movable clock, and typed calls. */
export async function testBackend(
  options: { storeCode?: string } & Pick<BackendOptions, 'printing' | 'printQueue' | 'sync'> = {},
) {
  const { dir, cleanup } = tempDir('returndesk-backend-');
  copyFileSync(await seededTemplate(options.storeCode ?? 'NY01'), join(dir, DATABASE_FILE));
  // Every copy of the template would be the same desktop; a syncing one must be its own device
  // (a fresh install makes its own id), or the back office would refuse the second to enrol.
  if (options.sync) {
    const copy = new Database(join(dir, DATABASE_FILE));
    copy.prepare('UPDATE devices SET id = ? WHERE is_local = 1').run(randomUUID());
    copy.close();
  }
  const clock = { now: START };
  const logs: Record<string, unknown>[] = [];
  const backend: Backend = await createBackend({
    dataDir: dir,
    migrationsDir: MIGRATIONS_DIR,
    storeCode: options.storeCode ?? 'NY01',
    now: () => clock.now,
    log: (line) => logs.push(line),
    printing: options.printing,
    printQueue: options.printQueue,
    sync: options.sync,
  });
  const file = join(dir, DATABASE_FILE);
  const call = <N extends CallName>(channel: string, name: N, input: CallInput<N>) =>
    backend.dispatch(channel, name, input) as Promise<Envelope<CallOutput<N>>>;
  const ok = async <N extends CallName>(
    channel: string,
    name: N,
    input: CallInput<N>,
  ): Promise<CallOutput<N>> => {
    const result = await call(channel, name, input);
    if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
    return result.data;
  };
  /** Reads with a separate connection, as an outside observer of the file would. */
  const query = <T>(sql: string, ...params: unknown[]): T[] => {
    const reader = new Database(file, { readonly: true });
    try {
      return reader.prepare(sql).all(...params) as T[];
    } finally {
      reader.close();
    }
  };
  /** A digest of every row of every table: equal digests mean nothing was changed. */
  const fingerprint = (): string => {
    const hash = createHash('sha256');
    const tables = query<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
    );
    for (const { name } of tables) {
      // Sorted in JS: some tables (FTS shadow tables) have no rowid to order by.
      const rows = query(`SELECT * FROM "${name}"`)
        .map((row) => JSON.stringify(row))
        .sort();
      hash.update(name).update(rows.join('\n'));
    }
    return hash.digest('hex');
  };
  const signIn = (channel: string, username: string, secret: string) =>
    ok(channel, 'auth.signIn', { username, secret });
  return {
    backend,
    /** The folder of the database file, to open another backend on it (a restart). */
    dataDir: dir,
    clock,
    logs,
    call,
    ok,
    query,
    fingerprint,
    signIn,
    secrets: DEMO_SECRETS,
    close: () => {
      backend.close();
      cleanup();
    },
  };
}

export type TestBackend = Awaited<ReturnType<typeof testBackend>>;
