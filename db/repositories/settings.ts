import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../client';
import { settings } from '../schema';

export const CHAIN_SCOPE = 'chain';

/** Raw values for the keys asked: chain defaults first, then the store's overrides on top. */
export function readSettings(db: Db, storeId: string): Map<string, unknown> {
  const rows = db
    .select()
    .from(settings)
    .where(inArray(settings.scope, [CHAIN_SCOPE, storeId]))
    .all();
  const values = new Map<string, unknown>();
  for (const row of rows.filter((r) => r.scope === CHAIN_SCOPE))
    values.set(row.key, JSON.parse(row.value));
  for (const row of rows.filter((r) => r.scope !== CHAIN_SCOPE))
    values.set(row.key, JSON.parse(row.value));
  return values;
}

export function writeSetting(
  db: Db,
  scope: string,
  key: string,
  value: unknown,
  at: string,
  userId: string | null,
): void {
  const existing = db
    .select()
    .from(settings)
    .where(and(eq(settings.scope, scope), eq(settings.key, key)))
    .get();
  const row = { scope, key, value: JSON.stringify(value), updatedAt: at, updatedBy: userId };
  if (existing) {
    db.update(settings)
      .set(row)
      .where(and(eq(settings.scope, scope), eq(settings.key, key)))
      .run();
  } else {
    db.insert(settings).values(row).run();
  }
}
