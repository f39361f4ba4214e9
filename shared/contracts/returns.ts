import { z } from 'zod';
import {
  CONDITION_GRADES,
  DEFECT_CODES,
  DISPOSITIONS,
  RETURN_REASON_CODES,
  type DefectCode,
} from '../domain/returns';
import { defineContract } from './contract';
import { Id, IsoTime, MoneySchema } from './common';
import { LabelSizeSchema, PrintJobSchema } from './printing';

export const ReasonCodeSchema = z.enum(RETURN_REASON_CODES);
export const GradeSchema = z.enum(CONDITION_GRADES);
export const DefectSchema = z.enum(
  DEFECT_CODES.map((d) => d.code) as [DefectCode, ...DefectCode[]],
);
export const DispositionSchema = z.enum(DISPOSITIONS);
export { LabelSizeSchema };
export const AMAZON_ORDER_ID = /^\d{3}-\d{7}-\d{7}$/;

const Reason = z.object({
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

export const VerdictSchema = z.object({
  eligible: z.boolean(),
  overridable: z.boolean(),
  withinWindow: z.boolean(),
  returnBy: z.string(),
  reasons: z.array(Reason),
  restockingFeeBps: z.int(),
  photoRequired: z.boolean(),
  policyId: z.string(),
  policyVersion: z.int(),
});

export const BreakdownSchema = z.object({
  currency: z.string(),
  itemMinor: z.int(),
  itemTaxMinor: z.int(),
  shippingMinor: z.int(),
  shippingTaxMinor: z.int(),
  restockingFeeMinor: z.int(),
  totalMinor: z.int(),
});

export const OrderLineDetailSchema = z.object({
  id: Id,
  orderItemId: z.string(),
  sku: z.string(),
  asin: z.string(),
  title: z.string(),
  category: z.string(),
  quantity: z.int(),
  returnedQuantity: z.int(),
  paid: MoneySchema,
  refundedOrRequested: MoneySchema,
  unitPrice: MoneySchema,
  hasSerial: z.boolean(),
  environmentalTags: z.array(z.string()),
});

export const OrderDetailSchema = z.object({
  id: Id,
  amazonOrderId: z.string(),
  marketplace: z.string(),
  currency: z.string(),
  purchasedAt: IsoTime,
  deliveredAt: IsoTime.nullable(),
  status: z.string(),
  buyerName: z.string(),
  buyerEmail: z.string(),
  lines: z.array(OrderLineDetailSchema),
  returns: z.array(
    z.object({ id: Id, rmaNumber: z.string(), status: z.string(), createdAt: IsoTime }),
  ),
});
export type OrderDetail = z.infer<typeof OrderDetailSchema>;

export const ordersFind = defineContract({
  name: 'orders.find',
  input: z.object({ query: z.string().trim().min(1).max(200) }).strict(),
  output: z.object({
    matchedBy: z.enum([
      'amazon_order_id',
      'rma_number',
      'buyer_name',
      'buyer_email',
      'buyer_phone',
    ]),
    orders: z.array(OrderDetailSchema),
  }),
  access: 'orders.read',
  kind: 'read',
});

export const ordersGet = defineContract({
  name: 'orders.get',
  input: z.object({ orderId: Id }).strict(),
  output: OrderDetailSchema,
  access: 'orders.read',
  kind: 'read',
});

const Condition = {
  opened: z.boolean(),
  damaged: z.boolean(),
  missingParts: z.boolean(),
};

const IntakeLine = z
  .object({
    orderLineId: Id,
    quantity: z.int().min(1).max(10_000),
    reasonCode: ReasonCodeSchema,
    ...Condition,
  })
  .strict();

export const returnsAssess = defineContract({
  name: 'returns.assess',
  input: z.object({ orderId: Id, lines: z.array(IntakeLine).min(1).max(100) }).strict(),
  output: z.object({
    lines: z.array(z.object({ orderLineId: Id, verdict: VerdictSchema, refund: BreakdownSchema })),
    total: BreakdownSchema,
    approval: z.object({
      decision: z.enum(['auto_approved', 'needs_manager']),
      reasons: z.array(Reason),
    }),
    riskSignals: z.array(Reason),
  }),
  access: 'returns.create',
  kind: 'read',
});

export const Comment = z.string().max(2000);

export const returnsCreate = defineContract({
  name: 'returns.create',
  input: z
    .object({
      id: Id,
      orderId: Id,
      lines: z
        .array(IntakeLine.extend({ id: Id, comment: Comment.default('') }).strict())
        .min(1)
        .max(100),
      customerComment: Comment.default(''),
      override: z
        .object({ reason: z.string().trim().min(3).max(500), grantId: z.string().optional() })
        .strict()
        .optional(),
    })
    .strict(),
  output: z.object({ returnId: Id, rmaNumber: z.string() }),
  access: 'returns.create',
  kind: 'change',
});

export const QcSchema = z.object({
  id: Id,
  grade: z.string(),
  defects: z.array(z.string()),
  checklist: z.record(z.string(), z.boolean()),
  serialCheck: z.string(),
  serialScanned: z.string().nullable(),
  notes: z.string(),
  inspectedBy: z.string(),
  inspectedAt: IsoTime,
  supersedesId: Id.nullable(),
});

export const ReturnLineDetailSchema = z.object({
  id: Id,
  orderLineId: Id,
  sku: z.string(),
  asin: z.string(),
  title: z.string(),
  category: z.string(),
  quantity: z.int(),
  reasonCode: z.string(),
  comment: z.string(),
  opened: z.boolean(),
  damaged: z.boolean(),
  missingParts: z.boolean(),
  eligibility: VerdictSchema,
  restockingFeeBps: z.int(),
  state: z.string(),
  disposition: z.string().nullable(),
  environmentalTags: z.array(z.string()),
  hasSerial: z.boolean(),
  checklist: z.array(z.object({ id: z.string(), labelKey: z.string() })),
  qc: QcSchema.nullable(),
});

export const ApprovalSchema = z.object({
  id: Id,
  decision: z.enum(['approved', 'denied']),
  method: z.string(),
  decidedBy: z.string().nullable(),
  comment: z.string(),
  decidedAt: IsoTime,
  /**
   * When the back office confirmed the decision. An offline-code approval waits for it
   * ("approved offline, awaiting back-office confirmation"); null until a pull brings it.
   */
  confirmedAt: IsoTime.nullable().optional(),
});

export const RefundRequestSchema = z.object({
  id: Id,
  returnId: Id,
  rmaNumber: z.string(),
  storeCode: z.string(),
  status: z.string(),
  decision: z.enum(['auto_approved', 'needs_manager']),
  decisionReasons: z.array(Reason),
  riskSignals: z.array(Reason),
  amount: BreakdownSchema,
  adjustmentReason: z.string().nullable(),
  policyId: z.string(),
  policyVersion: z.int(),
  requestedBy: z.string(),
  requestedAt: IsoTime,
  lines: z.array(
    z.object({ returnLineId: Id, title: z.string(), units: z.int(), amount: BreakdownSchema }),
  ),
  approval: ApprovalSchema.nullable(),
  /** Amazon's adjustment id once the refund shows in its financial events. */
  amazonAdjustmentId: z.string().nullable().optional(),
  /** Why Amazon (or the back office) refused the refund, when it did. */
  rejectionReason: z.string().nullable().optional(),
});
export type RefundRequest = z.infer<typeof RefundRequestSchema>;

export const ReturnDetailSchema = z.object({
  id: Id,
  rmaNumber: z.string(),
  status: z.string(),
  storeId: Id,
  storeCode: z.string(),
  createdAt: IsoTime,
  createdBy: z.string(),
  customerComment: z.string(),
  override: z.object({ by: z.string(), reason: z.string() }).nullable(),
  policy: z.object({ id: z.string(), version: z.int() }),
  order: z.object({
    id: Id,
    amazonOrderId: z.string(),
    marketplace: z.string(),
    currency: z.string(),
    buyerName: z.string(),
  }),
  lines: z.array(ReturnLineDetailSchema),
  photos: z.array(
    z.object({
      id: Id,
      stage: z.string(),
      returnLineId: Id.nullable(),
      mime: z.string(),
      sha256: z.string(),
      sizeBytes: z.int(),
      createdAt: IsoTime,
    }),
  ),
  refunds: z.array(RefundRequestSchema),
  labelPrints: z.array(
    z.object({
      id: Id,
      size: z.string(),
      reprint: z.boolean(),
      reason: z.string().nullable(),
      printedBy: z.string(),
      printedAt: IsoTime,
    }),
  ),
  timeline: z.array(
    z.object({
      seq: z.int(),
      at: IsoTime,
      action: z.string(),
      username: z.string().nullable(),
      deviceId: z.string(),
      entityType: z.string(),
      entityId: z.string().nullable(),
    }),
  ),
});
export type ReturnDetail = z.infer<typeof ReturnDetailSchema>;

export const returnsGet = defineContract({
  name: 'returns.get',
  input: z.object({ returnId: Id }).strict(),
  output: ReturnDetailSchema,
  access: 'returns.read',
  kind: 'read',
});

export const returnsRecent = defineContract({
  name: 'returns.recent',
  input: z.object({ storeId: Id, limit: z.int().min(1).max(100).default(20) }).strict(),
  output: z.array(
    z.object({
      id: Id,
      rmaNumber: z.string(),
      status: z.string(),
      amazonOrderId: z.string(),
      lineCount: z.int(),
      createdAt: IsoTime,
      refundStatus: z.string().nullable(),
    }),
  ),
  access: 'returns.read',
  kind: 'read',
  scope: (input) => ({ storeId: input.storeId }),
});

export const qcRecord = defineContract({
  name: 'qc.record',
  input: z
    .object({
      id: Id,
      returnLineId: Id,
      grade: GradeSchema,
      defects: z.array(DefectSchema).max(30).default([]),
      checklist: z.record(z.string().max(64), z.boolean()).default({}),
      serialScanned: z.string().trim().max(64).nullable().default(null),
      notes: Comment.default(''),
      supersedesId: Id.optional(),
    })
    .strict(),
  output: QcSchema,
  access: 'qc.inspect',
  kind: 'change',
});

export const returnsDispose = defineContract({
  name: 'returns.dispose',
  input: z.object({ returnLineId: Id, disposition: DispositionSchema }).strict(),
  output: z.object({
    returnLineId: Id,
    state: z.string(),
    disposition: z.string(),
    returnStatus: z.string(),
  }),
  access: 'qc.inspect',
  kind: 'change',
});

export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;

export const photosAttach = defineContract({
  name: 'photos.attach',
  input: z
    .object({
      id: Id,
      returnId: Id,
      returnLineId: Id.optional(),
      stage: z.enum(['intake', 'qc']),
      mime: z.enum(['image/jpeg', 'image/png', 'image/webp']),
      // base64 of at most PHOTO_MAX_BYTES bytes
      dataBase64: z
        .string()
        .min(1)
        .max(Math.ceil(PHOTO_MAX_BYTES / 3) * 4),
    })
    .strict(),
  output: z.object({ id: Id, sha256: z.string(), sizeBytes: z.int() }),
  access: 'returns.create',
  kind: 'change',
});

export const photosGet = defineContract({
  name: 'photos.get',
  input: z.object({ photoId: Id }).strict(),
  output: z.object({ mime: z.string(), dataBase64: z.string() }),
  access: 'returns.read',
  kind: 'read',
});

export const labelsPreview = defineContract({
  name: 'labels.preview',
  input: z.object({ returnId: Id, size: LabelSizeSchema.default('4x6') }).strict(),
  output: z.object({ pdfBase64: z.string() }),
  access: 'returns.read',
  kind: 'read',
});

export const labelsPrint = defineContract({
  name: 'labels.print',
  input: z
    .object({
      id: Id,
      returnId: Id,
      size: LabelSizeSchema.default('4x6'),
      reason: z.string().trim().min(3).max(500).optional(),
    })
    .strict(),
  output: z.object({
    /** Always rendered: what the UI previews, or downloads when no printer is set up. */
    pdfBase64: z.string(),
    reprint: z.boolean(),
    printCount: z.int(),
    /** The job queued for this workstation's label printer; null when it has none. */
    printJob: PrintJobSchema.nullable(),
  }),
  access: 'labels.print',
  kind: 'self',
});

/** The most a label logo may weigh: labels print it a few centimetres wide. */
export const LABEL_LOGO_MAX_BYTES = 512 * 1024;

/** The store's logo on its RMA labels and manifests (a PNG or JPEG, checked by its bytes). */
export const labelsSetLogo = defineContract({
  name: 'labels.setLogo',
  input: z
    .object({
      storeId: Id,
      mime: z.enum(['image/png', 'image/jpeg']),
      dataBase64: z
        .string()
        .min(1)
        .max(Math.ceil(LABEL_LOGO_MAX_BYTES / 3) * 4),
    })
    .strict(),
  output: z.object({ storeId: Id, mime: z.string(), sizeBytes: z.int(), updatedAt: IsoTime }),
  access: 'settings.manage',
  kind: 'change',
  scope: (input) => ({ storeId: input.storeId }),
});

export const refundsRequest = defineContract({
  name: 'refunds.request',
  input: z
    .object({
      id: Id,
      returnId: Id,
      /** Omitted: every line of the return, in full. A lower amount needs a reason. */
      lines: z
        .array(
          z
            .object({
              returnLineId: Id,
              units: z.int().min(1).optional(),
              totalMinor: z.int().min(0).optional(),
            })
            .strict(),
        )
        .min(1)
        .max(100)
        .optional(),
      adjustmentReason: z.string().trim().min(3).max(500).optional(),
    })
    .strict(),
  output: RefundRequestSchema,
  access: 'refunds.request',
  kind: 'change',
});

export const approvalsQueue = defineContract({
  name: 'approvals.queue',
  input: z.object({}).strict(),
  output: z.array(RefundRequestSchema),
  access: 'approvals.decide',
  kind: 'read',
});

export const approvalsDecide = defineContract({
  name: 'approvals.decide',
  input: z
    .object({
      id: Id,
      refundRequestId: Id,
      decision: z.enum(['approved', 'denied']),
      comment: z.string().trim().max(1000).default(''),
      /** A manager's step-up grant (PIN entered at this till over the clerk's session). */
      grantId: z.string().optional(),
    })
    .strict(),
  output: RefundRequestSchema,
  access: 'signedIn',
  kind: 'change',
});
