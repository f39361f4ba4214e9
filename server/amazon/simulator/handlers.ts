import { generateOrders } from '../../../shared/demo-data';
import { MARKETPLACES, type MarketplaceCode } from '../../../shared/domain/marketplaces';
import { minorToDecimal } from '../client/amounts';
import {
  ORDER_ADJUSTMENT_FEED_TYPE,
  REQUESTABLE_REPORT_TYPES,
  type ReportType,
} from '../client/report-types';
import { type SpApiOperation } from '../models';
import { type FaultInjector } from './faults';
import { processOrderAdjustmentFeed } from './feed-processing';
import { orderJson } from './order-json';
import { type SimulatorState } from './state';

export interface HandlerResult {
  status: number;
  body: unknown;
}
export interface HandlerInput {
  path: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
  /** `http://host:port` of the simulator, for document URLs. */
  baseUrl: string;
}

const invalid = (message: string, details = ''): HandlerResult => ({
  status: 400,
  body: { errors: [{ code: 'InvalidInput', message, details }] },
});
const notFound = (message: string): HandlerResult => ({
  status: 404,
  body: { errors: [{ code: 'NotFound', message, details: '' }] },
});
const iso = (ms: number) => new Date(ms).toISOString();
const TWO_MINUTES = 120_000;

interface PageToken {
  offset: number;
  query: string;
}
const encodeToken = (t: PageToken) => Buffer.from(JSON.stringify(t)).toString('base64url');
function decodeToken(token: string): PageToken | null {
  try {
    const t = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as PageToken;
    return Number.isInteger(t.offset) && typeof t.query === 'string' ? t : null;
  } catch {
    return null;
  }
}

/**
 * getReports and getFeeds page the same way: either the filters (with their `types` parameter)
 * or a nextToken alone, which carries the first page's filters and the offset.
 */
function listingOf(
  query: Record<string, unknown>,
  typesKey: 'reportTypes' | 'feedTypes',
  nowMs: number,
):
  | {
      pageSize: number;
      offset: number;
      filters: Record<string, unknown>;
      since: number;
      until: number;
    }
  | { problem: string } {
  const pageSize = (query.pageSize as number | undefined) ?? 10;
  let offset = 0;
  let filters = query;
  if (typeof query.nextToken === 'string') {
    if (Object.keys(query).length > 1) return { problem: 'nextToken must be the only parameter.' };
    const token = decodeToken(query.nextToken);
    if (!token) return { problem: 'Invalid nextToken.' };
    offset = token.offset;
    filters = JSON.parse(token.query) as Record<string, unknown>;
  } else if (!query[typesKey]) {
    return { problem: `${typesKey} is required unless nextToken is given.` };
  }
  const since = filters.createdSince
    ? Date.parse(filters.createdSince as string)
    : nowMs - 90 * 86_400_000;
  const until = filters.createdUntil ? Date.parse(filters.createdUntil as string) : nowMs;
  return { pageSize, offset, filters, since, until };
}

