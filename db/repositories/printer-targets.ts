import { and, eq } from 'drizzle-orm';
import type { Db } from '../client';
import { printerTargets } from '../schema';

export type PrinterTargetRow = typeof printerTargets.$inferSelect;

/** This device's printer per kind of print, as stored (target JSON unparsed). */
export function printerTargetsOf(db: Db, deviceId: string): PrinterTargetRow[] {
  return db.select().from(printerTargets).where(eq(printerTargets.deviceId, deviceId)).all();
}

/** Sets (or, with `target` null, removes) the printer a device uses for one kind of print. */
export function writePrinterTarget(
  db: Db,
  row: { deviceId: string; kind: string; target: unknown; updatedAt: string; updatedBy: string },
): void {
  const where = and(eq(printerTargets.deviceId, row.deviceId), eq(printerTargets.kind, row.kind));
  if (row.target === null) {
    db.delete(printerTargets).where(where).run();
    return;
  }
  const values = { ...row, target: JSON.stringify(row.target) };
  db.insert(printerTargets)
    .values(values)
    .onConflictDoUpdate({
      target: [printerTargets.deviceId, printerTargets.kind],
      set: { target: values.target, updatedAt: values.updatedAt, updatedBy: values.updatedBy },
    })
    .run();
}
