/**
 * Deterministic demo data: the chain (regions, stores, people) that seeds a fresh desktop, and
 * Amazon orders that seed it and feed the back office's Amazon simulator. Isomorphic: pure
 * TypeScript, no Node built-ins, no DOM, no Math.random.
 */
export type {
  DemoChain,
  DemoOrder,
  DemoOrderLine,
  DemoRegion,
  DemoStore,
  DemoUser,
  GenerateOrdersOptions,
} from './types';
export { generateChain } from './chain';
export { generateOrders, DEFAULT_ORDER_COUNT, DEFAULT_ORDER_SEED } from './orders';
export { DEMO_SECRETS } from './demo-secrets';
export { CATALOGUE, PRODUCT_CATEGORIES, type ProductCategory } from './catalogue';
