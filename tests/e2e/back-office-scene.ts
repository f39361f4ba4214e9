import type { Page } from '@playwright/test';
import type { BackOffice } from '../../server/back-office';
import { createEnrollmentCode } from '../../server/directory/enrollment';
import { storeByCode } from '../../server/directory/lookup';
import { readDb, type Running } from './counter-helpers';
import { expect, signIn } from './fixtures';

/** Helpers of the end-to-end tests that run desktops against a real back office. */

export async function enrollmentCodeFor(
  office: BackOffice,
  storeCode: string,
  scope: 'store' | 'region',
): Promise<string> {
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

export function countRows(app: Running, sql: string): number {
  return readDb(app.app, (db) => (db.prepare(sql).get() as { n: number }).n);
}

/** Waits until a desktop has enrolled and pulled the back office's orders. */
export async function pulledOrders(app: Running): Promise<void> {
  await expect
    .poll(() => countRows(app, 'SELECT count(*) AS n FROM orders'), { timeout: 60_000 })
    .toBeGreaterThan(0);
}

/** A recent delivered US order of the back office's with one returnable line near 300 USD. */
export function orderNear300Usd(app: Running): string {
  const order = readDb(
    app.app,
    (db) =>
      db
        .prepare(
          `SELECT o.amazon_order_id AS amazonOrderId FROM orders o
            WHERE o.marketplace = 'US' AND o.status = 'Delivered'
              AND o.delivered_at >= strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-20 days')
              AND (SELECT count(*) FROM order_lines l WHERE l.order_id = o.id) = 1
              AND EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND l.quantity = 1
                          AND l.category NOT IN ('software','books_media','grocery')
                          AND l.unit_price_minor BETWEEN 15000 AND 45000)
            ORDER BY abs((SELECT l.unit_price_minor FROM order_lines l WHERE l.order_id = o.id) - 30000),
                     o.delivered_at DESC
            LIMIT 1`,
        )
        .get() as { amazonOrderId: string } | undefined,
  );
  expect(order, 'a suitable demo order').toBeDefined();
  return order!.amazonOrderId;
}

/**
 * The clerk signs in, finds the order (typed rather than scanned: desktops, a back office and
 * Chromium share two cores here, and a scan's keys must come faster than a loaded machine
 * types them), takes its line back as defective and requests the refund. Answers the refund's
 * status badge.
 */
export async function clerkRequestsRefund(page: Page, openUrl: string, amazonOrderId: string) {
  await page.goto(openUrl);
  await signIn(page, 'clerk.ny01', '1234');
  await expect(page.getByTestId('home-clerk')).toBeVisible();
  await page.getByRole('button', { name: 'Returns' }).click();
  await page.getByLabel('Find order').fill(amazonOrderId);
  await page.getByLabel('Find order').press('Enter');
  await expect(page.getByLabel('Reason', { exact: true })).toBeFocused();
  await page.keyboard.press('d'); // Defective or does not work
  await expect(page.getByTestId('assess-verdict')).toBeVisible();
  await page.keyboard.press('Enter'); // Take return
  await expect(page.getByRole('button', { name: 'Request refund' })).toBeFocused();
  await page.keyboard.press('Enter'); // Request refund
  return page.getByTestId('refund-status').first();
}
