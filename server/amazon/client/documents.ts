import { gunzipSync } from 'node:zlib';
import { SpApiDocumentError } from './errors';

export interface DownloadableDocument {
  id: string;
  url: string;
  compressionAlgorithm?: 'GZIP';
}

/**
 * Downloads a report or feed-result document from its pre-signed URL (no access token: the URL
 * is the credential) and decodes it. Every way this fails is a typed SpApiDocumentError:
 * truncated bodies and gzip streams, bytes that are not text in the declared charset.
 */
export async function downloadDocument(
  doc: DownloadableDocument,
  options: { fetch?: typeof fetch; timeoutMs?: number } = {},
): Promise<string> {
  let response: Response;
  let bytes: Buffer;
  try {
    response = await (options.fetch ?? fetch)(doc.url, {
      signal: AbortSignal.timeout(options.timeoutMs ?? 120_000),
    });
    bytes = Buffer.from(await response.arrayBuffer());
  } catch (error) {
    // undici reports a body cut short of its Content-Length as "terminated".
    const detail = error instanceof Error ? `${error.message} ${String(error.cause ?? '')}` : '';
    const truncated = /terminated|other side closed|premature/i.test(detail);
    throw new SpApiDocumentError(doc.id, truncated ? 'truncated' : 'network', String(error), {
      cause: error,
    });
  }
  if (!response.ok) {
    throw new SpApiDocumentError(doc.id, 'http', `HTTP ${response.status}`);
  }
  const declaredLength = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declaredLength) && bytes.length < declaredLength) {
    throw new SpApiDocumentError(doc.id, 'truncated', `${bytes.length} of ${declaredLength} bytes`);
  }
  if (doc.compressionAlgorithm === 'GZIP') {
    try {
      bytes = gunzipSync(bytes);
    } catch (error) {
      const truncated = /unexpected end of file/i.test(String(error));
      throw new SpApiDocumentError(doc.id, truncated ? 'truncated' : 'corrupt', String(error), {
        cause: error,
      });
    }
  }
  const charset = /charset=([\w-]+)/i.exec(response.headers.get('content-type') ?? '')?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw new SpApiDocumentError(doc.id, 'encoding', String(error), { cause: error });
  }
}

/** A tab-separated flat-file report: header row, then one row per record. */
export interface FlatFileReport {
  columns: string[];
  rows: Record<string, string>[];
}

/**
 * Parses Amazon's TSV reports. A row with a different number of fields than the header means the
 * document was cut or damaged, never silently read as data.
 */
export function parseFlatFileReport(documentId: string, text: string): FlatFileReport {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  const header = lines.shift();
  if (header === undefined || header.trim() === '') {
    throw new SpApiDocumentError(documentId, 'corrupt', 'no header row');
  }
  const columns = header.split('\t');
  const rows = lines.map((line, index) => {
    const fields = line.split('\t');
    if (fields.length !== columns.length) {
      throw new SpApiDocumentError(
        documentId,
        'corrupt',
        `row ${index + 2} has ${fields.length} fields, header has ${columns.length}`,
      );
    }
    return Object.fromEntries(columns.map((c, i) => [c, fields[i] ?? '']));
  });
  return { columns, rows };
}

/** Throws when a report lacks columns we read (Amazon renamed or dropped one). */
export function requireColumns(
  documentId: string,
  report: FlatFileReport,
  required: readonly string[],
): void {
  const missing = required.filter((c) => !report.columns.includes(c));
  if (missing.length > 0) {
    throw new SpApiDocumentError(documentId, 'corrupt', `missing columns: ${missing.join(', ')}`);
  }
}
