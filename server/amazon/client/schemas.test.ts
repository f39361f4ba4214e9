import { describe, expect, it } from 'vitest';
import { type z } from 'zod';
import { SPAPI_OPERATION_NAMES, findOperation, type SpApiOperation } from '../models';
import {
  createFeedDocumentResponseSchema,
  createFeedResponseSchema,
  createReportResponseSchema,
  errorListSchema,
  feedDocumentSchema,
  feedSchema,
  getOrderResponseSchema,
  getReportsResponseSchema,
  listFinancialEventsResponseSchema,
  reportDocumentSchema,
  reportSchema,
  searchOrdersResponseSchema,
  getFeedsResponseSchema,
} from './schemas';

const SUCCESS_SCHEMAS: Record<SpApiOperation, z.ZodType> = {
  searchOrders: searchOrdersResponseSchema,
  getOrder: getOrderResponseSchema,
  createReport: createReportResponseSchema,
  getReport: reportSchema,
  getReports: getReportsResponseSchema,
  getReportDocument: reportDocumentSchema,
  createFeedDocument: createFeedDocumentResponseSchema,
  createFeed: createFeedResponseSchema,
  getFeed: feedSchema,
  getFeeds: getFeedsResponseSchema,
  getFeedDocument: feedDocumentSchema,
  listFinancialEventsByOrderId: listFinancialEventsResponseSchema,
};

const examples = SPAPI_OPERATION_NAMES.flatMap((name) =>
  Object.entries(findOperation(name).spec.responses).flatMap(([status, response]) =>
    (response['x-amzn-api-sandbox']?.static ?? []).map((example, i) => ({
      label: `${name} ${status} #${i + 1}`,
      name,
      status: Number(status),
      body: example.response,
    })),
  ),
);

describe('our zod schemas accept every static sandbox example of the operations we call', () => {
  it('there are examples for every operation', () => {
    expect(new Set(examples.map((e) => e.name))).toEqual(new Set(SPAPI_OPERATION_NAMES));
    expect(examples.length).toBeGreaterThanOrEqual(25);
  });

  it.each(examples)('$label', ({ name, status, body }) => {
    const schema = status < 300 ? SUCCESS_SCHEMAS[name] : errorListSchema;
    const parsed = schema.safeParse(body);
    expect(parsed.success, parsed.error?.message).toBe(true);
  });
});
