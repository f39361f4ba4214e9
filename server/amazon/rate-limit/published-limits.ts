import { type SpApiOperation, type UsagePlan } from '../models';

/**
 * Amazon's default usage plans for the operations we call, as published in each operation's
 * description in the models (`published-limits.test.ts` checks this table against them, so a
 * model update that changes a limit fails the test instead of going unnoticed). Accounts may be
 * granted more; `x-amzn-RateLimit-Limit` on each response then adapts the bucket.
 */
export const PUBLISHED_USAGE_PLANS = {
  searchOrders: { rate: 0.0056, burst: 20 },
  getOrder: { rate: 0.5, burst: 30 },
  createReport: { rate: 0.0167, burst: 15 },
  getReport: { rate: 2, burst: 15 },
  getReports: { rate: 0.0222, burst: 10 },
  getReportDocument: { rate: 0.0167, burst: 15 },
  createFeedDocument: { rate: 0.5, burst: 15 },
  createFeed: { rate: 0.0083, burst: 15 },
  getFeed: { rate: 2, burst: 15 },
  getFeeds: { rate: 0.0222, burst: 10 },
  getFeedDocument: { rate: 0.0222, burst: 10 },
  listFinancialEventsByOrderId: { rate: 0.5, burst: 30 },
} as const satisfies Record<SpApiOperation, UsagePlan>;
