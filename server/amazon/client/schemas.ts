import { z } from 'zod';

/**
 * Zod schemas for the parts of SP-API responses ReturnDesk reads, derived by hand from the
 * models' definitions (named in each comment). Unknown fields are dropped, unknown enum values
 * for statuses we merely store are kept as strings: Amazon adds values without notice.
 * `schemas.test.ts` parses every sandbox example of the operations we call with these.
 */

const dateTime = z.iso.datetime({ offset: true });

// ---- Orders 2026-01-01 ----------------------------------------------------------------------

/** Money: `amount` is a decimal string (definition Decimal). */
export const moneySchema = z.object({ amount: z.string(), currencyCode: z.string() });

const proceedsBreakdownSchema = z.object({
  type: z.string(),
  subtotal: moneySchema,
  detailedBreakdowns: z
    .array(z.object({ subtype: z.string().optional(), value: moneySchema.optional() }))
    .optional(),
});

/** OrderItem (required: orderItemId, quantityOrdered, product). */
export const orderItemSchema = z.object({
  orderItemId: z.string(),
  quantityOrdered: z.number().int(),
  product: z.object({
    asin: z.string().optional(),
    title: z.string().optional(),
    sellerSku: z.string().optional(),
    price: z.object({ unitPrice: moneySchema.optional() }).optional(),
    serialNumbers: z.array(z.string()).optional(),
  }),
  proceeds: z
    .object({
      proceedsTotal: moneySchema.optional(),
      breakdowns: z.array(proceedsBreakdownSchema).optional(),
    })
    .optional(),
  fulfillment: z
    .object({
      quantityFulfilled: z.number().int().optional(),
      quantityUnfulfilled: z.number().int().optional(),
    })
    .optional(),
});

/** Order (required: orderId, createdTime, lastUpdatedTime, salesChannel, orderItems). */
export const orderSchema = z.object({
  orderId: z.string(),
  createdTime: dateTime,
  lastUpdatedTime: dateTime,
  salesChannel: z.object({
    channelName: z.string(),
    marketplaceId: z.string().optional(),
    marketplaceName: z.string().optional(),
  }),
  buyer: z
    .object({ buyerName: z.string().optional(), buyerEmail: z.string().optional() })
    .optional(),
  recipient: z
    .object({
      deliveryAddress: z
        .object({
          city: z.string().optional(),
          postalCode: z.string().optional(),
          countryCode: z.string().optional(),
        })
        .optional(),
    })
    .optional(),
  proceeds: z.object({ grandTotal: moneySchema.optional() }).optional(),
  fulfillment: z
    .object({ fulfillmentStatus: z.string(), fulfilledBy: z.string().optional() })
    .optional(),
  orderItems: z.array(orderItemSchema),
  /** PACKAGES: a package DELIVERED is the only sign of delivery the Orders API gives. */
  packages: z
    .array(
      z.object({
        packageReferenceId: z.string(),
        packageStatus: z.object({ status: z.string() }).optional(),
      }),
    )
    .optional(),
});
export type SpApiOrder = z.infer<typeof orderSchema>;

export const searchOrdersResponseSchema = z.object({
  orders: z.array(orderSchema),
  pagination: z.object({ nextToken: z.string().optional() }).optional(),
  lastUpdatedBefore: dateTime.optional(),
  createdBefore: dateTime.optional(),
});
export type SearchOrdersResponse = z.infer<typeof searchOrdersResponseSchema>;

export const getOrderResponseSchema = z.object({ order: orderSchema });

// ---- Reports 2021-06-30 and Feeds 2021-06-30 ------------------------------------------------

export const PROCESSING_STATUSES = [
  'CANCELLED',
  'DONE',
  'FATAL',
  'IN_PROGRESS',
  'IN_QUEUE',
] as const;
export type ProcessingStatus = (typeof PROCESSING_STATUSES)[number];

