import { join } from 'node:path';
import { openDatabase } from '../../db/open';
import { isEmpty } from '../../db/seed/demo';
import { BackendCore, type Log } from './core';
import { DEFAULT_DEMO_STORE, seedDemoDatabase } from './demo-seed';
import { loadDeviceContext } from './device';
import { handlers } from './handlers';
import { createDispatch } from './registry';
import { fileCredentialStore } from './sync/credentials';
import type { Backend, BackendOptions } from './types';

export const DATABASE_FILE = 'returndesk.sqlite';

const jsonLog: Log = (line) =>
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), ...line })}\n`);

/**
 * The desktop backend, the same in Electron and in browser mode: opens (and if need be
 * migrates) the local database, seeds the demo chain on a fresh install, and answers calls.
 */
export async function createBackend(options: BackendOptions): Promise<Backend> {
  const now = options.now ?? Date.now;
  const log = options.log ?? jsonLog;
  const opened = openDatabase({
    file: join(options.dataDir, DATABASE_FILE),
    migrationsDir: options.migrationsDir,
    now,
  });
  try {
    if (opened.backupFile)
      log({ level: 'info', msg: 'database upgraded', backup: opened.backupFile });
    if (isEmpty(opened.db) && options.seedDemo !== false) {
      await seedDemoDatabase(opened.db, options.storeCode ?? DEFAULT_DEMO_STORE, now(), {
        orders: !options.sync?.backOfficeUrl,
      });
      log({
        level: 'info',
        msg: 'seeded demo data',
        store: options.storeCode ?? DEFAULT_DEMO_STORE,
      });
    }
    const resourcesDir =
      options.resourcesDir ?? join(options.migrationsDir, '..', '..', 'resources');
    const { credentials, ...sync } = options.sync ?? {};
    const core = new BackendCore(
      opened.db,
      loadDeviceContext(opened.db),
      now,
      log,
      resourcesDir,
      { platform: options.printing, queue: options.printQueue },
      { ...sync, credentials: credentials ?? fileCredentialStore(options.dataDir) },
    );
    const dispatch = createDispatch(core, handlers);
    core.printing.start();
    core.sync.start();
    return {
      dispatch,
      onEvent: (listener) => core.onEvent(listener),
      dropChannel: (channel) => core.sessions.end(channel),
      close: () => {
        // Sync and the print worker first: neither may write once the database is closed.
        core.sync.stop();
        core.printing.stop();
        opened.close();
      },
    };
  } catch (error) {
    opened.close();
    throw error;
  }
}
