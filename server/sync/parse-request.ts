import type { z } from 'zod';
import { HttpProblem } from '../http/errors';

/**
 * The body of a sync request, checked at the boundary: a desktop speaking another protocol
 * version is told so (it must update), anything else that does not fit is MALFORMED_BATCH with
 * the first problem named.
 */
export function parseSyncRequest<T>(schema: z.ZodType<T>, body: unknown, version: number): T {
  const claimed = (body as { protocolVersion?: unknown } | null)?.protocolVersion;
  if (body && typeof body === 'object' && claimed !== undefined && claimed !== version) {
    throw new HttpProblem(
      'PROTOCOL_VERSION',
      `This back office speaks sync protocol ${version}; the desktop sent ${String(claimed)}.`,
    );
  }
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'body';
    throw new HttpProblem('MALFORMED_BATCH', `${where}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data;
}
