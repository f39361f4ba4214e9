import { sql } from 'drizzle-orm';
import {
  blob,
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
} from 'drizzle-orm/sqlite-core';
import { devices, users } from './directory';
import { labelPrints, returns } from './returns';

/** Which printer this workstation uses for each kind of print (none: preview and download). */
export const printerTargets = sqliteTable(
  'printer_targets',
  {
    deviceId: text('device_id')
      .notNull()
      .references(() => devices.id),
    kind: text('kind').notNull(),
    /** JSON of the contract's PrinterTarget, validated before it is stored. */
    target: text('target').notNull(),
    updatedAt: text('updated_at').notNull(),
    updatedBy: text('updated_by').references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.deviceId, t.kind] }),
    check('printer_targets_kind', sql`${t.kind} in ('rma_label','manifest')`),
  ],
);

/**
 * Prints waiting for, being sent to, or done by a printer. Written in the same transaction as
 * the print it carries out (a label_prints row), sent afterwards by the print worker. Local to
 * this device: never synced. The payload is what goes to the printer, byte for byte: ZPL text
 * for a Zebra, PDF bytes for an OS printer.
 */
export const printJobs = sqliteTable(
  'print_jobs',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    /** JSON of the PrinterTarget as it was when the job was queued. */
    target: text('target').notNull(),
    zpl: text('zpl'),
    pdf: blob('pdf', { mode: 'buffer' }),
    returnId: text('return_id').references(() => returns.id),
    manifestId: text('manifest_id'),
    labelPrintId: text('label_print_id').references(() => labelPrints.id),
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastErrorCode: text('last_error_code'),
    lastErrorMessage: text('last_error_message'),
    createdBy: text('created_by').references(() => users.id),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    printedAt: text('printed_at'),
  },
  (t) => [
    index('print_jobs_status').on(t.status, t.createdAt),
    index('print_jobs_created').on(t.createdAt),
    check('print_jobs_kind', sql`${t.kind} in ('rma_label','manifest')`),
    check(
      'print_jobs_status',
      sql`${t.status} in ('queued','sending','printed','failed','cancelled')`,
    ),
    check('print_jobs_payload', sql`(${t.zpl} is null) <> (${t.pdf} is null)`),
    check('print_jobs_attempts', sql`${t.attempts} >= 0`),
    check('print_jobs_printed_at', sql`(${t.status} = 'printed') = (${t.printedAt} is not null)`),
  ],
);
