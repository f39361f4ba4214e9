import type { FastifyInstance } from 'fastify';
import {
  AmazonAccountRequestSchema,
  SetAmazonAccountRequestSchema,
  SYNC_PATHS,
  SYNC_PROTOCOL_VERSION,
} from '../../../shared/sync/protocol';
import { saveSellerAccount, sellerAccountStatus } from '../../amazon-sync/credentials';
import type { Db } from '../../database/client';
import { userById } from '../../directory/lookup';
import { parseSyncRequest } from '../../sync/parse-request';
import { requireDevice } from '../device-auth';
import { HttpProblem } from '../errors';
import type { BackOfficeServices } from '../services';

/** The seller account is the chain's: only an active chain-scoped admin sees or sets it. */
async function requireChainAdmin(db: Db, actingUserId: string) {
  const user = await userById(db, actingUserId);
  if (!user || !user.active || user.role !== 'admin' || user.scope.kind !== 'chain') {
    throw new HttpProblem('FORBIDDEN', 'Only an active chain admin may manage the seller account.');
  }
}

/**
 * The seller account's LWA credentials (issue #5): set by an admin from their desktop, stored
 * sealed (AES-256-GCM under the server key), never answered back — only what is set.
 */
export function amazonAccountRoutes(app: FastifyInstance, services: BackOfficeServices): void {
  const { db } = services;

  app.post(SYNC_PATHS.amazonAccount, { onRequest: requireDevice(db) }, async (request) => {
    const input = parseSyncRequest(AmazonAccountRequestSchema, request.body, SYNC_PROTOCOL_VERSION);
    await requireChainAdmin(db, input.actingUserId);
    return sellerAccountStatus(db);
  });

  app.post(SYNC_PATHS.setAmazonAccount, { onRequest: requireDevice(db) }, async (request) => {
    const input = parseSyncRequest(
      SetAmazonAccountRequestSchema,
      request.body,
      SYNC_PROTOCOL_VERSION,
    );
    await requireChainAdmin(db, input.actingUserId);
    if (!services.secretKey) throw new HttpProblem('INTERNAL', 'The server key is not configured.');
    const status = await saveSellerAccount(
      db,
      services.secretKey(),
      input,
      input.actingUserId,
      services.now(),
    );
    // Logged without the secrets (the request body is never logged).
    request.log.info({ clientIdHint: status.clientIdHint }, 'seller account set');
    return status;
  });
}
