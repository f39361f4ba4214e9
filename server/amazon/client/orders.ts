import { z } from 'zod';
import { type SpApiTransport } from './http';
import {
  orderSchema,
  getOrderResponseSchema,
  searchOrdersResponseSchema,
  type SearchOrdersResponse,
  type SpApiOrder,
} from './schemas';

export const ORDER_DATASETS = [
  'BUYER',
  'RECIPIENT',
  'PROCEEDS',
  'FULFILLMENT',
  'PACKAGES',
] as const;

export interface SearchOrdersQuery {
  marketplaceIds: readonly string[];
  /** Incremental sync: orders changed at or after this instant (ISO 8601). */
  lastUpdatedAfter: string;
  lastUpdatedBefore?: string;
  maxResultsPerPage?: number;
  includedData?: readonly string[];
}

/** Orders API v2026-01-01 (v0 is deprecated; DESIGN.md §6). */
export class OrdersApi {
  constructor(private readonly transport: SpApiTransport) {}

  async searchOrders(
    query: SearchOrdersQuery,
    paginationToken?: string,
  ): Promise<SearchOrdersResponse> {
    const { data } = await this.transport.call({
      operation: 'searchOrders',
      query: {
        marketplaceIds: query.marketplaceIds,
        lastUpdatedAfter: query.lastUpdatedAfter,
        lastUpdatedBefore: query.lastUpdatedBefore,
        maxResultsPerPage: query.maxResultsPerPage ?? 100,
        includedData: query.includedData ?? ORDER_DATASETS,
        paginationToken,
      },
      response: searchOrdersResponseSchema,
    });
    return data;
  }

  /**
   * Every page of a search, one at a time. Each page is yielded with the token that fetches
   * the one after it, so a job can store that cursor and resume after a crash.
   */
  async *searchOrderPages(
    query: SearchOrdersQuery,
    resumeToken?: string,
  ): AsyncGenerator<{ orders: SpApiOrder[]; nextToken: string | null }> {
    let token = resumeToken;
    do {
      const page = await this.searchOrders(query, token);
      token = page.pagination?.nextToken;
      yield { orders: page.orders, nextToken: token ?? null };
    } while (token);
  }

  /**
   * Like searchOrderPages, but each order is checked on its own: one Amazon sends in a shape we
   * cannot read (a required field missing) comes back in `malformed` with the problem, and the
   * rest of the page is read. Unknown enum values pass (statuses are kept as strings).
   */
  async *searchOrderPagesLenient(
    query: SearchOrdersQuery,
    resumeToken?: string,
  ): AsyncGenerator<{
    orders: SpApiOrder[];
    malformed: { raw: unknown; problem: string }[];
    nextToken: string | null;
  }> {
    let token = resumeToken;
    do {
      const { data } = await this.transport.call({
        operation: 'searchOrders',
        query: {
          marketplaceIds: query.marketplaceIds,
          lastUpdatedAfter: query.lastUpdatedAfter,
          lastUpdatedBefore: query.lastUpdatedBefore,
          maxResultsPerPage: query.maxResultsPerPage ?? 100,
          includedData: query.includedData ?? ORDER_DATASETS,
          paginationToken: token,
        },
        response: lenientSearchSchema,
      });
      const orders: SpApiOrder[] = [];
      const malformed: { raw: unknown; problem: string }[] = [];
      for (const raw of data.orders) {
        const parsed = orderSchema.safeParse(raw);
        if (parsed.success) orders.push(parsed.data);
        else
          malformed.push({
            raw,
            problem: parsed.error.issues
              .map((i) => `${i.path.join('.') || '(order)'}: ${i.message}`)
              .join('; '),
          });
      }
      token = data.pagination?.nextToken;
      yield { orders, malformed, nextToken: token ?? null };
    } while (token);
  }

  async getOrder(
    orderId: string,
    includedData: readonly string[] = ORDER_DATASETS,
  ): Promise<SpApiOrder> {
    const { data } = await this.transport.call({
      operation: 'getOrder',
      pathParams: { orderId },
      query: { includedData },
      response: getOrderResponseSchema,
    });
    return data.order;
  }
}

const lenientSearchSchema = z.object({
  orders: z.array(z.unknown()),
  pagination: z.object({ nextToken: z.string().optional() }).optional(),
});
