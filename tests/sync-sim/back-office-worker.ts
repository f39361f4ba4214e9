import { inArray, sql } from 'drizzle-orm';
import { startBackOffice } from '../../server/back-office';
import { queryRows } from '../../server/database/client';
import { auditEvents, syncMutations, syncRows } from '../../server/database/schema';
import { createEnrollmentCode } from '../../server/directory/enrollment';
import { storeByCode } from '../../server/directory/lookup';
import type { DeviceScope } from '../../shared/sync/protocol';
import { COMPARED_TABLES } from './messages';

/**
 * The back office as a process of its own, so the simulation can SIGKILL it mid-push and start
 * it again on the same data (PGlite folder or PostgreSQL database) and the same port.
 *
 * Env: SIM_PORT, SIM_DATA_DIR, SIM_DATABASE_URL (optional: PGlite otherwise), SIM_START_MS and
 * SIM_EPOCH_MS (the simulated clock: START + time since the run began, shared by every process).
 */
const port = Number(process.env.SIM_PORT);
const start = Number(process.env.SIM_START_MS);
const epoch = Number(process.env.SIM_EPOCH_MS);
const now = () => start + (Date.now() - epoch);

const office = await startBackOffice({
  dataDir: process.env.SIM_DATA_DIR!,
  databaseUrl: process.env.SIM_DATABASE_URL || undefined,
  port,
  seedDemo: true,
  now,
  logger: false,
});

export type BackOfficeCommand =
  | { cmd: 'enrollmentCode'; storeCode: string; scope: DeviceScope }
  | { cmd: 'version' }
  | { cmd: 'snapshot' };

async function run(command: BackOfficeCommand): Promise<unknown> {
  const db = office.db;
  switch (command.cmd) {
    case 'enrollmentCode': {
      const store = await storeByCode(db, command.storeCode);
      const { code } = await createEnrollmentCode(db, {
        storeId: store!.id,
        scope: command.scope,
        ttlMinutes: 24 * 60,
        createdBy: null,
        createdByDevice: null,
        now: new Date(now()),
      });
      return code;
    }
    case 'version': {
      const [row] = await queryRows<{ version: string | number }>(
        db,
        sql`select greatest((select max(version) from sync_rows), (select max(version) from audit_events), 0) as version`,
      );
      return Number(row?.version ?? 0);
    }
    case 'snapshot': {
      const rows = await db
        .select({
          table: syncRows.tableName,
          rowKey: syncRows.rowKey,
          storeId: syncRows.storeId,
          data: syncRows.data,
          deleted: syncRows.deleted,
        })
        .from(syncRows)
        .where(inArray(syncRows.tableName, [...COMPARED_TABLES, 'orders', 'orderLines']));
      const audit = await db
        .select({
          id: auditEvents.id,
          deviceId: auditEvents.deviceId,
          seq: auditEvents.seq,
          hash: auditEvents.hash,
          storeId: auditEvents.storeId,
        })
        .from(auditEvents);
      const mutations = await db
        .select({
          clientId: syncMutations.clientId,
          mutationId: syncMutations.mutationId,
          id: syncMutations.id,
          name: syncMutations.name,
          status: syncMutations.status,
          code: syncMutations.code,
        })
        .from(syncMutations);
      return { rows, audit, mutations };
    }
  }
}

process.on('message', (message: { seq: number; command: BackOfficeCommand }) => {
  run(message.command).then(
    (result) => process.send?.({ seq: message.seq, ok: true, result }),
    (error: unknown) =>
      process.send?.({ seq: message.seq, ok: false, error: String((error as Error)?.stack) }),
  );
});
process.on('disconnect', () => {
  void office.close().then(() => process.exit(0));
});
process.send?.({ type: 'ready', url: office.url });
