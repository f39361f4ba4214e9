import { findOperation, type SpApiOperation } from '../models';

/**
 * Amazon's static sandbox: a request gets the example response whose recorded parameters it
 * matches exactly (every parameter the example names, with the same value).
 */
export function matchSandboxExample(
  operation: SpApiOperation,
  params: Record<string, unknown>,
): { status: number; body: unknown } | null {
  const op = findOperation(operation);
  for (const [status, response] of Object.entries(op.spec.responses)) {
    for (const example of response['x-amzn-api-sandbox']?.static ?? []) {
      const expected = example.request.parameters;
      const matches = Object.entries(expected).every(
        ([name, { value }]) => JSON.stringify(params[name]) === JSON.stringify(value),
      );
      if (matches) return { status: Number(status), body: example.response ?? null };
    }
  }
  return null;
}
