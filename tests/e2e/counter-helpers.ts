import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { startWebApp, type WebApp } from './fixtures';
import { insertFixtureOrders } from './fixture-orders';

/** Helpers the counter's end-to-end tests share. */
export type Running = Awaited<ReturnType<typeof startWebApp>>;

/** Starts browser mode once to seed the demo chain, adds the test's orders, starts it again. */
export async function counterWithOrders(
  store: string,
  orders: Parameters<typeof insertFixtureOrders>[1],
): Promise<Running> {
  const first = await startWebApp({ store });
  await first.stop();
  insertFixtureOrders(join(first.app.dataDir, 'returndesk.sqlite'), orders);
  return startWebApp({ store, dataDir: first.app.dataDir });
}

/** Reads the app's database with a separate, read-only connection. */
export function readDb<T>(app: WebApp, fn: (db: Database.Database) => T): T {
  const db = new Database(join(app.dataDir, 'returndesk.sqlite'), { readonly: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** The store's internet is down: every address but the app's own is refused. */
export async function offline(page: Page): Promise<void> {
  await page
    .context()
    .route('**/*', (route) =>
      new URL(route.request().url()).hostname === '127.0.0.1'
        ? route.continue()
        : route.abort('internetdisconnected'),
    );
}

/** A keyboard-wedge scanner: fast keys anywhere on the screen, then Enter. */
export async function scan(page: Page, text: string): Promise<void> {
  await page.locator('body').click({ position: { x: 5, y: 400 } });
  await page.keyboard.type(text, { delay: 5 });
  await page.keyboard.press('Enter');
}
