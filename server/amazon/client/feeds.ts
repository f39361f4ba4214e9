import { downloadDocument } from './documents';
import { SpApiDocumentError } from './errors';
import { type SpApiTransport } from './http';
import { pollUntilDone, type PollOptions } from './polling';
import {
  createFeedDocumentResponseSchema,
  createFeedResponseSchema,
  feedDocumentSchema,
  feedSchema,
  getFeedsResponseSchema,
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
   * Feeds of the given types created in a window: how the refund executor finds a feed whose
   * createFeed answer it never got (a timeout, a 5xx, a crash) before it decides anything.
   */
  async getFeeds(query: {
    feedTypes: readonly string[];
    marketplaceIds?: readonly string[];
    createdSince?: string;
    createdUntil?: string;
    pageSize?: number;
  }): Promise<SpApiFeed[]> {
    const feeds: SpApiFeed[] = [];
    let nextToken: string | undefined;
    do {
      const { data } = await this.transport.call({
        operation: 'getFeeds',
        query: nextToken
          ? { nextToken }
          : {
              feedTypes: [...query.feedTypes],
              marketplaceIds: query.marketplaceIds ? [...query.marketplaceIds] : undefined,
              createdSince: query.createdSince,
              createdUntil: query.createdUntil,
              pageSize: query.pageSize ?? 100,
            },
        response: getFeedsResponseSchema,
      });
      feeds.push(...data.feeds);
      nextToken = data.nextToken;
    } while (nextToken);
    return feeds;
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