/** Report (required: processingStatus, reportId, reportType, createdTime). */
export const reportSchema = z.object({
  reportId: z.string(),
  reportType: z.string(),
  marketplaceIds: z.array(z.string()).optional(),
  dataStartTime: dateTime.optional(),
  dataEndTime: dateTime.optional(),
  reportScheduleId: z.string().optional(),
  createdTime: dateTime,
  processingStatus: z.enum(PROCESSING_STATUSES),
  processingStartTime: dateTime.optional(),
  processingEndTime: dateTime.optional(),
  reportDocumentId: z.string().optional(),
});
export type SpApiReport = z.infer<typeof reportSchema>;

export const createReportResponseSchema = z.object({ reportId: z.string() });
export const getReportsResponseSchema = z.object({
  reports: z.array(reportSchema),
  nextToken: z.string().optional(),
});

/** ReportDocument and FeedDocument have the same shape. */
export const documentSchema = z.object({
  url: z.string(),
  compressionAlgorithm: z.enum(['GZIP']).optional(),
});
export const reportDocumentSchema = documentSchema.extend({ reportDocumentId: z.string() });
export type SpApiReportDocument = z.infer<typeof reportDocumentSchema>;
export const feedDocumentSchema = documentSchema.extend({ feedDocumentId: z.string() });
export type SpApiFeedDocument = z.infer<typeof feedDocumentSchema>;

export const createFeedDocumentResponseSchema = z.object({
  feedDocumentId: z.string(),
  url: z.string(),
});
export const createFeedResponseSchema = z.object({ feedId: z.string() });

/** Feed (required: createdTime, feedId, feedType, processingStatus). */
export const feedSchema = z.object({
  feedId: z.string(),
  feedType: z.string(),
  marketplaceIds: z.array(z.string()).optional(),
  createdTime: dateTime,
  processingStatus: z.enum(PROCESSING_STATUSES),
  processingStartTime: dateTime.optional(),
  processingEndTime: dateTime.optional(),
  resultFeedDocumentId: z.string().optional(),
});
export type SpApiFeed = z.infer<typeof feedSchema>;
export const getFeedsResponseSchema = z.object({
  feeds: z.array(feedSchema),
  nextToken: z.string().optional(),
});

// ---- Finances v0 ----------------------------------------------------------------------------

/** Currency: CurrencyAmount is a JSON number (definition BigDecimal). */
const currencyAmountSchema = z.object({
  CurrencyCode: z.string().optional(),
  CurrencyAmount: z.number().optional(),
});
const chargeComponentSchema = z.object({
  ChargeType: z.string().optional(),
  ChargeAmount: currencyAmountSchema.optional(),
});
const shipmentItemSchema = z.object({
  SellerSKU: z.string().optional(),
  OrderItemId: z.string().optional(),
  OrderAdjustmentItemId: z.string().optional(),
  QuantityShipped: z.number().int().optional(),
  ItemChargeList: z.array(chargeComponentSchema).optional(),
  ItemChargeAdjustmentList: z.array(chargeComponentSchema).optional(),
});
/** ShipmentEvent, the element of RefundEventList. */
export const shipmentEventSchema = z.object({
  AmazonOrderId: z.string().optional(),
  SellerOrderId: z.string().optional(),
  MarketplaceName: z.string().optional(),
  PostedDate: dateTime.optional(),
  ShipmentItemList: z.array(shipmentItemSchema).optional(),
  ShipmentItemAdjustmentList: z.array(shipmentItemSchema).optional(),
});
export type ShipmentEvent = z.infer<typeof shipmentEventSchema>;

export const listFinancialEventsResponseSchema = z.object({
  payload: z
    .object({
      NextToken: z.string().optional(),
      FinancialEvents: z
        .object({
          ShipmentEventList: z.array(shipmentEventSchema).optional(),
          RefundEventList: z.array(shipmentEventSchema).optional(),
        })
        .optional(),
    })
    .optional(),
});

// ---- Errors (ErrorList, every model) ---------------------------------------------------------

export const errorListSchema = z.object({
  errors: z.array(
    z.object({ code: z.string(), message: z.string(), details: z.string().optional() }),
  ),
});
