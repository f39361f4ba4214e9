import type { z } from 'zod';
import type {
  CallName,
  CallOutput,
  EventName,
  EventPayload,
  ParsedInput,
  StoreSettings,
  SyncStatus,
} from '../../shared/contracts';
import type { Role, ScopeTarget, UserScope } from '../../shared/domain/permissions';
import type { Db } from '../../db/client';
import type { UserRow } from '../../db/repositories/directory';
import type { GrantStore } from './grants';
import type { Printing } from './printing';
import type { SessionStore, TillSession } from './sessions';
import type { Enrollment } from './sync/enroll';

/** What a call may ask of the background sync. */
export interface SyncControl {
  status(): SyncStatus;
  /** A round now; the status after it. */
  syncNow(): Promise<SyncStatus>;
  enroll(backOfficeUrl: string, code: string): Promise<Enrollment>;
  /** An admin action at the back office that needs its answer now. */
  adminRequest<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<z.infer<S>>;
}

/** This desktop: its id and code and the store it belongs to. */
export interface DeviceContext {
  id: string;
  code: string;
  storeId: string;
  storeCode: string;
  storeName: string;
  regionId: string;
  timeZone: string;
  /** The marketplaces whose orders this store takes back (its region's). */
  marketplaces: string[];
}

export interface SignedInUser {
  row: UserRow;
  role: Role;
  scope: UserScope;
}

/** A change a handler made, as the audit log and the outbox record it. */
export interface ChangeRecord {
  entityType: string;
  entityId: string | null;
  storeId: string | null;
  before: unknown;
  after: unknown;
  /** Defaults to the call's name. */
  action?: string;
  /** What the back office re-applies; defaults to the call's input. */
  mutation?: { name: string; args: unknown };
}

/** A security event that changes no synced data (sign-in, lock): audited, not queued. */
export type AuditRecord = Omit<ChangeRecord, 'mutation'> & {
  action: string;
  userId?: string | null;
};

/** What every handler gets: `(ctx, input) => output`. */
export interface HandlerContext {
  readonly db: Db;
  readonly channel: string;
  readonly callName: CallName;
  readonly device: DeviceContext;
  /** Fonts and templates shipped with the app. */
  readonly resourcesDir: string;
  readonly sessions: SessionStore;
  readonly grants: GrantStore;
  /** This device's printers and print queue. */
  readonly printing: Printing;
  /** Sync with the back office, running in the background. */
  readonly sync: SyncControl;
  readonly session: TillSession | undefined;
  /** Set for every call but `public` ones, where it is set only if someone is signed in and unlocked. */
  readonly user: SignedInUser | null;
  now(): number;
  nowIso(): string;
  newId(): string;
  requireUser(): SignedInUser;
  /** Throws OUT_OF_SCOPE unless the user's scope covers the target (`chain`: only chain-wide users). */
  requireScope(target: ScopeTarget | 'chain'): void;
  regionOfStore(storeId: string): string | undefined;
  storeSettings(storeId: string): StoreSettings;
  /** Writes the audit event and the outbox mutation of this change (inside the call's transaction). */
  recordChange(change: ChangeRecord): void;
  audit(record: AuditRecord): void;
  emit<E extends EventName>(event: E, payload: EventPayload<E>, to?: 'self' | 'all'): void;
}

export type Handler<N extends CallName> = (
  ctx: HandlerContext,
  input: ParsedInput<N>,
) => CallOutput<N> | Promise<CallOutput<N>>;

export type HandlerMap = { [N in CallName]: Handler<N> };
