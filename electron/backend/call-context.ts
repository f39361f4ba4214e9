import { v7 as uuidv7 } from 'uuid';
import {
  AppError,
  CONTRACTS,
  DEFAULT_SETTINGS,
  SETTING_SCHEMAS,
  type CallName,
  type SettingKey,
  type StoreSettings,
} from '../../shared/contracts';
import { scopeCovers, type Role, type UserScope } from '../../shared/domain/permissions';
import { appendAuditEvent } from '../../db/repositories/audit';
import type { UserRow } from '../../db/repositories/directory';
import { appendMutation } from '../../db/repositories/outbox';
import { captureChangedRows } from '../../db/repositories/sync-capture';
import { readSettings } from '../../db/repositories/settings';
import type { BackendCore } from './core';
import type { AuditRecord, ChangeRecord, HandlerContext, SignedInUser } from './context';

export function userScopeOf(row: UserRow): UserScope {
  if (row.scopeKind === 'store' && row.scopeStoreId)
    return { kind: 'store', storeId: row.scopeStoreId };
  if (row.scopeKind === 'region' && row.scopeRegionId)
    return { kind: 'region', regionId: row.scopeRegionId };
  return { kind: 'chain' };
}

export function signedInUser(row: UserRow): SignedInUser {
  return { row, role: row.role as Role, scope: userScopeOf(row) };
}

/**
 * Cached: the registry reads the idle-lock time on every call. The cache empties after each
 * write; handlers, which may read what their own transaction just wrote, use readStoreSettings.
 */
export function cachedStoreSettings(core: BackendCore, storeId: string): StoreSettings {
  return core.cachedSettings(storeId, () => readStoreSettings(core, storeId));
}

export function readStoreSettings(core: BackendCore, storeId: string): StoreSettings {
  const stored = readSettings(core.db, storeId);
  const result: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(SETTING_SCHEMAS) as SettingKey[]) {
    // A value that no longer fits its schema (an older app wrote it) falls back to the default.
    const parsed = SETTING_SCHEMAS[key].safeParse(stored.get(key));
    if (parsed.success) result[key] = parsed.data;
  }
  return result as StoreSettings;
}

/**
 * What the registry reads back after the handler: how many changes it recorded, and the outbox
 * row of the last one (whose rows it captures at the end of the transaction).
 */
export type RecordingContext = HandlerContext & { changes: number; mutationId: number | null };

/** Builds the context of one call. `changes` counts what the handler recorded. */
export function createCallContext(
  core: BackendCore,
  channel: string,
  callName: CallName,
  input: unknown,
  user: SignedInUser | null,
): RecordingContext {
  const nowIso = () => new Date(core.now()).toISOString();
  // A `change` call's transaction is the registry's, which captures the rows when it ends. Other
  // calls that record a change run their own transaction: their rows are captured at
  // recordChange, which they call once the rows are written.
  const capturedByRegistry = CONTRACTS[callName].kind === 'change';
  const ctx: RecordingContext = {
    changes: 0,
    mutationId: null,
    db: core.db,
    channel,
    callName,
    device: core.device,
    resourcesDir: core.resourcesDir,
    sessions: core.sessions,
    grants: core.grants,
    printing: core.printing,
    sync: core.sync,
    session: core.sessions.get(channel),
    user,
    now: core.now,
    nowIso,
    newId: () => uuidv7(),
    requireUser() {
      if (!user) throw new AppError('UNAUTHENTICATED', 'Sign in first.');
      return user;
    },
    requireScope(target) {
      const { scope } = ctx.requireUser();
      const covered =
        target === 'chain'
          ? scope.kind === 'chain'
          : scopeCovers(scope, target, (storeId) => core.regionOfStore(storeId));
      if (!covered) throw new AppError('OUT_OF_SCOPE', 'That is outside your store or region.');
    },
    regionOfStore: (storeId) => core.regionOfStore(storeId),
    storeSettings: (storeId) => readStoreSettings(core, storeId),
    recordChange(change: ChangeRecord) {
      const at = nowIso();
      const hlc = core.tick();
      const event = appendAuditEvent(core.db, {
        id: uuidv7(),
        deviceId: core.device.id,
        userId: user?.row.id ?? null,
        storeId: change.storeId,
        action: change.action ?? callName,
        entityType: change.entityType,
        entityId: change.entityId,
        before: change.before,
        after: change.after,
        at,
        hlc,
      });
      ctx.mutationId = appendMutation(core.db, {
        id: uuidv7(),
        name: change.mutation?.name ?? callName,
        args: change.mutation?.args ?? input,
        hlc,
        auditEventId: event.id,
        createdAt: at,
      });
      if (!capturedByRegistry) captureChangedRows(core.db, ctx.mutationId);
      ctx.changes += 1;
    },
    audit(record: AuditRecord) {
      appendAuditEvent(core.db, {
        id: uuidv7(),
        deviceId: core.device.id,
        userId: record.userId === undefined ? (user?.row.id ?? null) : record.userId,
        storeId: record.storeId,
        action: record.action,
        entityType: record.entityType,
        entityId: record.entityId,
        before: record.before,
        after: record.after,
        at: nowIso(),
        hlc: core.tick(),
      });
    },
    emit(event, payload, to = 'self') {
      core.emit(to === 'self' ? channel : null, event, payload);
    },
  };
  return ctx;
}
