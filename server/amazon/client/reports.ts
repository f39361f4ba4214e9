import {
  downloadDocument,
  parseFlatFileReport,
  requireColumns,
  type FlatFileReport,
} from './documents';
import { type SpApiTransport } from './http';
import { pollUntilDone, type PollOptions } from './polling';
import { REPORT_COLUMNS, type ReportType } from './report-types';
import {
  createReportResponseSchema,
  getReportsResponseSchema,
  reportDocumentSchema,
  reportSchema,
  type SpApiReport,
  type SpApiReportDocument,
} from './schemas';

export interface CreateReportInput {
  reportType: ReportType;
  marketplaceIds: readonly string[];
  dataStartTime?: string;
  dataEndTime?: string;
}

export interface GetReportsQuery {
  reportTypes?: readonly string[];
  processingStatuses?: readonly string[];
  marketplaceIds?: readonly string[];
  pageSize?: number;
  createdSince?: string;
  createdUntil?: string;
  nextToken?: string;
}

/** Reports API 2021-06-30: request → poll → document → download (gunzip) → TSV rows. */
export class ReportsApi {
  constructor(
    private readonly transport: SpApiTransport,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async createReport(input: CreateReportInput): Promise<string> {
    const { data } = await this.transport.call({
      operation: 'createReport',
      body: { ...input, marketplaceIds: [...input.marketplaceIds] },
      response: createReportResponseSchema,
    });
    return data.reportId;
  }

  async getReport(reportId: string): Promise<SpApiReport> {
    const { data } = await this.transport.call({
      operation: 'getReport',
      pathParams: { reportId },
      response: reportSchema,
    });
    return data;
  }

  async getReports(
    query: GetReportsQuery,
  ): Promise<{ reports: SpApiReport[]; nextToken?: string }> {
    // With nextToken Amazon wants no other parameter: the token carries the query.
    const { data } = await this.transport.call({
      operation: 'getReports',
      query: query.nextToken ? { nextToken: query.nextToken } : { ...query },
      response: getReportsResponseSchema,
    });
    return data;
  }

  waitForReport(reportId: string, options?: PollOptions): Promise<SpApiReport> {
    return pollUntilDone(
      'report',
      reportId,
      () => this.getReport(reportId),
      (r) => r.reportDocumentId,
      this.transport.clock,
      options,
    );
  }

  async getReportDocument(reportDocumentId: string): Promise<SpApiReportDocument> {
    const { data } = await this.transport.call({
      operation: 'getReportDocument',
      pathParams: { reportDocumentId },
      response: reportDocumentSchema,
    });
    return data;
  }

  /** The document's text, gunzipped when Amazon says GZIP. */
  async downloadReportDocument(doc: SpApiReportDocument): Promise<string> {
    return downloadDocument(
      { id: doc.reportDocumentId, url: doc.url, compressionAlgorithm: doc.compressionAlgorithm },
      { fetch: this.fetchImpl },
    );
  }

  /** Reads a DONE report's flat file and checks it has the columns we rely on. */
  async readFlatFileReport(report: SpApiReport): Promise<FlatFileReport> {
    if (!report.reportDocumentId) {
      throw new TypeError(`report ${report.reportId} has no document (${report.processingStatus})`);
    }
    const doc = await this.getReportDocument(report.reportDocumentId);
    const parsed = parseFlatFileReport(
      doc.reportDocumentId,
      await this.downloadReportDocument(doc),
    );
    const columns = REPORT_COLUMNS[report.reportType as ReportType] as
      readonly string[] | undefined;
    if (columns) requireColumns(doc.reportDocumentId, parsed, columns);
    return parsed;
  }

  /** createReport → wait → read, for report types we may request. */
  async requestFlatFileReport(
    input: CreateReportInput,
    poll?: PollOptions,
  ): Promise<FlatFileReport> {
    const reportId = await this.createReport(input);
    return this.readFlatFileReport(await this.waitForReport(reportId, poll));
  }
}
