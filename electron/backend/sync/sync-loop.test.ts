import { afterEach, describe, expect, it, vi } from 'vitest';
import { MIGRATIONS_DIR } from '../../../db/testing/temp-dir';
import type { SyncStatus } from '../../../shared/contracts';
import { createBackend } from '../backend';
import type { TestBackend } from '../testing';
import type { ScriptedBackOffice } from './scripted-back-office';
import { recordEvents, syncingBackend } from './testing';

const MANAGER = 'manager-till';
const PULL = '/v1/sync/pull';

/** The loop on its own timers: short intervals, a fixed jitter, a real HTTP back office. */
describe('the background sync loop', () => {
  let t: TestBackend;
  let office: ScriptedBackOffice;
  afterEach(async () => {
    t?.close();
    await office?.close();
  });

  const statuses = (events: { event: string; payload: unknown }[]) =>
    events.filter((e) => e.event === 'sync.status').map((e) => e.payload as SyncStatus);
  const pulls = () => office.requests.filter((r) => r.path === PULL);

  it('backs off exponentially with jitter while the back office fails, then comes back online', async () => {
    ({ t, office } = await syncingBackend({
      intervalMs: 40,
      debounceMs: 10,
      random: () => 0.5,
      maxBackoffMs: 10_000,
    }));
    const events = recordEvents(t);
    await vi.waitFor(() => expect(pulls().length).toBeGreaterThanOrEqual(1));

    office.failWith(PULL, 503, 'INTERNAL', 'the database is restarting');
    const firstFailure = pulls().length;
    await vi.waitFor(
      () =>
        expect(t.logs.filter((l) => l.msg === 'sync retry scheduled').map((l) => l.inMs)).toEqual([
          60, 120, 240,
        ]),
      { timeout: 3000 },
    );
    // Half the ceiling plus a random half of it (2, 4, 8 intervals as ceilings), and the
    // attempts really were that far apart.
    await vi.waitFor(() => expect(pulls().length).toBeGreaterThanOrEqual(firstFailure + 4));
    const attempts = pulls()
      .slice(firstFailure, firstFailure + 4)
      .map((r) => r.receivedAt);
    const gaps = attempts.slice(1).map((at, i) => at - attempts[i]!);
    expect(gaps[0]).toBeGreaterThanOrEqual(55);
    expect(gaps[1]).toBeGreaterThanOrEqual(115);
    expect(gaps[2]).toBeGreaterThanOrEqual(235);
    const offline = statuses(events).find((s) => s.backOffice === 'offline');
    expect(offline?.lastError).toEqual({
      code: 'INTERNAL',
      message: 'the database is restarting',
      traceId: expect.stringMatching(/^trace-/),
    });

    office.heal();
    await vi.waitFor(() => expect(statuses(events).at(-1)?.backOffice).toBe('online'), {
      timeout: 3000,
    });
    const back = statuses(events).at(-1)!;
    expect(back.lastError).toBeNull();
    expect(back.lastSyncedAt).not.toBeNull();
    // Healthy again: the regular interval, no more backoff.
    const before = t.logs.filter((l) => l.msg === 'sync retry scheduled').length;
    const pullsBefore = pulls().length;
    await vi.waitFor(() => expect(pulls().length).toBeGreaterThan(pullsBefore + 2));
    expect(t.logs.filter((l) => l.msg === 'sync retry scheduled')).toHaveLength(before);
  });

  it('syncs shortly after a local change, not only on its interval', async () => {
    ({ t, office } = await syncingBackend({ intervalMs: 3_600_000, debounceMs: 30 }));
    await t.signIn(MANAGER, 'manager.ny01', t.secrets.store_manager);
    await t.ok(MANAGER, 'sync.now', {});
    const pushes = () => office.requests.filter((r) => r.path === '/v1/sync/push');
    const before = pushes().length;
    await t.ok(MANAGER, 'me.setLanguage', { language: 'zh-CN' });
    await vi.waitFor(() => expect(pushes().length).toBe(before + 1), { timeout: 2000 });
    expect((pushes().at(-1)!.body as { mutations: { name: string }[] }).mutations).toEqual([
      expect.objectContaining({ name: 'users.setLanguage' }),
    ]);
    await vi.waitFor(async () =>
      expect((await t.ok(MANAGER, 'sync.status', {})).pendingMutations).toBe(0),
    );
  });

  it('gives up on a back office that does not answer in time, and says it is offline', async () => {
    ({ t, office } = await syncingBackend({ requestTimeoutMs: 150 }));
    await t.signIn(MANAGER, 'manager.ny01', t.secrets.store_manager);
    await t.ok(MANAGER, 'sync.now', {});
    office.route(PULL, () => 'hang');
    const started = Date.now();
    const status = await t.ok(MANAGER, 'sync.now', {});
    expect(Date.now() - started).toBeLessThan(2000);
    expect(status).toMatchObject({
      backOffice: 'offline',
      lastError: { code: 'TIMEOUT', traceId: null },
    });
  });

  it('says it is offline when nothing listens at the address', async () => {
    ({ t, office } = await syncingBackend());
    await t.signIn(MANAGER, 'manager.ny01', t.secrets.store_manager);
    expect((await t.ok(MANAGER, 'sync.now', {})).backOffice).toBe('online');
    await office.close();
    const status = await t.ok(MANAGER, 'sync.now', {});
    expect(status).toMatchObject({ backOffice: 'offline', lastError: { code: 'UNREACHABLE' } });
    expect(status.lastError!.message).toMatch(/ECONNREFUSED/);
  });

  it('keeps answering calls while a round waits on a hung back office', async () => {
    ({ t, office } = await syncingBackend({ requestTimeoutMs: 60_000, intervalMs: 20 }));
    await t.signIn(MANAGER, 'manager.ny01', t.secrets.store_manager);
    await vi.waitFor(() => expect(pulls().length).toBeGreaterThanOrEqual(1));
    office.route(PULL, () => 'hang');
    const hung = pulls().length;
    await vi.waitFor(() => expect(pulls().length).toBe(hung + 1));
    const started = Date.now();
    await t.ok(MANAGER, 'me.setLanguage', { language: 'zh-CN' });
    expect(await t.ok(MANAGER, 'sync.status', {})).toMatchObject({ pendingMutations: 1 });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('stops for good on DEVICE_REVOKED, shows it, and stays stopped after a restart', async () => {
    ({ t, office } = await syncingBackend({ intervalMs: 20 }));
    const events = recordEvents(t);
    await vi.waitFor(() => expect(pulls().length).toBeGreaterThanOrEqual(1));
    office.failWith('*', 401, 'DEVICE_REVOKED', 'This device was revoked by admin.');
    await vi.waitFor(() => expect(statuses(events).at(-1)?.backOffice).toBe('revoked'));
    expect(statuses(events).at(-1)!.lastError).toMatchObject({ code: 'DEVICE_REVOKED' });

    const requests = office.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 200)); // ten intervals
    expect(office.requests).toHaveLength(requests);
    await t.signIn(MANAGER, 'manager.ny01', t.secrets.store_manager);
    expect((await t.ok(MANAGER, 'sync.now', {})).backOffice).toBe('revoked');
    expect(office.requests).toHaveLength(requests);

    // The revocation is on record: a restarted app does not try again either.
    t.backend.close();
    const restarted = await createBackend({
      dataDir: t.dataDir,
      migrationsDir: MIGRATIONS_DIR,
      log: () => {},
      sync: { backOfficeUrl: office.url, intervalMs: 20 },
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(office.requests).toHaveLength(requests);
    } finally {
      restarted.close();
    }
  });

  it('closes cleanly with a request in flight, writing nothing afterwards', async () => {
    ({ t, office } = await syncingBackend({ intervalMs: 20 }));
    await vi.waitFor(() => expect(pulls().length).toBeGreaterThanOrEqual(1));
    office.route(PULL, () => 'hang');
    const hung = pulls().length;
    await vi.waitFor(() => expect(pulls().length).toBe(hung + 1));
    t.backend.close();
    // An unhandled rejection (a write to the closed database) would fail this test file.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(t.logs.filter((l) => l.level === 'error')).toEqual([]);
  });
});
