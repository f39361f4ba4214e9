import { fromWireRow, toWireRow } from '../../db/repositories/sync-tables';
import { generateChain } from '../../shared/demo-data';
import { MARKETPLACES, type MarketplaceCode } from '../../shared/domain/marketplaces';
import { paidForLine } from '../../shared/domain/returns';
import {
  COMPARED_TABLES,
  type CompareTable,
  type DesktopSnapshot,
  type OpOutcome,
} from './messages';

/** The back office's side, as its worker reads it. */
export interface OfficeSnapshot {
  rows: {
    table: string;
    rowKey: string;
    storeId: string | null;
    data: Record<string, unknown>;
    deleted: boolean;
  }[];
  audit: { id: string; deviceId: string; seq: number; hash: string; storeId: string }[];
  mutations: {
    clientId: string;
    mutationId: number;
    id: string;
    name: string;
    status: string;
    code: string | null;
  }[];
}

export interface DesktopFinal {
  name: string;
  scope: 'store' | 'region' | 'chain';
  snapshot: DesktopSnapshot;
}

export interface RecordedOp {
  step: number;
  desktop: string;
  deviceId: string;
  kind: string;
  outcome: OpOutcome;
}

const chain = generateChain();

function storesInReach(scope: DesktopFinal['scope'], storeId: string): Set<string> {
  if (scope === 'chain') return new Set(chain.stores.map((s) => s.id));
  if (scope === 'store') return new Set([storeId]);
  const region = chain.stores.find((s) => s.id === storeId)!.regionId;
  return new Set(chain.stores.filter((s) => s.regionId === region).map((s) => s.id));
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    // A column the other side does not carry reads as null there.
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] != null)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A row in one comparable form, whichever side it came from (unknown keys dropped). */
function normal(table: CompareTable, row: Record<string, unknown>): string {
  try {
    return canonical(toWireRow(table, fromWireRow(table, row)));
  } catch (error) {
    return `unreadable: ${(error as Error).message.slice(0, 200)} ${canonical(row)}`;
  }
}

const keyOf = (row: Record<string, unknown>) => String(row.id);

/**
 * Everything the simulation asserts at the end, as a list of problems (empty: all held):
 * same rows by id and content within each desktop's scope, audit events likewise, nothing lost
 * (every change a desktop confirmed is on the server, or refused there and listed by the
 * desktop), nothing applied twice, one decision per refund request, refunds never above paid.
 */
