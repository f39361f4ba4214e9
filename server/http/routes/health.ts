import type { FastifyInstance } from 'fastify';
import { SYNC_PATHS } from '../../../shared/sync/protocol';
import type { BackOfficeServices } from '../services';

/** Liveness (the process answers) and readiness (the database answers, migrations applied). */
export function healthRoutes(app: FastifyInstance, services: BackOfficeServices): void {
  app.get(SYNC_PATHS.health, async () => ({ status: 'ok' }));
  app.get(SYNC_PATHS.ready, async (_request, reply) => {
    const readiness = await services.readiness();
    return reply
      .code(readiness.ready ? 200 : 503)
      .send({ status: readiness.ready ? 'ready' : 'not_ready', detail: readiness.detail });
  });
}
