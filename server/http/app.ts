import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { SYNC_MAX_BATCH_BYTES } from '../../shared/sync/protocol';
import { acceptJsonBodies, compressResponses } from './compression';
import { installErrorHandlers } from './errors';
import { requestIdOf } from './request-id';
import { amazonAccountRoutes } from './routes/amazon-account';
import { deviceRoutes } from './routes/devices';
import { healthRoutes } from './routes/health';
import { syncRoutes } from './routes/sync';
import type { BackOfficeServices } from './services';

/** The back office's HTTP API on Fastify, with pino's structured JSON logs per request id. */
export function buildApp(
  services: BackOfficeServices,
  logger: FastifyServerOptions['logger'],
): FastifyInstance {
  const app = Fastify({
    logger,
    genReqId: requestIdOf,
    // genReqId reads and checks x-request-id itself; Fastify's own would take it unchecked.
    requestIdHeader: false,
    bodyLimit: SYNC_MAX_BATCH_BYTES,
    // A push of 2000 mutations is checked in one request; give it time, not forever.
    requestTimeout: 120_000,
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  installErrorHandlers(app);
  acceptJsonBodies(app);
  compressResponses(app);
  healthRoutes(app, services);
  deviceRoutes(app, services);
  amazonAccountRoutes(app, services);
  syncRoutes(app, services);
  return app;
}
