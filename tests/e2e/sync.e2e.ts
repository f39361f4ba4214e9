import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBackOffice, type BackOffice } from '../../server/back-office';
import { startNetworkSwitch, type NetworkSwitch } from '../support/network-switch';
import { readDb, type Running } from './counter-helpers';
import {
  clerkRequestsRefund,
  countRows,
  enrollmentCodeFor,
  orderNear300Usd,
  pulledOrders,
} from './back-office-scene';
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

  test.beforeAll(async () => {
    officeDir = mkdtempSync(join(tmpdir(), 'returndesk-e2e-bo-'));
    office = await startBackOffice({ dataDir: officeDir, seedDemo: true });
    managerLine = await startNetworkSwitch(office.url);
    clerk = await startWebApp({
      store: 'NY01',
      backOfficeUrl: office.url,
      enrollmentCode: await enrollmentCodeFor(office, 'NY01', 'store'),
      syncIntervalMs: 1000,
    });
    manager = await startWebApp({
      store: 'BO01',
      backOfficeUrl: managerLine.url,
      enrollmentCode: await enrollmentCodeFor(office, 'BO01', 'region'),
      syncIntervalMs: 1000,
    });
    await pulledOrders(clerk);
    await pulledOrders(manager);
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

    const clerkPage = await browser.newPage();
    const status = await clerkRequestsRefund(clerkPage, clerk.app.openUrl, orderNear300Usd(clerk));
    await expect(status).toHaveAttribute('data-status', 'pending_approval');

    // The request reaches the back office from the till.
    await expect
      .poll(() => countRows(clerk, "SELECT count(*) AS n FROM outbox WHERE status = 'pending'"), {
        timeout: 30_000,
      })
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
    await item.getByRole('button', { name: 'Approve', exact: true }).click();
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
