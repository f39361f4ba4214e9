import type { SyncStatus } from '../../shared/contracts';

/** What the simulation and its desktop processes say to each other over IPC. */

/** The tables every desktop and the back office must agree on, within the desktop's scope. */
export const COMPARED_TABLES = [
  'returns',
  'returnLines',
  'qcInspections',
  'refundRequests',
  'refundRequestLines',
  'approvals',
] as const;
export type CompareTable = (typeof COMPARED_TABLES)[number];

export type DesktopCommand =
  | { cmd: 'syncNow' }
  /**
   * A return of one unit of the `pick`-th of the first `pool` eligible order lines, dear ones
   * (a manager must approve their refund) or cheap ones (approved at once).
   */
  | { cmd: 'createReturn'; channel: string; pick: number; pool: number; dear: boolean }
  | { cmd: 'qc'; channel: string; pick: number; grade: string }
  | { cmd: 'refund'; channel: string; pick: number }
  | { cmd: 'decide'; channel: string; pick: number; decision: 'approved' | 'denied' }
  | { cmd: 'snapshot' };

export type DesktopReply =
  { seq: number; ok: true; result: unknown } | { seq: number; ok: false; error: string };

/** A change call's outcome at the desktop: refused there, or done with its outbox mutation. */
export type OpOutcome =
  | { ok: false; code: string; message: string }
  | {
      ok: true;
      mutation: { id: string; mutationId: number } | null;
      entities: Record<string, string | string[]>;
      data: unknown;
    };

export interface AuditRef {
  id: string;
  seq: number;
  hash: string;
  storeId: string | null;
  deviceId?: string;
}

export interface DesktopSnapshot {
  device: { id: string; storeId: string };
  rows: Record<CompareTable, Record<string, unknown>[]>;
  ownAudit: AuditRef[];
  remoteAudit: AuditRef[];
  outbox: {
    mutationId: number;
    id: string;
    name: string;
    status: string;
    rejectedCode: string | null;
    /** For rejected ones: the rows it wrote (table and id). */
    rows?: { table: string; key: string }[];
  }[];
  status: SyncStatus | null;
  rejections: { id: string; mutationId: number; code: string; name: string }[] | null;
  rejectionsError: string | null;
}