export function checkConvergence(
  office: OfficeSnapshot,
  desktops: DesktopFinal[],
  ops: RecordedOp[],
): { problems: string[]; facts: Record<string, unknown> } {
  const problems: string[] = [];
  const problem = (text: string) => {
    if (problems.length < 60) problems.push(text);
  };

  const server = new Map<
    CompareTable,
    Map<string, { storeId: string | null; data: string; raw: Record<string, unknown> }>
  >();
  const tombstones = new Map<CompareTable, Set<string>>();
  for (const table of COMPARED_TABLES) {
    server.set(table, new Map());
    tombstones.set(table, new Set());
  }
  const orderLines = new Map<string, Record<string, unknown>>();
  const orders = new Map<string, Record<string, unknown>>();
  for (const row of office.rows) {
    if (row.table === 'orderLines') orderLines.set(row.rowKey, row.data);
    else if (row.table === 'orders') orders.set(row.rowKey, row.data);
    else if (row.deleted) tombstones.get(row.table as CompareTable)!.add(row.rowKey);
    else
      server.get(row.table as CompareTable)!.set(row.rowKey, {
        storeId: row.storeId,
        data: normal(row.table as CompareTable, row.data),
        raw: row.data,
      });
  }

  // 1. Same rows within scope, by id and content. A row this desktop wrote in a change the back
  // office refused may stay as it was here (sync/README.md: until the server sends its own).
  let keptAfterRejection = 0;
  for (const desktop of desktops) {
    const { snapshot } = desktop;
    const reach = storesInReach(desktop.scope, snapshot.device.storeId);
    const rejectedKeys = new Set(
      snapshot.outbox
        .filter((m) => m.status === 'rejected')
        .flatMap((m) => (m.rows ?? []).map((r) => `${r.table}/${r.key}`)),
    );
    for (const table of COMPARED_TABLES) {
      const expected = new Map(
        [...server.get(table)!].filter(([, r]) => r.storeId !== null && reach.has(r.storeId)),
      );
      const local = new Map(snapshot.rows[table].map((r) => [keyOf(r), normal(table, r)]));
      for (const [key, row] of expected) {
        const mine = local.get(key);
        if (mine === undefined) problem(`${desktop.name}: ${table} ${key} is missing`);
        else if (mine !== row.data) {
          if (rejectedKeys.has(`${table}/${key}`)) keptAfterRejection += 1;
          else
            problem(
              `${desktop.name}: ${table} ${key} differs:\n  here   ${mine}\n  server ${row.data}`,
            );
        }
      }
      for (const key of local.keys()) {
        if (expected.has(key)) continue;
        if (rejectedKeys.has(`${table}/${key}`)) keptAfterRejection += 1;
        else if (tombstones.get(table)!.has(key))
          problem(
            `${desktop.name}: ${table} ${key} was deleted at the back office but is still here`,
          );
        else problem(`${desktop.name}: ${table} ${key} is not at the back office (in scope)`);
      }
    }

    // 2. Audit: own chain all on the server, and the others' events of its stores.
    const serverById = new Map(office.audit.map((a) => [a.id, a]));
    for (const event of snapshot.ownAudit) {
      const there = serverById.get(event.id);
      if (!there)
        problem(`${desktop.name}: own audit event ${event.seq} never reached the back office`);
      else if (
        there.hash !== event.hash ||
        there.deviceId !== snapshot.device.id ||
        there.seq !== event.seq
      )
        problem(`${desktop.name}: own audit event ${event.seq} differs at the back office`);
    }
    const ownIds = new Set(snapshot.ownAudit.map((a) => a.id));
    for (const event of office.audit) {
      if (event.deviceId === snapshot.device.id && !ownIds.has(event.id))
        problem(`${desktop.name}: back office holds audit event ${event.seq} this desktop lacks`);
    }
    const expectedRemote = office.audit.filter(
      (a) => a.deviceId !== snapshot.device.id && reach.has(a.storeId),
    );
    const remote = new Map(snapshot.remoteAudit.map((a) => [a.id, a]));
    for (const event of expectedRemote) {
      const here = remote.get(event.id);
      if (!here)
        problem(`${desktop.name}: remote audit event ${event.deviceId}#${event.seq} missing`);
      else if (here.hash !== event.hash)
        problem(`${desktop.name}: remote audit event ${event.id} differs`);
    }
    if (remote.size !== expectedRemote.length)
      problem(
        `${desktop.name}: ${remote.size} remote audit events, back office says ${expectedRemote.length}`,
      );
    const seqs = snapshot.ownAudit.map((a) => a.seq);
    if (seqs.some((s, i) => s !== i + 1)) problem(`${desktop.name}: own audit sequence has gaps`);

    // 3. The outbox and the back office agree mutation by mutation (no id reused after a crash).
    const processed = new Map(
      office.mutations
        .filter((m) => m.clientId === snapshot.device.id)
        .map((m) => [Number(m.mutationId), m]),
    );
    const rejections = new Set((snapshot.rejections ?? []).map((r) => r.id));
    if (snapshot.rejections === null)
      problem(`${desktop.name}: sync.rejections failed: ${snapshot.rejectionsError}`);
    for (const entry of snapshot.outbox) {
      const there = processed.get(entry.mutationId);
      if (entry.status === 'pending')
        problem(`${desktop.name}: mutation ${entry.mutationId} still pending`);
      if (!there) {
        if (entry.status !== 'rejected' || entry.rejectedCode !== 'INVALID_ROW')
          problem(
            `${desktop.name}: mutation ${entry.mutationId} (${entry.name}) unknown to the back office`,
          );
        continue;
      }
      if (there.id !== entry.id)
        problem(
          `${desktop.name}: mutation number ${entry.mutationId} is ${entry.name} ${entry.id} here but ${there.name} ${there.id} at the back office`,
        );
      if (there.status === 'rejected' && entry.status !== 'rejected')
        problem(
          `${desktop.name}: mutation ${entry.mutationId} (${entry.name}) was rejected (${there.code}) but this desktop counts it ${entry.status}`,
        );
      if (there.status === 'applied' && entry.status !== 'acked')
        problem(
          `${desktop.name}: mutation ${entry.mutationId} (${entry.name}) was applied but is ${entry.status} here`,
        );
      if (there.status === 'rejected' && !rejections.has(entry.id))
        problem(
          `${desktop.name}: rejected mutation ${entry.mutationId} (${there.code}) not listed by sync.rejections`,
        );
    }
    for (const mutationId of processed.keys()) {
      if (!snapshot.outbox.some((m) => m.mutationId === mutationId))
        problem(
          `${desktop.name}: back office processed mutation ${mutationId} this desktop never had`,
        );
    }

    // 4. One decision per refund request here too.
    const decided = new Map<string, number>();
    for (const a of snapshot.rows.approvals)
      decided.set(String(a.refundRequestId), (decided.get(String(a.refundRequestId)) ?? 0) + 1);
    for (const [request, n] of decided)
      if (n > 1) problem(`${desktop.name}: refund request ${request} has ${n} decisions`);
  }

  // 5. Nothing lost: every change a desktop confirmed was processed, and applied ones are there.
  const byUuid = new Map(office.mutations.map((m) => [m.id, m]));
  const seenUuid = new Set<string>();
  for (const m of office.mutations) {
    if (seenUuid.has(m.id)) problem(`mutation ${m.id} (${m.name}) processed twice`);
    seenUuid.add(m.id);
  }
  let confirmed = 0;
  let rejectedOps = 0;
  const rejectedByCode: Record<string, number> = {};
  for (const op of ops) {
    if (!op.outcome.ok || !op.outcome.mutation) continue;
    confirmed += 1;
    const there = byUuid.get(op.outcome.mutation.id);
    if (!there) {
      problem(
        `step ${op.step}: ${op.kind} at ${op.desktop} (mutation ${op.outcome.mutation.mutationId}) never reached the back office`,
      );
      continue;
    }
    if (there.status === 'rejected') {
      rejectedOps += 1;
      rejectedByCode[there.code ?? '?'] = (rejectedByCode[there.code ?? '?'] ?? 0) + 1;
      const listed = desktops
        .find((d) => d.snapshot.device.id === op.deviceId)
        ?.snapshot.rejections?.some((r) => r.id === there.id);
      if (!listed)
        problem(
          `step ${op.step}: ${op.kind} at ${op.desktop} rejected (${there.code}) but not in sync.rejections`,
        );
      continue;
    }
    for (const [table, ids] of Object.entries(op.outcome.entities)) {
      if (table === 'refundRequests' && op.kind === 'decide') continue;
      for (const id of Array.isArray(ids) ? ids : [ids]) {
        const t = table as CompareTable;
        if (!server.get(t)!.has(id) && !tombstones.get(t)!.has(id))
          problem(
            `step ${op.step}: ${op.kind} at ${op.desktop} applied but ${table} ${id} is not at the back office`,
          );
      }
    }
  }

  // 6. One decision per request, and refunds per order line never above what was paid.
  const decisions = new Map<string, number>();
  for (const row of server.get('approvals')!.values()) {
    const request = String(row.raw.refundRequestId);
    decisions.set(request, (decisions.get(request) ?? 0) + 1);
  }
  for (const [request, n] of decisions)
    if (n > 1) problem(`back office: refund request ${request} has ${n} decisions`);
  const liveRequests = new Set(
    [...server.get('refundRequests')!]
      .filter(([, r]) => !['denied', 'rejected'].includes(String(r.raw.status)))
      .map(([id]) => id),
  );
  const refunded = new Map<string, { units: number; total: number }>();
  for (const row of server.get('refundRequestLines')!.values()) {
    if (!liveRequests.has(String(row.raw.refundRequestId))) continue;
    const key = String(row.raw.orderLineId);
    const sum = refunded.get(key) ?? { units: 0, total: 0 };
    sum.units += Number(row.raw.units);
    sum.total += Number(row.raw.totalMinor);
    refunded.set(key, sum);
  }
  for (const [orderLineId, sum] of refunded) {
    const line = orderLines.get(orderLineId) as
      | {
          orderId: string;
          quantity: number;
          unitPriceMinor: number;
          itemTaxMinor: number;
          shippingMinor: number;
          shippingTaxMinor: number;
          promotionDiscountMinor: number;
        }
      | undefined;
    if (!line) {
      problem(`order line ${orderLineId} refunded but unknown`);
      continue;
    }
    const marketplace = orders.get(line.orderId)?.marketplace as MarketplaceCode;
    const paid = paidForLine({
      ...line,
      taxIncluded: MARKETPLACES[marketplace].taxIncluded,
    }).totalMinor;
    if (sum.total > paid || sum.units > line.quantity)
      problem(
        `order line ${orderLineId}: ${sum.total} of ${paid} refunded (${sum.units} of ${line.quantity} units)`,
      );
  }

  return {
    problems,
    facts: {
      confirmedChanges: confirmed,
      rejectedAtBackOffice: rejectedOps,
      rejectedByCode,
      keptAfterRejection,
      serverRows: Object.fromEntries(COMPARED_TABLES.map((t) => [t, server.get(t)!.size])),
      decisions: decisions.size,
      auditEvents: office.audit.length,
    },
  };
}
