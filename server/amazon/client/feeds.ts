import { downloadDocument } from './documents';
import { SpApiDocumentError } from './errors';
import { type SpApiTransport } from './http';
import { pollUntilDone, type PollOptions } from './polling';
import {
  createFeedDocumentResponseSchema,
  createFeedResponseSchema,
  feedDocumentSchema,
  feedSchema,
  type SpApiFeed,
  type SpApiFeedDocument,
} from './schemas';

/**
 * Feeds API 2021-06-30. The refund executor calls the steps one by one so it can record each
 * id before the next network call (DESIGN.md §7); `createFeed` is never retried on an unknown
 * outcome (see http.ts).
 */
export class FeedsApi {
  constructor(
    private readonly transport: SpApiTransport,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async createFeedDocument(contentType: string): Promise<{ feedDocumentId: string; url: string }> {
    const { data } = await this.transport.call({
      operation: 'createFeedDocument',
      body: { contentType },
      response: createFeedDocumentResponseSchema,
    });
    return data;
  }

  /** PUT to the pre-signed URL (valid five minutes), with the same content type as declared. */
  async uploadFeedDocument(
    upload: { feedDocumentId: string; url: string },
    content: string,
    contentType: string,
  ): Promise<void> {
    let response: Response;
    try {
      response = await this.fetchImpl(upload.url, {
        method: 'PUT',
        headers: { 'content-type': contentType },
        body: content,
        signal: AbortSignal.timeout(60_000),
      });
      await response.arrayBuffer();
    } catch (error) {
      throw new SpApiDocumentError(upload.feedDocumentId, 'network', String(error), {
        cause: error,
      });
    }
    if (!response.ok) {
      throw new SpApiDocumentError(upload.feedDocumentId, 'http', `upload HTTP ${response.status}`);
    }
  }

  async createFeed(input: {
    feedType: string;
    marketplaceIds: readonly string[];
    inputFeedDocumentId: string;
  }): Promise<string> {
    const { data } = await this.transport.call({
      operation: 'createFeed',
      body: { ...input, marketplaceIds: [...input.marketplaceIds] },
      response: createFeedResponseSchema,
    });
    return data.feedId;
  }

  async getFeed(feedId: string): Promise<SpApiFeed> {
    const { data } = await this.transport.call({
      operation: 'getFeed',
      pathParams: { feedId },
      response: feedSchema,
    });
    return data;
  }

  /**
   * Waits until the feed is DONE. A FATAL feed throws SpApiProcessingError carrying the result
   * document id (its processing report says why).
   */
  waitForFeed(feedId: string, options?: PollOptions): Promise<SpApiFeed> {
    return pollUntilDone(
      'feed',
      feedId,
      () => this.getFeed(feedId),
      (f) => f.resultFeedDocumentId,
      this.transport.clock,
      options,
    );
  }

  async getFeedDocument(feedDocumentId: string): Promise<SpApiFeedDocument> {
    const { data } = await this.transport.call({
      operation: 'getFeedDocument',
      pathParams: { feedDocumentId },
      response: feedDocumentSchema,
    });
    return data;
  }

  async downloadFeedDocument(doc: SpApiFeedDocument): Promise<string> {
    return downloadDocument(
      { id: doc.feedDocumentId, url: doc.url, compressionAlgorithm: doc.compressionAlgorithm },
      { fetch: this.fetchImpl },
    );
  }
}
