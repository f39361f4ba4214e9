import { randomBytes, randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { hasPermission, scopeCovers } from '../../shared/domain/permissions';
import { deriveStoreKey, newSigningKeyPair } from '../../shared/domain/approvals/offline-code';
import type { Db } from '../database/client';
import { managerKeys, stores, users } from '../database/schema';
import { HttpProblem } from '../http/errors';
import { publishRows, type RowToPublish } from '../sync/sync-rows';
import { withSyncWrite } from '../sync/write-lock';
import { userById } from './lookup';
import { reachCovers, type Reach } from './scope';

/**
 * Regional managers' offline approval keys (DESIGN.md §8, shared/domain/approvals/offline-code.ts).
 * Made here, at the demo seed and by an admin's rotate; desktops pull what they may hold:
 * - `managerKeys` (public half, revoked or not) to every device of the manager's region;
 * - `managerStoreKeys` (HMAC(key, store)) to each store of the region, for part A;
 * - `managerKeySecrets` to the region's and the chain's manager devices only (never a till).
 * A revoked key's public row and store keys stay (a store says "revoked", not "wrong code"); its
 * secrets are withdrawn by tombstone.
 */

export type ManagerKeyRecord = typeof managerKeys.$inferSelect;

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const iso = (d: Date | null) => (d ? d.toISOString() : null);

function publicRow(key: ManagerKeyRecord): RowToPublish {
  return {
    table: 'managerKeys',
    data: {
      id: key.id,
      userId: key.userId,
      version: key.version,
      publicKey: key.publicKey,
      createdAt: key.createdAt.toISOString(),
      revokedAt: iso(key.revokedAt),
    },
    audience: { regionId: key.regionId },
  };
}

function secretRow(key: ManagerKeyRecord, deleted = false): RowToPublish {
  return {
    table: 'managerKeySecrets',
    data: deleted
      ? { id: key.id }
      : {
          id: key.id,
          userId: key.userId,
          secret: key.secret,
          signingSecret: key.signingSecret,
        },
    audience: { regionId: key.regionId, devices: 'managers' },
    deleted,
  };
}

function storeKeyRows(key: ManagerKeyRecord, storeIds: string[]): RowToPublish[] {
  const secret = Buffer.from(key.secret, 'base64');
  return storeIds.map((storeId) => ({
    table: 'managerStoreKeys',
    data: {
      id: randomUUID(),
      managerKeyId: key.id,
      storeId,
      storeKey: b64(deriveStoreKey(secret, storeId)),
    },
    audience: { storeId },
  }));
}

/** A new key for a regional manager, published. Call inside withSyncWrite. */
export async function createManagerKey(
  tx: Db,
  input: { userId: string; regionId: string; createdBy: string | null; now: Date },
): Promise<ManagerKeyRecord> {
  const previous = await tx
    .select({ version: managerKeys.version })
    .from(managerKeys)
    .where(eq(managerKeys.userId, input.userId));
  const signing = newSigningKeyPair();
  const [key] = await tx
    .insert(managerKeys)
    .values({
      id: randomUUID(),
      userId: input.userId,
      regionId: input.regionId,
      version: Math.max(0, ...previous.map((p) => p.version)) + 1,
      secret: b64(randomBytes(32)),
      signingSecret: b64(signing.secretKey),
      publicKey: b64(signing.publicKey),
      createdAt: input.now,
      createdBy: input.createdBy,
    })
    .returning();
  const storeIds = (
    await tx.select({ id: stores.id }).from(stores).where(eq(stores.regionId, input.regionId))
  ).map((s) => s.id);
  await publishRows(
    tx,
    [publicRow(key!), ...storeKeyRows(key!, storeIds), secretRow(key!)],
    input.now,
  );
  return key!;
}

/** Revokes a manager's live keys, published: from each device's next sync on, refused. */
async function revokeLiveKeys(
  tx: Db,
  input: { userId: string; revokedBy: string | null; now: Date },
): Promise<ManagerKeyRecord[]> {
  const revoked = await tx
    .update(managerKeys)
    .set({ revokedAt: input.now, revokedBy: input.revokedBy })
    .where(and(eq(managerKeys.userId, input.userId), isNull(managerKeys.revokedAt)))
    .returning();
  await publishRows(
    tx,
    revoked.flatMap((key) => [publicRow(key), secretRow(key, true)]),
    input.now,
  );
  return revoked;
}

/** One key for every active regional manager who has none (the demo seed). */
export async function seedManagerKeys(tx: Db, now: Date): Promise<number> {
  const managers = await tx
    .select({ id: users.id, regionId: users.scopeRegionId })
    .from(users)
    .where(and(eq(users.role, 'regional_manager'), eq(users.active, true)));
  let made = 0;
  for (const manager of managers) {
    if (!manager.regionId) continue;
    const existing = await tx
      .select({ id: managerKeys.id })
      .from(managerKeys)
      .where(eq(managerKeys.userId, manager.id))
      .limit(1);
    if (existing.length > 0) continue;
    await createManagerKey(tx, {
      userId: manager.id,
      regionId: manager.regionId,
      createdBy: null,
      now,
    });
    made += 1;
  }
  return made;
}

/** The manager a key is for: an active user who decides refunds for one region. */
async function requireKeyHolder(db: Db, managerId: string): Promise<{ regionId: string }> {
  const user = await userById(db, managerId);
  if (!user) throw new HttpProblem('NOT_FOUND', 'No such user.');
  if (user.scope.kind !== 'region' || !hasPermission(user.role, 'approvals.decide')) {
    throw new HttpProblem('FORBIDDEN', 'Offline approval keys are for regional managers.');
  }
  return { regionId: user.scope.regionId };
}

/** Admin actions on a region: an active admin covering it, from a desktop that reaches it. */
export async function requireAdminForRegion(
  db: Db,
  reach: Reach,
  actingUserId: string,
  regionId: string,
): Promise<void> {
  const admin = await userById(db, actingUserId);
  if (!admin || !admin.active || admin.role !== 'admin') {
    throw new HttpProblem('FORBIDDEN', 'Only an active admin may do this.');
  }
  if (!scopeCovers(admin.scope, { regionId }, () => undefined)) {
    throw new HttpProblem('FORBIDDEN', 'This admin is not responsible for that region.');
  }
  if (!reachCovers(reach, { regionId })) {
    throw new HttpProblem('FORBIDDEN', 'This desktop does not reach that region.');
  }
}

/** POST /v1/admin/manager-keys/rotate: a new key; the manager's previous one is revoked. */
export async function rotateManagerKey(
  db: Db,
  reach: Reach,
  input: { managerId: string; actingUserId: string; now: Date },
): Promise<{ keyId: string; version: number; revokedKeyId: string | null }> {
  const { regionId } = await requireKeyHolder(db, input.managerId);
  await requireAdminForRegion(db, reach, input.actingUserId, regionId);
  return withSyncWrite(db, async (tx) => {
    const revoked = await revokeLiveKeys(tx, {
      userId: input.managerId,
      revokedBy: input.actingUserId,
      now: input.now,
    });
    const key = await createManagerKey(tx, {
      userId: input.managerId,
      regionId,
      createdBy: input.actingUserId,
      now: input.now,
    });
    return { keyId: key.id, version: key.version, revokedKeyId: revoked[0]?.id ?? null };
  });
}

/** POST /v1/admin/manager-keys/revoke: the manager's live keys revoked, no new one. */
export async function revokeManagerKey(
  db: Db,
  reach: Reach,
  input: { managerId: string; actingUserId: string; now: Date },
): Promise<{ revokedKeyIds: string[]; revokedAt: string }> {
  const { regionId } = await requireKeyHolder(db, input.managerId);
  await requireAdminForRegion(db, reach, input.actingUserId, regionId);
  return withSyncWrite(db, async (tx) => {
    const revoked = await revokeLiveKeys(tx, {
      userId: input.managerId,
      revokedBy: input.actingUserId,
      now: input.now,
    });
    return { revokedKeyIds: revoked.map((k) => k.id), revokedAt: input.now.toISOString() };
  });
}

export async function managerKeyById(db: Db, id: string): Promise<ManagerKeyRecord | undefined> {
  const [key] = await db.select().from(managerKeys).where(eq(managerKeys.id, id));
  return key;
}
