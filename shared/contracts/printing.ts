import { z } from 'zod';
import { defineContract } from './contract';
import { Empty, Id, IsoTime } from './common';
import { ERROR_CODES } from './errors';

/** RMA label media: 4×6 in shipping label or 62 mm continuous roll (DESIGN.md §9). */
export const LabelSizeSchema = z.enum(['4x6', '62mm']);

/** What a workstation prints, each kind with its own printer. */
export const PRINT_KINDS = ['rma_label', 'manifest'] as const;
export const PrintKindSchema = z.enum(PRINT_KINDS);
export type PrintKind = z.infer<typeof PrintKindSchema>;

/** Zebra print density in dots per mm: 152, 203, 300 and 600 dpi heads. */
export const ZPL_DPMM = [6, 8, 12, 24] as const;

/** A name or an address the store's network resolves; no scheme, path or port. */
const PrinterHost = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9._:[\]-]+$/, 'a host name or an IP address');

/**
 * Where this workstation sends one kind of print: an OS printer (Electron only: the backend
 * has no printer of its own) or a Zebra on the network taking raw ZPL on a TCP port.
 */
export const PrinterTargetSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('system'),
      /** The OS's name for the printer (`printers.list`), not its friendly name. */
      printerName: z.string().trim().min(1).max(200),
      size: LabelSizeSchema,
    })
    .strict(),
  z
    .object({
      kind: z.literal('zpl'),
      host: PrinterHost,
      port: z.int().min(1).max(65535).default(9100),
      dpmm: z.literal(ZPL_DPMM).default(8),
      size: LabelSizeSchema.default('4x6'),
    })
    .strict(),
]);
export type PrinterTarget = z.output<typeof PrinterTargetSchema>;

export const PrinterConfigSchema = z.object({
  deviceId: Id,
  /** False in browser mode: only network (ZPL) printers, or preview and download. */
  systemPrintingAvailable: z.boolean(),
  /** Null: no printer for that kind here; the UI previews and downloads the PDF. */
  targets: z.object({
    rma_label: PrinterTargetSchema.nullable(),
    manifest: PrinterTargetSchema.nullable(),
  }),
});
export type PrinterConfig = z.infer<typeof PrinterConfigSchema>;

export const PRINT_JOB_STATUSES = ['queued', 'sending', 'printed', 'failed', 'cancelled'] as const;
export const PrintJobStatusSchema = z.enum(PRINT_JOB_STATUSES);
export type PrintJobStatus = z.infer<typeof PrintJobStatusSchema>;

/** A print job as the queue shows it (never its payload). */
export const PrintJobSchema = z.object({
  id: Id,
  kind: PrintKindSchema,
  status: PrintJobStatusSchema,
  target: PrinterTargetSchema,
  returnId: Id.nullable(),
  rmaNumber: z.string().nullable(),
  manifestId: z.string().nullable(),
  labelPrintId: Id.nullable(),
  attempts: z.int(),
  /** Why the last attempt failed; the code is translated in the UI like any error. */
  lastError: z.object({ code: z.enum(ERROR_CODES), message: z.string() }).nullable(),
  /** When the worker tries again on its own; null when it waits for a person (or is done). */
  nextAttemptAt: IsoTime.nullable(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
  printedAt: IsoTime.nullable(),
});
export type PrintJob = z.infer<typeof PrintJobSchema>;

export const printersGetConfig = defineContract({
  name: 'printers.getConfig',
  input: Empty,
  output: PrinterConfigSchema,
  // Every till user prints; the UI shows "Print" or "Download" from this.
  access: 'signedIn',
  kind: 'read',
});

export const printersSetConfig = defineContract({
  name: 'printers.setConfig',
  input: z
    .object({
      kind: PrintKindSchema,
      /** Null: no printer (preview and download). */
      target: PrinterTargetSchema.nullable(),
    })
    .strict(),
  output: PrinterConfigSchema,
  access: 'settings.manage',
  kind: 'change',
});

export const printersList = defineContract({
  name: 'printers.list',
  input: Empty,
  output: z.object({
    /** False in browser mode: there is no OS printer to list. */
    available: z.boolean(),
    printers: z.array(
      z.object({ name: z.string(), displayName: z.string(), isDefault: z.boolean() }),
    ),
  }),
  access: 'settings.manage',
  kind: 'read',
});

export const printersQueue = defineContract({
  name: 'printers.queue',
  input: z
    .object({
      status: z.array(PrintJobStatusSchema).min(1).optional(),
      limit: z.int().min(1).max(200).default(50),
    })
    .strict(),
  output: z.object({ jobs: z.array(PrintJobSchema) }),
  access: 'labels.print',
  kind: 'read',
});

/** Print jobs never leave this device: retry and cancel are audited, not synced. */
export const printersRetry = defineContract({
  name: 'printers.retry',
  input: z.object({ jobId: Id }).strict(),
  output: PrintJobSchema,
  access: 'labels.print',
  kind: 'self',
});

export const printersCancel = defineContract({
  name: 'printers.cancel',
  input: z.object({ jobId: Id }).strict(),
  output: PrintJobSchema,
  access: 'labels.print',
  kind: 'self',
});
