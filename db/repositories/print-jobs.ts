import { and, asc, desc, eq, getTableColumns, inArray } from 'drizzle-orm';
import type { Db } from '../client';
import { printJobs, returns } from '../schema';

export type PrintJobRow = typeof printJobs.$inferSelect;
/** A job without its payload, with the RMA number of its return for the queue's list. */
export type PrintJobMeta = Omit<PrintJobRow, 'zpl' | 'pdf'> & { rmaNumber: string | null };
export type PrintJobPatch = Partial<
  Pick<
    PrintJobRow,
    'status' | 'attempts' | 'lastErrorCode' | 'lastErrorMessage' | 'updatedAt' | 'printedAt'
  >
>;

const { zpl: _zpl, pdf: _pdf, ...metaColumns } = getTableColumns(printJobs);
const metaSelection = { ...metaColumns, rmaNumber: returns.rmaNumber };

export function insertPrintJob(db: Db, row: typeof printJobs.$inferInsert): void {
  db.insert(printJobs).values(row).run();
}

export function printJobMeta(db: Db, id: string): PrintJobMeta | undefined {
  return db
    .select(metaSelection)
    .from(printJobs)
    .leftJoin(returns, eq(returns.id, printJobs.returnId))
    .where(eq(printJobs.id, id))
    .get();
}

/** Newest first, for the queue screen. */
export function listPrintJobs(
  db: Db,
  filter: { statuses?: readonly string[]; limit: number },
): PrintJobMeta[] {
  return db
    .select(metaSelection)
    .from(printJobs)
    .leftJoin(returns, eq(returns.id, printJobs.returnId))
    .where(filter.statuses ? inArray(printJobs.status, [...filter.statuses]) : undefined)
    .orderBy(desc(printJobs.createdAt), desc(printJobs.id))
    .limit(filter.limit)
    .all();
}

/** Jobs in one status, oldest first: the order they are sent in. */
export function printJobsInStatus(db: Db, status: string): PrintJobMeta[] {
  return db
    .select(metaSelection)
    .from(printJobs)
    .leftJoin(returns, eq(returns.id, printJobs.returnId))
    .where(eq(printJobs.status, status))
    .orderBy(asc(printJobs.createdAt), asc(printJobs.id))
    .all();
}

export function printJobPayload(
  db: Db,
  id: string,
): { zpl: string | null; pdf: Buffer | null } | undefined {
  return db
    .select({ zpl: printJobs.zpl, pdf: printJobs.pdf })
    .from(printJobs)
    .where(eq(printJobs.id, id))
    .get();
}

/**
 * Moves a job on only if it is still in one of the `from` statuses: the compare-and-set that
 * keeps two callers (the worker, a retry from the UI) from both sending it. True if it moved.
 */
export function movePrintJob(
  db: Db,
  id: string,
  from: readonly string[],
  patch: PrintJobPatch,
): boolean {
  const result = db
    .update(printJobs)
    .set(patch)
    .where(and(eq(printJobs.id, id), inArray(printJobs.status, [...from])))
    .run();
  return result.changes === 1;
}
