import { and, asc, eq, gt, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import {
  PullRequestSchema,
  SYNC_DEFAULT_PULL_LIMIT,
  SYNC_PROTOCOL_VERSION,
  type AuditEventWire,
  type PullResponse,
  type RowChange,
  type SyncTable,
} from '../../shared/sync/protocol';
import { queryRows, type Db } from '../database/client';
import { auditEvents, syncRows } from '../database/schema';
import { markDeviceSeen } from '../directory/devices';
import { reachOf, type DeviceIdentity, type Reach } from '../directory/scope';
import { HttpProblem } from '../http/errors';
import { lastMutationIdOf } from './client-state';
import { parseSyncRequest } from './parse-request';

/** Row data per pull, besides the row count: photos are large, and one answer must stay small. */
export const PULL_MAX_ROW_BYTES = 4 * 1024 * 1024;

/**
 * A row is for a device when its store, else its region, else its marketplace is in reach; rows
 * for managers' devices (key secrets) never go to a store-scoped device.
 */
function visibleTo(reach: Reach): SQL | undefined {
  if (reach.scope === 'chain') return undefined;
  const where = or(
    inArray(syncRows.storeId, reach.storeIds),
    and(
      isNull(syncRows.storeId),
      or(
        inArray(syncRows.regionId, reach.regionIds),
        and(
          isNull(syncRows.regionId),
          or(isNull(syncRows.marketplace), inArray(syncRows.marketplace, reach.marketplaces)),
        ),
      ),
    ),
  );
  return reach.scope === 'store' ? and(eq(syncRows.audience, 'all'), where) : where;
}

interface Item {
  version: number;
  bytes: number;
  row?: RowChange;
  audit?: AuditEventWire;
}

/**
 * POST /v1/sync/pull (DESIGN.md §5): what changed after the cookie and is in the device's reach,
 * in version order, at most `limit` rows and about PULL_MAX_ROW_BYTES. Read in one snapshot;
 * writers commit versions in order (write-lock.ts), so once nothing more waits the cookie can
 * jump to the newest version, past rows of other stores the device will never see.
 */
export async function handlePull(
  db: Db,
  device: DeviceIdentity,
  body: unknown,
  now: Date,
): Promise<PullResponse> {
  const request = parseSyncRequest(PullRequestSchema, body, SYNC_PROTOCOL_VERSION);
  if (request.clientId !== device.id) {
    throw new HttpProblem('FORBIDDEN', 'clientId must be the device the token belongs to.');
  }
  const limit = request.limit ?? SYNC_DEFAULT_PULL_LIMIT;
  const reach = await reachOf(db, device);

  const snapshot = await db.transaction(
    async (tx) => {
      const [newest] = await queryRows<{ version: string | number }>(
        tx as unknown as Db,
        sql`select greatest((select max(version) from sync_rows), (select max(version) from audit_events), 0) as version`,
      );
      const newestVersion = Number(newest?.version ?? 0);
      // A cookie from beyond this database (restored, or another back office): start over.
      const cookie = (request.cookie ?? 0) > newestVersion ? 0 : (request.cookie ?? 0);
      const rows = await tx
        .select({
          tableName: syncRows.tableName,
          version: syncRows.version,
          data: syncRows.data,
          deleted: syncRows.deleted,
          bytes: sql<number>`octet_length(${syncRows.data}::text)`,
        })
        .from(syncRows)
        .where(and(gt(syncRows.version, cookie), visibleTo(reach)))
        .orderBy(asc(syncRows.version))
        .limit(limit + 1);
      const audit = await tx
        .select({
          version: auditEvents.version,
          event: auditEvents.event,
          bytes: sql<number>`octet_length(${auditEvents.event}::text)`,
        })
        .from(auditEvents)
        .where(
          and(
            gt(auditEvents.version, cookie),
            ne(auditEvents.deviceId, device.id),
            reach.scope === 'chain' ? undefined : inArray(auditEvents.storeId, reach.storeIds),
          ),
        )
        .orderBy(asc(auditEvents.version))
        .limit(limit + 1);
      const lastMutationId = await lastMutationIdOf(tx, device.id);
      return { newestVersion, cookie, rows, audit, lastMutationId };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );

  const items: Item[] = [
    ...snapshot.rows.map((r) => ({
      version: r.version,
      bytes: Number(r.bytes),
      row: {
        table: r.tableName as SyncTable,
        row: r.data,
        ...(r.deleted ? { deleted: true as const } : {}),
      },
    })),
    ...snapshot.audit.map((a) => ({
      version: a.version,
      bytes: Number(a.bytes),
      audit: a.event as unknown as AuditEventWire,
    })),
  ].sort((a, b) => a.version - b.version);

  const taken: Item[] = [];
  let bytes = 0;
  for (const item of items) {
    if (taken.length === limit) break;
    if (taken.length > 0 && bytes + item.bytes > PULL_MAX_ROW_BYTES) break;
    taken.push(item);
    bytes += item.bytes;
  }
  const more = taken.length < items.length;
  const cookie = more
    ? taken[taken.length - 1]!.version
    : Math.max(snapshot.newestVersion, snapshot.cookie);
  await markDeviceSeen(db, device.id, now);
  return {
    cookie,
    lastMutationId: snapshot.lastMutationId,
    rows: taken.flatMap((i) => (i.row ? [i.row] : [])),
    audit: taken.flatMap((i) => (i.audit ? [i.audit] : [])),
    more,
    serverTime: now.toISOString(),
  };
}
