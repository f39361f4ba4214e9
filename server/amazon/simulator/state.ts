import { gzipSync } from 'node:zlib';
import { generateOrders } from '../../../shared/demo-data';
import { MARKETPLACE_CODES, MARKETPLACES } from '../../../shared/domain/marketplaces';
import { type ReportType } from '../client/report-types';
import { RefundLedger } from './ledger';
import { initialLastUpdatedMs, type SimOrder } from './order-json';
import { buildReport } from './report-documents';
import { type SimClock } from './sim-clock';

export interface SimReport {
  reportId: string;
  reportType: ReportType;
  marketplaceIds: string[];
  dataStartMs: number;
  dataEndMs: number;
  createdMs: number;
  reportDocumentId?: string;
}

export interface SimDocument {
  id: string;
  /** The bytes as served (gzipped when `compressed`). */
  bytes: Buffer;
  compressed: boolean;
  contentType: string;
}

export interface SimUpload {
  feedDocumentId: string;
  contentType: string;
  body: string | null;
}

export interface SimFeed {
  feedId: string;
  feedType: string;
  marketplaceIds: string[];
  inputFeedDocumentId: string;
  createdMs: number;
  processingStatus: 'IN_QUEUE' | 'IN_PROGRESS' | 'DONE' | 'FATAL';
  processingEndMs?: number;
  resultFeedDocumentId?: string;
}

export interface SimTimings {
  /** Sim time a report takes from createReport to DONE. */
  reportProcessingMs: number;
  /** Sim time a feed takes from createFeed to DONE. */
  feedProcessingMs: number;
  /** Sim time before an applied refund shows in the financial events (Amazon: up to 48 h). */
  financialEventsLagMs: number;
}

/** Everything the simulated Amazon knows; all times are the simulator's clock. */
export class SimulatorState {
  readonly orders = new Map<string, SimOrder>();
  readonly reports = new Map<string, SimReport>();
  readonly documents = new Map<string, SimDocument>();
  readonly uploads = new Map<string, SimUpload>();
  readonly feeds = new Map<string, SimFeed>();
  readonly ledger = new RefundLedger();
  private counter = 0;

  constructor(
    readonly clock: SimClock,
    readonly timings: SimTimings,
    seed: number,
    orderCount: number,
    ordersReferenceMs: number = clock.now(),
  ) {
    for (const demo of generateOrders({
      seed,
      count: orderCount,
      referenceTime: new Date(ordersReferenceMs),
    })) {
      this.orders.set(demo.amazonOrderId, { demo, lastUpdatedMs: initialLastUpdatedMs(demo) });
    }
    this.seedSettlementReports();
  }

  nextId(prefix: string): string {
    this.counter++;
    return `${prefix}${String(this.counter).padStart(8, '0')}`;
  }

  /** Orders sorted by last update then id: the order searchOrders pages through. */
  ordersByUpdate(): SimOrder[] {
    return [...this.orders.values()].sort(
      (a, b) =>
        a.lastUpdatedMs - b.lastUpdatedMs || (a.demo.amazonOrderId < b.demo.amazonOrderId ? -1 : 1),
    );
  }

  reportStatus(report: SimReport): 'IN_QUEUE' | 'IN_PROGRESS' | 'DONE' {
    const age = this.clock.now() - report.createdMs;
    if (age >= this.timings.reportProcessingMs) {
      this.ensureReportDocument(report);
      return 'DONE';
    }
    return age >= this.timings.reportProcessingMs / 4 ? 'IN_PROGRESS' : 'IN_QUEUE';
  }

  /** Reports are produced when first seen DONE, from the data as it is then. */
  ensureReportDocument(report: SimReport): string {
    if (report.reportDocumentId) return report.reportDocumentId;
    const text = buildReport(
      report.reportType,
      {
        marketplaceIds: report.marketplaceIds,
        startMs: report.dataStartMs,
        endMs: report.dataEndMs,
      },
      [...this.orders.values()],
      this.ledger.all(),
      this.clock.now(),
    );
    const id = `amzn1.tortuga.4.sim.${this.nextId('R')}`;
    this.documents.set(id, {
      id,
      bytes: gzipSync(Buffer.from(text, 'utf8')),
      compressed: true,
      contentType: 'text/tab-separated-values; charset=utf-8',
    });
    report.reportDocumentId = id;
    return id;
  }

  addDocument(text: string, contentType: string): string {
    const id = `amzn1.tortuga.4.sim.${this.nextId('D')}`;
    this.documents.set(id, {
      id,
      bytes: Buffer.from(text, 'utf8'),
      compressed: false,
      contentType,
    });
    return id;
  }

  /** Amazon makes settlement reports every 14 days per marketplace; we list them, never create. */
  private seedSettlementReports(): void {
    const now = this.clock.now();
    const period = 14 * 86_400_000;
    for (const code of MARKETPLACE_CODES) {
      for (let end = now - 86_400_000; end > now - 90 * 86_400_000; end -= period) {
        const reportId = this.nextId('S');
        this.reports.set(reportId, {
          reportId,
          reportType: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2',
          marketplaceIds: [MARKETPLACES[code].id],
          dataStartMs: end - period,
          dataEndMs: end,
          createdMs: end + 3600_000 - this.timings.reportProcessingMs,
        });
      }
    }
  }
}
