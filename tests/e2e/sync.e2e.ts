import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBackOffice, type BackOffice } from '../../server/back-office';
import { createEnrollmentCode } from '../../server/directory/enrollment';
import { storeByCode } from '../../server/directory/lookup';
import { startNetworkSwitch, type NetworkSwitch } from '../support/network-switch';
import { readDb, type Running } from './counter-helpers';
import { expect, signIn, startWebApp, test } from './fixtures';

/**
 * Two desktops and the back office, for real: a clerk's till at NY01 and a regional manager's
 * laptop whose line to the back office goes through a switch the test cuts and restores. The
 * clerk files a refund that needs a manager while the manager is offline; the manager comes
 * online, approves from the queue; the clerk's open screen shows the approval without a reload.
 */
test.describe('sync between a store and a travelling manager', () => {
  test.describe.configure({ mode: 'serial' });
  let office: BackOffice;
  let officeDir: string;
  let managerLine: NetworkSwitch;
  let clerk: Running;
  let manager: Running;

  async function codeFor(storeCode: string, scope: 'store' | 'region'): Promise<string> {
    const store = await storeByCode(office.db, storeCode);
    const { code } = await createEnrollmentCode(office.db, {
      storeId: store!.id,
      scope,
      ttlMinutes: 30,
      createdBy: null,
      createdByDevice: null,
      now: new Date(),
    });
    return code;
  }

  /** Waits until a desktop has enrolled and pulled the back office's orders. */
  async function synced(app: Running): Promise<void> {
    await expect
      .poll(
        () =>
          readDb(
            app.app,
            (db) => (db.prepare('SELECT count(*) AS n FROM orders').get() as { n: number }).n,
          ),
        {
          timeout: 60_000,
        },
      )
      .toBeGreaterThan(0);
  }

  test.beforeAll(async () => {
    officeDir = mkdtempSync(join(tmpdir(), 'returndesk-e2e-bo-'));
    office = await startBackOffice({ dataDir: officeDir, seedDemo: true });
    managerLine = await startNetworkSwitch(office.url);
    clerk = await startWebApp({
      store: 'NY01',
      backOfficeUrl: office.url,
      enrollmentCode: await codeFor('NY01', 'store'),
      syncIntervalMs: 1000,
    });
    manager = await startWebApp({
      store: 'BO01',
      backOfficeUrl: managerLine.url,
      enrollmentCode: await codeFor('BO01', 'region'),
      syncIntervalMs: 1000,
    });
    await synced(clerk);
    await synced(manager);
  });

  test.afterAll(async () => {
    await clerk?.stop();
    await manager?.stop();
    await managerLine?.close();
    await office?.close();
    for (const dir of [clerk?.app.dataDir, manager?.app.dataDir, officeDir])
      if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('a 300 USD request waits for the offline manager, who approves once back online; the clerk sees it live', async ({
    browser,
  }) => {
    // The manager's laptop loses its line before the request exists.
    managerLine.down();

    // A US order of the back office's with one returnable line near 300 USD.
    const order = readDb(
      clerk.app,
      (db) =>
        db
          .prepare(
            `SELECT o.amazon_order_id AS amazonOrderId FROM orders o
            WHERE o.marketplace = 'US' AND o.status = 'Delivered'
              AND o.delivered_at >= strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-20 days')
              AND (SELECT count(*) FROM order_lines l WHERE l.order_id = o.id) = 1
              AND EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND l.quantity = 1
                          AND l.category NOT IN ('software','books_media','grocery')
                          AND l.unit_price_minor BETWEEN 15000 AND 60000)
            ORDER BY abs((SELECT l.unit_price_minor FROM order_lines l WHERE l.order_id = o.id) - 30000),
                     o.delivered_at DESC
            LIMIT 1`,
          )
          .get() as { amazonOrderId: string } | undefined,
    );
    expect(order, 'a suitable demo order').toBeDefined();

    const clerkPage = await browser.newPage();
    await clerkPage.goto(clerk.app.openUrl);
    await signIn(clerkPage, 'clerk.ny01', '1234');
    await expect(clerkPage.getByTestId('home-clerk')).toBeVisible();
    // Typed rather than scanned: two desktops, a back office and Chromium share two cores
    // here, and a scan's keys must come faster than a loaded machine types them.
    await clerkPage.getByRole('button', { name: 'Returns' }).click();
    await clerkPage.getByLabel('Find order').fill(order!.amazonOrderId);
    await clerkPage.getByLabel('Find order').press('Enter');
    await expect(clerkPage.getByLabel('Reason', { exact: true })).toBeFocused();
    await clerkPage.keyboard.press('d'); // Defective or does not work
    await expect(clerkPage.getByTestId('assess-verdict')).toBeVisible();
    await clerkPage.keyboard.press('Enter'); // Take return
    await expect(clerkPage.getByRole('button', { name: 'Request refund' })).toBeFocused();
    await clerkPage.keyboard.press('Enter'); // Request refund
    const status = clerkPage.getByTestId('refund-status').first();
    await expect(status).toHaveAttribute('data-status', 'pending_approval');

    // The request reaches the back office from the till.
    await expect
      .poll(
        () =>
          readDb(
            clerk.app,
            (db) =>
              (
                db.prepare("SELECT count(*) AS n FROM outbox WHERE status = 'pending'").get() as {
                  n: number;
                }
              ).n,
          ),
        { timeout: 30_000 },
      )
      .toBe(0);

    // The manager, still offline, sees nothing waiting.
    const managerPage = await browser.newPage();
    await managerPage.goto(manager.app.openUrl);
    await signIn(managerPage, 'rm.na', '1357');
    await expect(managerPage.getByTestId('home-regional_manager')).toBeVisible();
    await managerPage
      .getByRole('button', { name: /approvals/i })
      .first()
      .click();
    await expect(managerPage.getByTestId('approvals-screen')).toBeVisible();
    await expect(managerPage.getByTestId('approval-item')).toHaveCount(0);

    // Back online: the laptop syncs by itself and the request appears in the queue.
    managerLine.up();
    const item = managerPage.getByTestId('approval-item');
    await expect(item).toHaveCount(1, { timeout: 90_000 });
    await item.getByLabel('Comment').fill('Called the store: item checked');
    await item.getByRole('button', { name: 'Approve' }).click();
    await expect(managerPage.getByTestId('approval-item')).toHaveCount(0);

    // The clerk's screen, untouched since, shows the approval.
    await expect(status).toHaveAttribute('data-status', 'approved', { timeout: 60_000 });
    readDb(clerk.app, (db) => {
      const row = db
        .prepare(
          `SELECT r.status, a.method, a.decision, u.username FROM refund_requests r
             JOIN approvals a ON a.refund_request_id = r.id JOIN users u ON u.id = a.decided_by`,
        )
        .get();
      expect(row).toEqual({
        status: 'approved',
        method: 'queue',
        decision: 'approved',
        username: 'rm.na',
      });
    });
  });
});
