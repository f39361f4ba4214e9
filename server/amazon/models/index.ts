import { readFileSync } from 'node:fs';

/**
 * The official SP-API models this folder is built from (unmodified copies, see README.md).
 * The client's types, the rate-limit table and the simulator's validation all derive from them.
 */
export const MODEL_FILES = {
  orders: 'orders_2026-01-01.json',
  reports: 'reports_2021-06-30.json',
  feeds: 'feeds_2021-06-30.json',
  financesV0: 'financesV0.json',
} as const;
export type ModelName = keyof typeof MODEL_FILES;

/** The operations ReturnDesk calls; every one exists in exactly one of the models above. */
export const SPAPI_OPERATIONS = {
  searchOrders: 'orders',
  getOrder: 'orders',
  createReport: 'reports',
  getReport: 'reports',
  getReports: 'reports',
  getReportDocument: 'reports',
  createFeedDocument: 'feeds',
  createFeed: 'feeds',
  getFeed: 'feeds',
  getFeeds: 'feeds',
  getFeedDocument: 'feeds',
  listFinancialEventsByOrderId: 'financesV0',
} as const satisfies Record<string, ModelName>;
export type SpApiOperation = keyof typeof SPAPI_OPERATIONS;
export const SPAPI_OPERATION_NAMES = Object.keys(SPAPI_OPERATIONS) as SpApiOperation[];

export interface SwaggerParameter {
  name: string;
  in: 'path' | 'query' | 'body' | 'header' | 'formData';
  required?: boolean;
  type?: string;
  schema?: Record<string, unknown>;
  [keyword: string]: unknown;
}

export interface SandboxExample {
  request: { parameters: Record<string, { value: unknown }> };
  response?: unknown;
}

export interface SwaggerResponse {
  description?: string;
  schema?: Record<string, unknown>;
  'x-amzn-api-sandbox'?: { static?: SandboxExample[] };
}

export interface SwaggerOperation {
  operationId: string;
  description?: string;
  parameters?: SwaggerParameter[];
  responses: Record<string, SwaggerResponse>;
  deprecated?: boolean;
}

export interface SwaggerModel {
  swagger: '2.0';
  paths: Record<string, Record<string, SwaggerOperation | SwaggerParameter[]>>;
  definitions: Record<string, unknown>;
}

export interface ModelOperation {
  name: SpApiOperation;
  model: ModelName;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  /** Swagger path template, e.g. `/orders/2026-01-01/orders/{orderId}`. */
  pathTemplate: string;
  spec: SwaggerOperation;
}

const modelCache = new Map<ModelName, SwaggerModel>();

export function loadModel(name: ModelName): SwaggerModel {
  let model = modelCache.get(name);
  if (!model) {
    const url = new URL(`./${MODEL_FILES[name]}`, import.meta.url);
    model = JSON.parse(readFileSync(url, 'utf8')) as SwaggerModel;
    modelCache.set(name, model);
  }
  return model;
}

export function modelBytes(name: ModelName): Buffer {
  return readFileSync(new URL(`./${MODEL_FILES[name]}`, import.meta.url));
}

export function findOperation(name: SpApiOperation): ModelOperation {
  const modelName = SPAPI_OPERATIONS[name];
  const model = loadModel(modelName);
  for (const [pathTemplate, item] of Object.entries(model.paths)) {
    for (const [method, spec] of Object.entries(item)) {
      if (method === 'parameters' || Array.isArray(spec)) continue;
      if (spec.operationId === name) {
        return {
          name,
          model: modelName,
          method: method.toUpperCase() as ModelOperation['method'],
          pathTemplate,
          spec,
        };
      }
    }
  }
  throw new Error(`operation ${name} is not in ${MODEL_FILES[modelName]}`);
}

export interface UsagePlan {
  /** Requests per second restored to the bucket. */
  rate: number;
  /** Bucket size: requests that may go at once after a quiet spell. */
  burst: number;
}

/** Reads the "Usage Plan" table Amazon writes into each operation's description. */
export function usagePlanFromDescription(description: string): UsagePlan | null {
  const match =
    /\|\s*Rate \(requests per second\)\s*\|\s*Burst\s*\|\s*\n\|[-\s|]+\|\s*\n\|\s*([\d.]+)\s*\|\s*(\d+)\s*\|/i.exec(
      description,
    );
  if (!match) return null;
  return { rate: Number(match[1]), burst: Number(match[2]) };
}
