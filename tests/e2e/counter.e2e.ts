import { wrapClient } from '../../db/client';
import { verifyAuditChain } from '../../db/repositories/audit';
import { counterWithOrders, offline, readDb, scan, type Running } from './counter-helpers';
import { expect, signIn, test } from './fixtures';

/**
 * The clerk's whole job in browser mode, with every address but the app's own blocked (the
 * store's internet is down): the test checks the database rows, the audit chain and the outbox,
 * not only the screen.
 */
const CHEAP_TWO_LINES = '111-1111111-0000001';
const DEAR_ONE_LINE = '111-1111111-0000002';
const LATE_GERMAN = '302-2222222-0000003';

test.describe('the returns counter, offline', () => {
  test.describe.configure({ mode: 'serial' });
  let ny: Running;

  test.beforeAll(async () => {
    ny = await counterWithOrders('NY01', [
      {
        amazonOrderId: CHEAP_TWO_LINES,
        marketplace: 'US',
        deliveredDaysAgo: 5,
        buyerName: 'Avery Quinn',
        lines: [
          {
            sku: 'VOL-CABLE-USB',
            title: 'Voltra USB-C Cable 2 m',
            category: 'electronics',
            quantity: 1,
            unitPriceMinor: 1599,
            itemTaxMinor: 128,
          },
          {
            sku: 'HOME-MUG-SET',
            title: 'Stoneware Mug Set of 2',
            category: 'home',
            quantity: 1,
            unitPriceMinor: 1200,
            itemTaxMinor: 96,
          },
        ],
      },
      {
        amazonOrderId: DEAR_ONE_LINE,
        marketplace: 'US',
        deliveredDaysAgo: 3,
        buyerName: 'Morgan Blake',
        lines: [
          {
            sku: 'VOL-ANC700-BLK',
            title: 'Voltra ANC 700 Headphones',
            category: 'electronics',
            quantity: 1,
            unitPriceMinor: 32900,
            itemTaxMinor: 2632,
            serialNumber: 'VA7-00042',
          },
        ],
      },
    ]);
  });
  test.afterAll(async () => {
    await ny.stop();
  });

  test('a 2-line US return: one defective in full, one opened with a fee; label printed; refund approved by policy', async ({
    page,
  }) => {
    await offline(page);
    await page.goto(ny.app.openUrl);
    await signIn(page, 'clerk.ny01', '1234');
    await expect(page.getByTestId('home-clerk')).toBeVisible();
    await scan(page, CHEAP_TWO_LINES);

    await page.getByRole('checkbox', { name: 'Voltra USB-C Cable 2 m' }).check();
    await page.getByRole('checkbox', { name: 'Stoneware Mug Set of 2' }).check();
    const reasons = page.getByLabel('Reason', { exact: true });
    await reasons.nth(0).selectOption('DEFECTIVE');
    await reasons.nth(1).selectOption('UNWANTED_ITEM');
    await page.getByLabel('Opened').nth(1).check();
    await expect(page.getByTestId('assess-verdict')).toHaveCount(2);
    await expect(page.getByTestId('refund-preview')).toBeVisible();
    await page.getByRole('button', { name: 'Take return' }).click();

    const rma = (await page.getByTestId('rma-number').textContent())!.trim();
    expect(rma).toMatch(/^NY01-A-\d{6}-0001$/);
    await page.getByRole('button', { name: 'Request refund' }).click();
    await expect(page.getByTestId('refund-status')).toHaveAttribute('data-status', 'approved');
    // The label: the browser's print dialog opens on the PDF; the print is on record once rendered.
    await page.getByRole('button', { name: 'Print label' }).click();
    await expect
      .poll(() =>
        readDb(
          ny.app,
          (db) => (db.prepare('SELECT count(*) AS n FROM label_prints').get() as { n: number }).n,
        ),
      )
      .toBe(1);

    readDb(ny.app, (db) => {
      const ret = db.prepare('SELECT id, status FROM returns WHERE rma_number = ?').get(rma) as {
        id: string;
        status: string;
      };
      const lines = db
        .prepare(
          'SELECT reason_code, opened, restocking_fee_bps FROM return_lines WHERE return_id = ? ORDER BY reason_code',
        )
        .all(ret.id) as { reason_code: string; opened: number; restocking_fee_bps: number }[];
      expect(lines).toEqual([
        { reason_code: 'DEFECTIVE', opened: 0, restocking_fee_bps: 0 },
        { reason_code: 'UNWANTED_ITEM', opened: 1, restocking_fee_bps: expect.any(Number) },
      ]);
      expect(lines[1]!.restocking_fee_bps).toBeGreaterThan(0);
      const refund = db
        .prepare('SELECT * FROM refund_requests WHERE return_id = ?')
        .get(ret.id) as Record<string, number | string>;
      const lineTotals = db
        .prepare(
          'SELECT sum(total_minor) AS total, sum(restocking_fee_minor) AS fee FROM refund_request_lines WHERE refund_request_id = ?',
        )
        .get(refund.id) as { total: number; fee: number };
      expect(refund).toMatchObject({
        status: 'approved',
        decision: 'auto_approved',
        currency: 'USD',
      });
      expect(refund.total_minor).toBe(lineTotals.total);
      expect(lineTotals.fee).toBeGreaterThan(0);
      // Cable refunded in full (price + tax); the mug less its fee.
      expect(refund.total_minor).toBe(1599 + 128 + 1200 + 96 - lineTotals.fee);
      expect(
        db.prepare('SELECT method FROM approvals WHERE refund_request_id = ?').get(refund.id),
      ).toEqual({ method: 'policy' });
      expect(
        db.prepare('SELECT count(*) AS n FROM label_prints WHERE return_id = ?').get(ret.id),
      ).toEqual({ n: 1 });
      const outbox = (
        db.prepare('SELECT name FROM outbox ORDER BY mutation_id').all() as { name: string }[]
      ).map((r) => r.name);
      expect(outbox).toEqual(
        expect.arrayContaining(['returns.create', 'labels.print', 'refunds.request']),
      );
      expect(verifyAuditChain(wrapClient(db))).toMatchObject({ intact: true });
    });
  });

  test('a 300 USD return needs a manager, who approves at the till with a PIN; the clerk stays signed in', async ({
    page,
  }) => {
    await offline(page);
    await page.goto(ny.app.openUrl);
    await signIn(page, 'clerk.ny01', '1234');
    await expect(page.getByTestId('home-clerk')).toBeVisible();

    // From scan to refund requested, counted: the budget is 8 clicks or key presses.
    let presses = 0;
    await scan(page, DEAR_ONE_LINE);
    presses += 1;
    await expect(page.getByLabel('Reason', { exact: true })).toBeFocused();
    await page.keyboard.press('d'); // "Defective or does not work"
    presses += 1;
    await expect(page.getByTestId('assess-verdict')).toBeVisible();
    await page.keyboard.press('Enter'); // Take return
    presses += 1;
    await expect(page.getByTestId('rma-number')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Request refund' })).toBeFocused();
    await page.keyboard.press('Enter'); // Request refund
    presses += 1;
    await expect(page.getByTestId('refund-status')).toHaveAttribute(
      'data-status',
      'pending_approval',
    );
    console.log(`single-line return, scan to refund requested: ${presses} key presses`);
    expect(presses).toBeLessThanOrEqual(8);

    await page.getByRole('button', { name: 'Manager approval' }).click();
    await page.getByLabel('Manager username').fill('manager.ny01');
    await page.getByLabel('Manager PIN').fill('2468');
    await page.getByLabel('Comment').fill('Checked the headphones');
    await page.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect(page.getByTestId('approval-dialog')).toHaveCount(0);
    await expect(page.getByTestId('refund-status').first()).toHaveAttribute(
      'data-status',
      'approved',
    );
    await expect(page.getByTestId('current-user')).toContainText(/Jasmine|clerk/i);

    readDb(ny.app, (db) => {
      const row = db
        .prepare(
          `SELECT r.status, r.total_minor, a.method, a.decision, u.username FROM refund_requests r
             JOIN approvals a ON a.refund_request_id = r.id JOIN users u ON u.id = a.decided_by
             JOIN returns rt ON rt.id = r.return_id JOIN orders o ON o.id = rt.order_id
            WHERE o.amazon_order_id = ?`,
        )
        .get(DEAR_ONE_LINE);
      expect(row).toEqual({
        status: 'approved',
        total_minor: 32900 + 2632,
        method: 'till_pin',
        decision: 'approved',
        username: 'manager.ny01',
      });
      const actions = (
        db.prepare('SELECT action FROM audit_events ORDER BY seq').all() as { action: string }[]
      ).map((r) => r.action);
      expect(actions).toEqual(expect.arrayContaining(['auth.stepUp', 'approvals.decide']));
      expect(verifyAuditChain(wrapClient(db))).toMatchObject({ intact: true });
    });
  });
});

test.describe('a German order outside its window', () => {
  let de: Running;
  test.beforeAll(async () => {
    de = await counterWithOrders('BE01', [
      {
        amazonOrderId: LATE_GERMAN,
        marketplace: 'DE',
        deliveredDaysAgo: 45,
        buyerName: 'Jonas Keller',
        lines: [
          {
            sku: 'HOME-KETTLE',
            title: 'Wasserkocher Edelstahl 1,7 l',
            category: 'home',
            quantity: 1,
            unitPriceMinor: 3999,
            itemTaxMinor: 638,
          },
        ],
      },
    ]);
  });
  test.afterAll(async () => {
    await de.stop();
  });

  test('the clerk cannot override; a store manager can, with a reason', async ({ page }) => {
    await offline(page);
    await page.goto(de.app.openUrl);
    await signIn(page, 'clerk.be01', '1234');
    await expect(page.getByTestId('home-clerk')).toBeVisible();
    await scan(page, LATE_GERMAN);
    await page.getByLabel('Reason', { exact: true }).selectOption('UNWANTED_ITEM');
    await expect(page.getByTestId('assess-verdict')).toHaveAttribute('data-eligible', 'false');
    // The clerk is refused: no "Take return", only a manager's override.
    await expect(page.getByTestId('intake-refused')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Take return' })).toHaveCount(0);

    // The clerk's own PIN does not authorise an override.
    await page.getByRole('button', { name: 'Manager override' }).click();
    await page.getByLabel('Manager username').fill('clerk.be01');
    await page.getByLabel('Manager PIN').fill('1234');
    await page.getByLabel('Override reason').fill('I think it is fine');
    await page.getByRole('button', { name: 'Confirm override' }).click();
    await expect(page.getByTestId('override-dialog')).toContainText(/not allowed/i);
    expect(readDb(de.app, (db) => db.prepare('SELECT count(*) AS n FROM returns').get())).toEqual({
      n: 0,
    });

    await page.getByLabel('Manager username').fill('manager.be01');
    await page.getByLabel('Manager PIN').fill('2468');
    await page.getByLabel('Override reason').fill('Regular customer, item unused');
    await page.getByRole('button', { name: 'Confirm override' }).click();
    await expect(page.getByTestId('rma-number')).toHaveText(/^BE01-A-\d{6}-0001$/);

    readDb(de.app, (db) => {
      const row = db
        .prepare(
          'SELECT r.override_reason, u.username, u.role FROM returns r JOIN users u ON u.id = r.override_by',
        )
        .get();
      expect(row).toEqual({
        override_reason: 'Regular customer, item unused',
        username: 'manager.be01',
        role: 'store_manager',
      });
      expect(verifyAuditChain(wrapClient(db))).toMatchObject({ intact: true });
    });
  });
});
