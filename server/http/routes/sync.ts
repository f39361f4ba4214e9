import type { FastifyInstance } from 'fastify';
import { SYNC_PATHS } from '../../../shared/sync/protocol';
import { handlePull } from '../../sync/pull';
import { handlePush } from '../../sync/push';
import { deviceOf, requireDevice } from '../device-auth';
import type { BackOfficeServices } from '../services';

export function syncRoutes(app: FastifyInstance, services: BackOfficeServices): void {
  const { db } = services;

  app.post(SYNC_PATHS.push, { onRequest: requireDevice(db) }, async (request) => {
    const response = await handlePush(db, deviceOf(request), request.body, services.now());
    const rejected = response.results.filter((r) => r.status === 'rejected');
    request.log.info(
      {
        mutations: response.results.length,
        rejected: rejected.map((r) => ({ mutationId: r.mutationId, code: r.code })),
        lastMutationId: response.lastMutationId,
        auditSeq: response.auditHead?.seq ?? 0,
      },
      'push processed',
    );
    return response;
  });

  app.post(SYNC_PATHS.pull, { onRequest: requireDevice(db) }, async (request) => {
    const response = await handlePull(db, deviceOf(request), request.body, services.now());
    request.log.info(
      {
        rows: response.rows.length,
        audit: response.audit.length,
        cookie: response.cookie,
        more: response.more,
      },
      'pull served',
    );
    return response;
  });
}
