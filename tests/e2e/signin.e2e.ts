import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, signIn, test } from './fixtures';

/** What issue "desktop foundation" asks to see: a fresh browser-mode install, signed into by role. */
test.describe('signing in to a fresh browser-mode install', () => {
  test('a clerk signs in and sees the store’s home with demo orders', async ({ page, webApp }) => {
    await page.goto(webApp.openUrl);
    // The token leaves the address bar once the app has it.
    await expect(page).not.toHaveURL(/token=/);
    await expect(page.getByText('NY01').first()).toBeVisible();
    await signIn(page, 'clerk.ny01', '1234');
    const home = page.getByTestId('home-clerk');
    await expect(home).toBeVisible();
    const rows = home.getByRole('row');
    await expect(rows.nth(5)).toBeVisible(); // header + at least five demo orders
    await expect(home).toContainText(/\d{3}-\d{7}-\d{7}/); // Amazon order ids
    await expect(home).toContainText('*'); // buyers masked for clerks
    await expect(page.getByTestId('sync-status')).toBeVisible();
  });

  test('a regional manager signs in and sees the stores of the region', async ({
    page,
    webApp,
  }) => {
    await page.goto(webApp.openUrl);
    await signIn(page, 'rm.na', '1357');
    const home = page.getByTestId('home-regional_manager');
    await expect(home).toBeVisible();
    for (const code of ['NY01', 'BO01', 'CH01', 'SE01']) await expect(home).toContainText(code);
    await expect(home).not.toContainText('BE01');
  });

  test('a wrong PIN is refused, the fifth locks the account, and the lock is audited', async ({
    page,
    webApp,
  }) => {
    await page.goto(webApp.openUrl);
    for (let attempt = 1; attempt <= 4; attempt++) {
      await signIn(page, 'clerk.ny01', '0000');
      await expect(page.getByTestId('signin-error')).toContainText(String(5 - attempt));
    }
    await signIn(page, 'clerk.ny01', '0000');
    await expect(page.getByTestId('signin-error')).toContainText(/locked/i);
    // Even the right PIN is refused now.
    await signIn(page, 'clerk.ny01', '1234');
    await expect(page.getByTestId('signin-error')).toContainText(/locked/i);
    await expect(page.getByTestId('home-clerk')).toHaveCount(0);

    const db = new Database(join(webApp.dataDir, 'returndesk.sqlite'), { readonly: true });
    const events = db
      .prepare("SELECT action, after FROM audit_events WHERE action LIKE 'auth.%' ORDER BY seq")
      .all() as {
      action: string;
      after: string | null;
    }[];
    const outbox = db.prepare('SELECT name FROM outbox').all();
    db.close();
    expect(events.filter((e) => e.action === 'auth.signInFailed')).toHaveLength(4);
    const lock = events.find((e) => e.action === 'auth.accountLocked');
    expect(JSON.parse(lock!.after!)).toMatchObject({ username: 'clerk.ny01', failedAttempts: 5 });
    expect(outbox).toEqual([{ name: 'users.lock' }]);
  });

  test('the calls refuse a request without the per-run token', async ({ request, webApp }) => {
    const response = await request.post(`${webApp.origin}/api/call/session.current`, {
      data: {},
      headers: { 'x-returndesk-client': 'e2e-client-0001' },
    });
    expect(response.status()).toBe(401);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'BAD_TOKEN' } });
    const good = await request.post(`${webApp.origin}/api/call/session.current`, {
      data: {},
      headers: {
        'x-returndesk-client': 'e2e-client-0001',
        authorization: `Bearer ${webApp.token}`,
      },
    });
    expect(await good.json()).toMatchObject({
      ok: true,
      data: { user: null, device: { storeCode: 'NY01' } },
    });
  });
});
