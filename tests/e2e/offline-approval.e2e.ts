import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { startBackOffice, type BackOffice } from '../../server/back-office';
import { approvals, refundRequests } from '../../server/database/schema';
import { executableRefundRequests } from '../../server/refunds/executable';
import { startNetworkSwitch, type NetworkSwitch } from '../support/network-switch';
import { readDb, type Running } from './counter-helpers';
import {
  clerkRequestsRefund,
  countRows,
  enrollmentCodeFor,
  orderNear300Usd,
} from './back-office-scene';
import { expect, signIn, startWebApp, test } from './fixtures';

/**
 * Issue #7 end to end: a store's till and a regional manager's laptop, both cut off from the
 * back office. The clerk files a 300 USD refund and asks for a challenge; the manager (the test
 * reads the clerk's screen and types into the manager's, as a phone call would) makes a code
 * on their laptop; the clerk types it and completes the return "approved offline, awaiting
 * confirmation". Back online, the back office checks part B and confirms: the clerk's screen
 * shows it, and the request is executable exactly once.
 */
test.describe('approval by phone code while both desktops are offline', () => {
  test.describe.configure({ mode: 'serial' });
  let office: BackOffice;
  let officeDir: string;
  let clerkLine: NetworkSwitch;
  let managerLine: NetworkSwitch;
  let clerk: Running;
  let manager: Running;

  const count = countRows;

  test.beforeAll(async () => {
    officeDir = mkdtempSync(join(tmpdir(), 'returndesk-e2e-bo-'));
    office = await startBackOffice({ dataDir: officeDir, seedDemo: true });
    clerkLine = await startNetworkSwitch(office.url);
    managerLine = await startNetworkSwitch(office.url);
    clerk = await startWebApp({
      store: 'NY01',
      backOfficeUrl: clerkLine.url,
      enrollmentCode: await enrollmentCodeFor(office, 'NY01', 'store'),
      syncIntervalMs: 1000,
    });
    manager = await startWebApp({
      store: 'BO01',
      backOfficeUrl: managerLine.url,
      enrollmentCode: await enrollmentCodeFor(office, 'BO01', 'region'),
      syncIntervalMs: 1000,
    });
    // Enrolled and synced: the orders, and the keys each may hold.
    for (const [app, sql] of [
      [clerk, 'SELECT count(*) AS n FROM manager_store_keys'],
      [manager, 'SELECT count(*) AS n FROM manager_key_secrets'],
    ] as const) {
      await expect
        .poll(() => count(app, 'SELECT count(*) AS n FROM orders'), { timeout: 60_000 })
        .toBeGreaterThan(0);
      await expect.poll(() => count(app, sql), { timeout: 60_000 }).toBeGreaterThan(0);
    }
    // The till never holds a secret.
    expect(count(clerk, 'SELECT count(*) AS n FROM manager_key_secrets')).toBe(0);
  });

  test.afterAll(async () => {
    await clerk?.stop();
    await manager?.stop();
    await clerkLine?.close();
    await managerLine?.close();
    await office?.close();
    for (const dir of [clerk?.app.dataDir, manager?.app.dataDir, officeDir])
      if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('the clerk completes the return with the manager’s code; the back office confirms it once', async ({
    browser,
  }) => {
    test.setTimeout(240_000);
    clerkLine.down();
    managerLine.down();

    // The clerk files the refund: it waits for a manager.
    const clerkPage = await browser.newPage();
    const status = await clerkRequestsRefund(clerkPage, clerk.app.openUrl, orderNear300Usd(clerk));
    await expect(status).toHaveAttribute('data-status', 'pending_approval');

    // "Manager not here?": the till shows a challenge and the amount.
    await clerkPage.getByRole('button', { name: 'Manager not here? Approve by code' }).click();
    const challenge = (await clerkPage.getByTestId('offline-challenge').textContent())!;
    const amount = (await clerkPage.getByTestId('offline-amount').textContent())!;
    expect(challenge).toMatch(/^\d{6} \d{6}$/);

    // On the phone: the manager types both into their laptop, offline too.
    const managerPage = await browser.newPage();
    await managerPage.goto(manager.app.openUrl);
    await signIn(managerPage, 'rm.na', '1357');
    await expect(managerPage.getByTestId('home-regional_manager')).toBeVisible();
    await managerPage
      .getByRole('button', { name: /approvals/i })
      .first()
      .click();
    const card = managerPage.getByTestId('phone-approval');
    await expect(card).toBeVisible();
    const nyOption = card.locator('option', { hasText: 'NY01' });
    await expect(nyOption).toHaveCount(1);
    await card.getByLabel('Store').selectOption((await nyOption.getAttribute('value'))!);
    await card.getByLabel('Challenge').fill(challenge);
    await card.getByLabel('Amount').fill(amount.replace(/[^\d.]/g, ''));
    await card.getByRole('button', { name: 'Make code' }).click();
    const response = card.getByTestId('offline-response');
    await expect(response).toHaveText(/^\d{6}-\d{2}-\d{6}$/);
    // Filed while the laptop was offline: it is not on this laptop.
    await expect(card.getByTestId('phone-approval-not-here')).toBeVisible();
    const code = (await response.textContent())!;

    // The clerk types the code read out: approved offline, awaiting the back office.
    await clerkPage.getByLabel('Manager’s code').fill(code);
    await clerkPage.getByRole('button', { name: 'Approve with code' }).click();
    await expect(status).toHaveAttribute('data-status', 'approved');
    const state = clerkPage.getByTestId('offline-approval-state');
    await expect(state).toHaveAttribute('data-state', 'awaiting');
    await expect(state).toHaveText('Approved offline — awaiting back-office confirmation.');

    // Lines back: both sync; the back office checks part B and confirms.
    clerkLine.up();
    managerLine.up();
    await expect(state).toHaveAttribute('data-state', 'confirmed', { timeout: 120_000 });

    const requestId = readDb(
      clerk.app,
      (db) =>
        (
          db
            .prepare(
              `SELECT r.id FROM refund_requests r JOIN approvals a ON a.refund_request_id = r.id
                WHERE a.method = 'offline_code'`,
            )
            .get() as { id: string }
        ).id,
    );
    const stored = await office.db
      .select()
      .from(approvals)
      .where(and(eq(approvals.refundRequestId, requestId)));
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ method: 'offline_code', decision: 'approved' });
    expect(stored[0]!.confirmedAt).toBeInstanceOf(Date);
    const [request] = await office.db
      .select()
      .from(refundRequests)
      .where(eq(refundRequests.id, requestId));
    expect(request!.status).toBe('approved');
    // Every change of both desktops went through, the challenge and the code's audit included.
    await expect
      .poll(
        () =>
          [clerk, manager].map((app) =>
            count(app, "SELECT count(*) AS n FROM outbox WHERE status <> 'acked'"),
          ),
        { timeout: 60_000 },
      )
      .toEqual([0, 0]);
    // What the refund executor may take: this request, exactly once.
    expect(
      (await executableRefundRequests(office.db)).filter((r) => r.id === requestId),
    ).toHaveLength(1);
  });
});
