import {
  PRINT_KINDS,
  PrinterTargetSchema,
  type PrintKind,
  type PrinterConfig,
  type PrinterTarget,
} from '../../../shared/contracts';
import type { Db } from '../../../db/client';
import { printerTargetsOf } from '../../../db/repositories/printer-targets';

/** This device's printer for each kind of print; none where nothing (valid) is stored. */
export function printerTargets(db: Db, deviceId: string): Record<PrintKind, PrinterTarget | null> {
  const targets: Record<PrintKind, PrinterTarget | null> = { rma_label: null, manifest: null };
  for (const row of printerTargetsOf(db, deviceId)) {
    if (!(PRINT_KINDS as readonly string[]).includes(row.kind)) continue;
    // A target an older or newer app wrote that no longer fits falls back to "no printer".
    const parsed = PrinterTargetSchema.safeParse(JSON.parse(row.target));
    if (parsed.success) targets[row.kind as PrintKind] = parsed.data;
  }
  return targets;
}

export function printerConfig(
  db: Db,
  deviceId: string,
  systemPrintingAvailable: boolean,
): PrinterConfig {
  return { deviceId, systemPrintingAvailable, targets: printerTargets(db, deviceId) };
}
