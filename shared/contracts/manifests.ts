import { z } from 'zod';
import { defineContract } from './contract';
import { Empty, Id } from './common';
import { DispositionSchema } from './returns';

/** What leaves the store in a bag or tote: lines disposed to the warehouse or to a vendor. */
export const MANIFEST_DISPOSITIONS = ['SEND_TO_WAREHOUSE', 'RETURN_TO_VENDOR'] as const;

export const ManifestPaperSchema = z.enum(['A4', 'Letter']);

export const ManifestPendingLineSchema = z.object({
  returnLineId: Id,
  returnId: Id,
  rmaNumber: z.string(),
  sku: z.string(),
  title: z.string(),
  quantity: z.int(),
  disposition: DispositionSchema,
});
export type ManifestPendingLine = z.infer<typeof ManifestPendingLineSchema>;

/**
 * A tote's manifest: the lines go in it once and for all (a line is in one tote only), and the
 * PDF that travels with it comes back to print or download.
 */
export const manifestsCreate = defineContract({
  name: 'manifests.create',
  input: z
    .object({
      id: Id,
      returnLineIds: z
        .array(Id)
        .min(1)
        .max(500)
        .refine((ids) => new Set(ids).size === ids.length, 'each line once'),
      paper: ManifestPaperSchema.default('A4'),
    })
    .strict(),
  output: z.object({ manifestId: Id, pdfBase64: z.string(), lineCount: z.int() }),
  access: 'labels.print',
  kind: 'self',
});

/** This store's lines disposed to the warehouse or a vendor and not yet in a tote. */
export const manifestsPending = defineContract({
  name: 'manifests.pending',
  input: Empty,
  output: z.object({ lines: z.array(ManifestPendingLineSchema) }),
  access: 'labels.print',
  kind: 'read',
});
