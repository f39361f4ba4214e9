import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { DEMO_SECRETS } from '../../shared/demo-data';
import type { CallName } from '../../shared/contracts';
import { createBackend, DATABASE_FILE } from '../../electron/backend/backend';
import { verifySecret } from '../../electron/backend/auth/password';
import { report, timeAsync, timeSync } from './stats';

/**
 * Backend call latency on the demo database, in-process (what a call costs the backend, not
 * the bridge). Baselines from the same run: the bare scrypt verify for sign-in, and a raw
 * prepared SQLite primary-key query for every other call.
 */
export async function benchCalls(seededFile: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'returndesk-bench-calls-'));
  copyFileSync(seededFile, join(dir, DATABASE_FILE));
  const backend = await createBackend({
    dataDir: dir,
    migrationsDir: resolve(import.meta.dirname, '..', '..', 'db', 'migrations'),
    log: () => {},
  });
  const raw = new Database(join(dir, DATABASE_FILE), { readonly: true });
  const hash = (
    raw.prepare("SELECT secret_hash FROM users WHERE username = 'clerk.ny01'").get() as {
      secret_hash: string;
    }
  ).secret_hash;
  const store = raw.prepare("SELECT id FROM stores WHERE code = 'NY01'").get() as { id: string };

  const signIns: number[] = [];
  const scrypts: number[] = [];
  for (let i = 0; i < 20; i++) {
    signIns.push(
      await timeAsync(() =>
        backend.dispatch(`bench-${i}`, 'auth.signIn', {
          username: 'clerk.ny01',
          secret: DEMO_SECRETS.clerk,
        }),
      ),
    );
    scrypts.push(await timeAsync(() => verifySecret(DEMO_SECRETS.clerk, hash)));
  }
  console.log('\nSign-in (budget: under 300 ms, slow hash included)');
  report('auth.signIn', signIns, scrypts, 'scrypt verify alone');

  await backend.dispatch('mgr', 'auth.signIn', {
    username: 'manager.ny01',
    secret: DEMO_SECRETS.store_manager,
  });
  await backend.dispatch('adm', 'auth.signIn', { username: 'admin', secret: DEMO_SECRETS.admin });
  await backend.dispatch('fin', 'auth.signIn', {
    username: 'finance',
    secret: DEMO_SECRETS.finance,
  });
  const pk = raw.prepare('SELECT * FROM users WHERE id = ?');
  const userId = (
    raw.prepare("SELECT id FROM users WHERE username = 'clerk.ny01'").get() as { id: string }
  ).id;

  const cases: [string, CallName, unknown][] = [
    ['bench-0', 'session.current', {}],
    ['bench-0', 'auth.tillUsers', {}],
    ['bench-0', 'orders.recent', { storeId: store.id, limit: 20 }],
    ['bench-0', 'directory.stores', {}],
    ['bench-0', 'sync.status', {}],
    ['bench-0', 'settings.get', { storeId: store.id }],
    ['mgr', 'users.list', { storeId: store.id }],
    ['mgr', 'settings.update', { storeId: store.id, key: 'idleLockSeconds', value: 300 }],
    ['mgr', 'me.setLanguage', { language: 'en' }],
    ['adm', 'audit.recent', { limit: 50 }],
    ['fin', 'finance.orderTotals', { days: 30 }],
  ];
  console.log(
    '\nOther calls on the demo data (budget: p99 under 5 ms in the backend), 500 calls each',
  );
  for (const [channel, name, input] of cases) {
    const ours: number[] = [];
    const base: number[] = [];
    for (let i = 0; i < 550; i++) {
      const t = await timeAsync(() =>
        backend.dispatch(channel, name, input).then((r) => {
          if (!r.ok) throw new Error(`${name}: ${r.error.code}`);
        }),
      );
      const b = timeSync(() => pk.get(userId));
      if (i >= 50) {
        ours.push(t);
        base.push(b);
      }
    }
    report(name, ours, base, 'raw SQLite pk query');
  }
  const verifyTimes: number[] = [];
  const verifyBase: number[] = [];
  for (let i = 0; i < 20; i++) {
    verifyTimes.push(await timeAsync(() => backend.dispatch('adm', 'audit.verify', {})));
    verifyBase.push(timeSync(() => pk.get(userId)));
  }
  const events = (raw.prepare('SELECT count(*) AS n FROM audit_events').get() as { n: number }).n;
  report(`audit.verify (${events} events)`, verifyTimes, verifyBase, 'raw SQLite pk query');
  raw.close();
  backend.close();
  rmSync(dir, { recursive: true, force: true });
}
