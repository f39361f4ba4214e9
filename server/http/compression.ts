import { promisify } from 'node:util';
import { gunzip as gunzipCallback, gzip as gzipCallback } from 'node:zlib';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SYNC_MAX_BATCH_BYTES } from '../../shared/sync/protocol';
import { HttpProblem } from './errors';

const gunzip = promisify(gunzipCallback);
const gzip = promisify(gzipCallback);

/** Responses smaller than this are not worth a gzip header. */
const MIN_COMPRESSED_RESPONSE_BYTES = 1024;

async function decodedBody(request: FastifyRequest, body: Buffer): Promise<Buffer> {
  const encoding = String(request.headers['content-encoding'] ?? 'identity')
    .trim()
    .toLowerCase();
  if (encoding === 'identity' || encoding === '') return body;
  if (encoding !== 'gzip') {
    throw new HttpProblem(
      'MALFORMED_BATCH',
      `Content-Encoding ${encoding} is not supported; use gzip.`,
      415,
    );
  }
  try {
    // maxOutputLength stops a zip bomb while it inflates, before the memory is spent.
    return await gunzip(body, { maxOutputLength: SYNC_MAX_BATCH_BYTES });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new HttpProblem(
        'TOO_LARGE',
        `The batch inflates to more than ${SYNC_MAX_BATCH_BYTES} bytes.`,
      );
    }
    throw new HttpProblem('MALFORMED_BATCH', 'The gzip body could not be decompressed.');
  }
}

/**
 * JSON request bodies, plain or gzip (desktops compress pushes with many photos), each capped
 * at SYNC_MAX_BATCH_BYTES before and after decompression.
 */
export function acceptJsonBodies(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: SYNC_MAX_BATCH_BYTES },
    async (request: FastifyRequest, body: Buffer) => {
      const text = (await decodedBody(request, body)).toString('utf8');
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new HttpProblem('MALFORMED_BATCH', 'The body is not valid JSON.');
      }
    },
  );
}

function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  return value.split(',').some((part) => {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (name !== 'gzip' && name !== '*') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/** Gzips responses for clients that say they accept it (a first pull carries every order). */
export function compressResponses(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.getHeader('content-encoding')) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    reply.header('vary', 'accept-encoding');
    const bytes = typeof payload === 'string' ? Buffer.from(payload) : payload;
    if (bytes.length < MIN_COMPRESSED_RESPONSE_BYTES) return payload;
    if (!acceptsGzip(request.headers['accept-encoding'])) return payload;
    const compressed = await gzip(bytes);
    reply.header('content-encoding', 'gzip');
    reply.removeHeader('content-length');
    return compressed;
  });
}