export function createHandlers(state: SimulatorState, faults: FaultInjector) {
  const now = () => state.clock.now();

  /** Feeds whose processing time has passed are processed (once) before anyone looks. */
  function settleDueFeeds(): void {
    for (const feed of state.feeds.values()) {
      if (feed.processingStatus === 'DONE' || feed.processingStatus === 'FATAL') continue;
      if (now() - feed.createdMs < state.timings.feedProcessingMs) {
        feed.processingStatus =
          now() - feed.createdMs >= state.timings.feedProcessingMs / 4 ? 'IN_PROGRESS' : 'IN_QUEUE';
        continue;
      }
      const upload = state.uploads.get(feed.inputFeedDocumentId);
      const fault = faults.take('feed', 'createFeed')?.kind as
        'feed-fatal' | 'feed-item-error' | undefined;
      const outcome = processOrderAdjustmentFeed(
        feed.feedId,
        upload?.body ?? '',
        state.orders,
        state.ledger,
        now(),
        fault ?? null,
      );
      feed.processingStatus = outcome.processingStatus;
      feed.processingEndMs = now();
      feed.resultFeedDocumentId = state.addDocument(outcome.reportXml, 'text/xml; charset=utf-8');
    }
  }

  const reportJson = (id: string) => {
    const r = state.reports.get(id);
    if (!r) return null;
    const status = state.reportStatus(r);
    return {
      reportId: r.reportId,
      reportType: r.reportType,
      marketplaceIds: r.marketplaceIds,
      dataStartTime: iso(r.dataStartMs),
      dataEndTime: iso(r.dataEndMs),
      createdTime: iso(r.createdMs),
      processingStatus: status,
      ...(status !== 'IN_QUEUE' ? { processingStartTime: iso(r.createdMs + 1000) } : {}),
      ...(status === 'DONE'
        ? {
            processingEndTime: iso(r.createdMs + state.timings.reportProcessingMs),
            reportDocumentId: r.reportDocumentId,
          }
        : {}),
    };
  };

  const feedJson = (id: string) => {
    const f = state.feeds.get(id);
    if (!f) return null;
    return {
      feedId: f.feedId,
      feedType: f.feedType,
      marketplaceIds: f.marketplaceIds,
      createdTime: iso(f.createdMs),
      processingStatus: f.processingStatus,
      ...(f.processingStatus !== 'IN_QUEUE'
        ? { processingStartTime: iso(f.createdMs + 1000) }
        : {}),
      ...(f.processingEndMs ? { processingEndTime: iso(f.processingEndMs) } : {}),
      ...(f.resultFeedDocumentId ? { resultFeedDocumentId: f.resultFeedDocumentId } : {}),
    };
  };

  const handlers: Record<SpApiOperation, (input: HandlerInput) => HandlerResult> = {
    searchOrders({ query }) {
      const { createdAfter, lastUpdatedAfter, createdBefore, lastUpdatedBefore } = query as Record<
        string,
        string | undefined
      >;
      if ((createdAfter === undefined) === (lastUpdatedAfter === undefined)) {
        return invalid('Exactly one of createdAfter and lastUpdatedAfter is required.');
      }
      if ((createdAfter && lastUpdatedBefore) || (lastUpdatedAfter && createdBefore)) {
        return invalid(
          'createdBefore goes with createdAfter, lastUpdatedBefore with lastUpdatedAfter.',
        );
      }
      const before = createdBefore ?? lastUpdatedBefore;
      if (before && Date.parse(before) > now() - TWO_MINUTES) {
        return invalid(
          'The before date must be at least two minutes before the time of the request.',
        );
      }
      const from = Date.parse((createdAfter ?? lastUpdatedAfter) as string);
      const until = before ? Date.parse(before) : now() - TWO_MINUTES;
      const byCreation = createdAfter !== undefined;
      const marketplaceIds = query.marketplaceIds as string[] | undefined;
      const fulfilledBy = query.fulfilledBy as string[] | undefined;
      const pageSize = (query.maxResultsPerPage as number | undefined) ?? 100;
      if (pageSize < 1 || pageSize > 100)
        return invalid('maxResultsPerPage must be between 1 and 100.');
      const signature = JSON.stringify({
        createdAfter,
        lastUpdatedAfter,
        before,
        marketplaceIds,
        fulfilledBy,
      });
      let offset = 0;
      if (typeof query.paginationToken === 'string') {
        const token = decodeToken(query.paginationToken);
        if (!token || token.query !== signature) return invalid('Invalid paginationToken.');
        offset = token.offset;
      }
      const matching = state.ordersByUpdate().filter((o) => {
        const at = byCreation ? Date.parse(o.demo.purchasedAt) : o.lastUpdatedMs;
        return (
          at >= from &&
          at <= until &&
          (!marketplaceIds || marketplaceIds.includes(o.demo.marketplaceId)) &&
          (!fulfilledBy ||
            fulfilledBy.includes(o.demo.fulfillment === 'AFN' ? 'AMAZON' : 'MERCHANT'))
        );
      });
      const page = matching.slice(offset, offset + pageSize);
      const more = offset + pageSize < matching.length;
      return {
        status: 200,
        body: {
          orders: page.map(orderJson),
          ...(more
            ? {
                pagination: {
                  nextToken: encodeToken({ offset: offset + pageSize, query: signature }),
                },
              }
            : {}),
          ...(byCreation ? { createdBefore: iso(until) } : { lastUpdatedBefore: iso(until) }),
        },
      };
    },

    getOrder({ path }) {
      const order = state.orders.get(path.orderId ?? '');
      return order
        ? { status: 200, body: { order: orderJson(order) } }
        : notFound(`Order ${path.orderId} not found.`);
    },

    createReport({ body }) {
      const spec = body as {
        reportType: string;
        marketplaceIds: string[];
        dataStartTime?: string;
        dataEndTime?: string;
      };
      if (!REQUESTABLE_REPORT_TYPES.includes(spec.reportType as ReportType)) {
        return invalid(`The simulator cannot create reports of type ${spec.reportType}.`);
      }
      const end = spec.dataEndTime ? Date.parse(spec.dataEndTime) : now();
      const start = spec.dataStartTime ? Date.parse(spec.dataStartTime) : end - 30 * 86_400_000;
      if (start > end) return invalid('dataStartTime must be before dataEndTime.');
      const reportId = state.nextId('5');
      state.reports.set(reportId, {
        reportId,
        reportType: spec.reportType as ReportType,
        marketplaceIds: spec.marketplaceIds,
        dataStartMs: start,
        dataEndMs: end,
        createdMs: now(),
      });
      return { status: 202, body: { reportId } };
    },

    getReport({ path }) {
      const report = reportJson(path.reportId ?? '');
      return report
        ? { status: 200, body: report }
        : notFound(`Report ${path.reportId} not found.`);
    },

    getReports({ query }) {
      const listing = listingOf(query, 'reportTypes', now());
      if ('problem' in listing) return invalid(listing.problem);
      const { pageSize, offset, filters, since, until } = listing;
      const all = [...state.reports.values()]
        .filter(
          (r) =>
            (filters.reportTypes as string[]).includes(r.reportType) &&
            r.createdMs >= since &&
            r.createdMs <= until &&
            (!filters.marketplaceIds ||
              r.marketplaceIds.some((m) => (filters.marketplaceIds as string[]).includes(m))),
        )
        .sort((a, b) => b.createdMs - a.createdMs)
        .map((r) => reportJson(r.reportId) as NonNullable<ReturnType<typeof reportJson>>)
        .filter(
          (r) =>
            !filters.processingStatuses ||
            (filters.processingStatuses as string[]).includes(r.processingStatus),
        );
      const more = offset + pageSize < all.length;
      const { nextToken: _unused, ...rest } = filters;
      return {
        status: 200,
        body: {
          reports: all.slice(offset, offset + pageSize),
          ...(more
            ? {
                nextToken: encodeToken({
                  offset: offset + pageSize,
                  query: JSON.stringify({ ...rest, pageSize }),
                }),
              }
            : {}),
        },
      };
    },

    getReportDocument({ path, baseUrl }) {
      const doc = state.documents.get(path.reportDocumentId ?? '');
      if (!doc || !doc.compressed)
        return notFound(`Report document ${path.reportDocumentId} not found.`);
      return {
        status: 200,
        body: {
          reportDocumentId: doc.id,
          url: `${baseUrl}/_sim/documents/${encodeURIComponent(doc.id)}`,
          compressionAlgorithm: 'GZIP',
        },
      };
    },

    createFeedDocument({ body, baseUrl }) {
      const feedDocumentId = `3d4e42b5-sim-${state.nextId('F')}`;
      state.uploads.set(feedDocumentId, {
        feedDocumentId,
        contentType: (body as { contentType: string }).contentType,
        body: null,
      });
      return {
        status: 201,
        body: { feedDocumentId, url: `${baseUrl}/_sim/uploads/${feedDocumentId}` },
      };
    },

    createFeed({ body }) {
      const spec = body as {
        feedType: string;
        marketplaceIds: string[];
        inputFeedDocumentId: string;
      };
      if (spec.feedType !== ORDER_ADJUSTMENT_FEED_TYPE) {
        return invalid(`The simulator processes only ${ORDER_ADJUSTMENT_FEED_TYPE} feeds.`);
      }
      const upload = state.uploads.get(spec.inputFeedDocumentId);
      if (!upload || upload.body === null)
        return invalid(`Feed document ${spec.inputFeedDocumentId} was not uploaded.`);
      const feedId = state.nextId('50');
      state.feeds.set(feedId, { feedId, ...spec, createdMs: now(), processingStatus: 'IN_QUEUE' });
      return { status: 202, body: { feedId } };
    },

    getFeed({ path }) {
      settleDueFeeds();
      const feed = feedJson(path.feedId ?? '');
      return feed ? { status: 200, body: feed } : notFound(`Feed ${path.feedId} not found.`);
    },

    getFeeds({ query }) {
      settleDueFeeds();
      const listing = listingOf(query, 'feedTypes', now());
      if ('problem' in listing) return invalid(listing.problem);
      const { pageSize, offset, filters, since, until } = listing;
      const all = [...state.feeds.values()]
        .filter(
          (f) =>
            (filters.feedTypes as string[]).includes(f.feedType) &&
            f.createdMs >= since &&
            f.createdMs <= until &&
            (!filters.marketplaceIds ||
              f.marketplaceIds.some((m) => (filters.marketplaceIds as string[]).includes(m))) &&
            (!filters.processingStatuses ||
              (filters.processingStatuses as string[]).includes(f.processingStatus)),
        )
        .sort((a, b) => b.createdMs - a.createdMs)
        .map((f) => feedJson(f.feedId) as NonNullable<ReturnType<typeof feedJson>>);
      const more = offset + pageSize < all.length;
      const { nextToken: _unused, ...rest } = filters;
      return {
        status: 200,
        body: {
          feeds: all.slice(offset, offset + pageSize),
          ...(more
            ? {
                nextToken: encodeToken({
                  offset: offset + pageSize,
                  query: JSON.stringify({ ...rest, pageSize }),
                }),
              }
            : {}),
        },
      };
    },

    getFeedDocument({ path, baseUrl }) {
      const id = path.feedDocumentId ?? '';
      if (state.uploads.has(id))
        return { status: 200, body: { feedDocumentId: id, url: `${baseUrl}/_sim/uploads/${id}` } };
      if (!state.documents.has(id)) return notFound(`Feed document ${id} not found.`);
      return {
        status: 200,
        body: { feedDocumentId: id, url: `${baseUrl}/_sim/documents/${encodeURIComponent(id)}` },
      };
    },

    listFinancialEventsByOrderId({ path }) {
      settleDueFeeds();
      const visibleUntil = now() - state.timings.financialEventsLagMs;
      const order = state.orders.get(path.orderId ?? '');
      const refunds = state.ledger
        .forOrder(path.orderId ?? '')
        .filter((e) => e.appliedAtMs <= visibleUntil);
      return {
        status: 200,
        body: {
          payload: {
            FinancialEvents: {
              RefundEventList: refunds.map((e) => ({
                AmazonOrderId: e.amazonOrderId,
                MarketplaceName: order
                  ? `Amazon.${order.demo.marketplace.toLowerCase()}`
                  : 'Amazon',
                PostedDate: iso(e.appliedAtMs),
                ShipmentItemAdjustmentList: [
                  {
                    OrderItemId: e.orderItemId,
                    OrderAdjustmentItemId: `adj-${e.merchantAdjustmentItemId.slice(-12)}`,
                    ItemChargeAdjustmentList: Object.entries(e.components).map(
                      ([type, amount]) => ({
                        ChargeType: type,
                        ChargeAmount: {
                          CurrencyCode: e.currency,
                          // Money back to the buyer is negative for the seller; a fee kept is positive.
                          CurrencyAmount: Number(
                            minorToDecimal(
                              type === 'RestockingFee' ? amount : -amount,
                              e.currency as 'USD',
                            ),
                          ),
                        },
                      }),
                    ),
                  },
                ],
              })),
            },
          },
        },
      };
    },
  };

  /** `POST /_sim/orders`: a new order, purchased a few minutes ago (sim time). */
  function createOrder(input: {
    marketplace?: MarketplaceCode;
    fulfillment?: 'AFN' | 'MFN';
    status?: 'Unshipped' | 'Shipped' | 'Delivered';
    /** One line of one unit, its price at most this (minor units): a refund policies approve. */
    singleLineMaxMinor?: number;
    overrides?: Record<string, unknown>;
  }) {
    const marketplace = input.marketplace ?? 'US';
    if (!Object.hasOwn(MARKETPLACES, marketplace))
      throw new RangeError(`unknown marketplace ${marketplace}`);
    for (let attempt = 0; ; attempt++) {
      const seed = 900_000 + state.orders.size * 31 + attempt;
      const candidates = generateOrders({ seed, count: 40, referenceTime: new Date(now()) }).filter(
        (o) => o.marketplace === marketplace && !state.orders.has(o.amazonOrderId),
      );
      const max = input.singleLineMaxMinor;
      const cheap =
        max === undefined
          ? candidates
          : candidates
              .filter((o) => o.lines.some((l) => l.unitPriceMinor <= max))
              .map((o) => {
                const line = o.lines.find((l) => l.unitPriceMinor <= max)!;
                return {
                  ...o,
                  lines: [
                    {
                      ...line,
                      quantity: 1,
                      promotionDiscountMinor: 0,
                      itemTaxMinor: Math.round(line.itemTaxMinor / line.quantity),
                    },
                  ],
                };
              });
      if (attempt > 200) throw new RangeError('no order of that kind could be made');
      const demo = cheap[0];
      if (!demo) continue;
      const purchasedMs = now() - 5 * 60_000;
      const status = input.status ?? 'Delivered';
      const order = {
        demo: {
          ...demo,
          fulfillment: input.fulfillment ?? demo.fulfillment,
          status,
          purchasedAt: iso(purchasedMs),
          deliveredAt: status === 'Delivered' ? iso(now() - 3 * 60_000) : null,
        },
        lastUpdatedMs: now() - 3 * 60_000,
        ...(input.overrides ? { overrides: input.overrides } : {}),
      };
      state.orders.set(demo.amazonOrderId, order);
      return order;
    }
  }

  return { handlers, settleDueFeeds, createOrder };
}
