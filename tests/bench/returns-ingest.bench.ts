import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { REPORT_COLUMNS } from '../../server/amazon/client/report-types';
import { ingestReturnsReport } from '../../server/amazon-sync/returns-ingest';
import { DEFAULT_MIGRATIONS_DIR } from '../../server/back-office';
import { amazonReturns } from '../../server/database/schema';
import { openDatabase } from '../../server/database/open';

/**
 * Ingest of a returns report of N rows (default 200,000) on PGlite: parse + link + upsert +
 * quarantine, in rows per second, against a raw bulk insert of the same rows into the same
 * table in the same run (the ratio is the figure; ~1 % malformed rows are quarantined).
 */
export async function benchReturnsIngest(rowCount = 200_000): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'returndesk-bench-returns-'));
  const database = await openDatabase({ dataDir: dir, migrationsDir: DEFAULT_MIGRATIONS_DIR });
  try {
    const type = 'GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE' as const;
    const columns = REPORT_COLUMNS[type];
    const lines = [columns.join('\t')];
    for (let i = 0; i < rowCount; i++) {
      const orderId = `111-${String(1_000_000 + (i % 9_000_000)).padStart(7, '0')}-${String(i).padStart(7, '0')}`;
      const row: Record<string, string> = {
        'Order ID': i % 100 === 99 ? 'broken' : orderId,
        'Amazon RMA ID': `D${String(i).padStart(9, '0')}`,
        'Merchant SKU': `SKU-${i % 5000}`,
        'Return quantity': '1',
        'Return Reason': 'DEFECTIVE',
        'Return request status': 'Approved',
        'Return request date': '2026-01-05',
      };
      lines.push(columns.map((c) => row[c] ?? '').join('\t'));
    }
    const text = lines.join('\n') + '\n';

    const started = performance.now();
    const result = await ingestReturnsReport(database.db, {
      reportId: 'bench',
      reportType: type,
      text,
      now: new Date(),
    });
    const ingestS = (performance.now() - started) / 1000;

    const rows = lines.slice(1).map((line, i) => {
      const f = line.split('\t');
      return {
        key: `raw-${i}`,
        reportType: type,
        amazonOrderId: f[0]!,
        amazonRmaId: f[4] ?? null,
        sku: f[15] ?? null,
        quantity: 1,
        reason: 'DEFECTIVE',
        status: 'Approved',
        returnedAt: '2026-01-05',
        raw: {},
        ingestedAt: new Date(),
      };
    });
    await database.db.execute(sql`truncate amazon_returns`);
    const rawStarted = performance.now();
    for (let i = 0; i < rows.length; i += 1_000) {
      await database.db.insert(amazonReturns).values(rows.slice(i, i + 1_000));
    }
    const rawS = (performance.now() - rawStarted) / 1000;
    const ingestRate = result.ingested / ingestS;
    const rawRate = rows.length / rawS;
    console.log(`\nReturns report ingest, ${rowCount} rows on PGlite`);
    console.log(
      `  ingest: ${ingestS.toFixed(1)} s, ${ingestRate.toFixed(0)} rows/s (${result.ingested} ingested, ${result.quarantined} quarantined)`,
    );
    console.log(
      `  raw bulk insert of the same rows: ${rawS.toFixed(1)} s, ${rawRate.toFixed(0)} rows/s → ingest at ${((ingestRate / rawRate) * 100).toFixed(0)} % of raw`,
    );
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchReturnsIngest(Number(process.argv[2] ?? 200_000));
}
