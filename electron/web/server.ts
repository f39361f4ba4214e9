import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  HTTP_CALL_PATH,
  HTTP_CLIENT_HEADER,
  HTTP_EVENTS_PATH,
  type AppErrorBody,
} from '../../shared/contracts';
import { CONTENT_SECURITY_POLICY } from '../../shared/security/content-security-policy';
import type { Backend } from '../backend/types';

/** The renderer's CSP, the same as Electron's (shared/security). */
export const WEB_CSP = CONTENT_SECURITY_POLICY;

export interface WebServerOptions {
  backend: Backend;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** 0 picks a free port. */
  port: number;
  /** Fixed only in tests; otherwise a fresh random token per run. */
  token?: string;
}

export interface WebServer {
  url: string;
  /** The URL to open: carries the per-run token in the fragment, which never reaches a server log. */
  openUrl: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const CLIENT_ID = /^[A-Za-z0-9-]{8,64}$/;

/**
 * Browser mode (DESIGN.md §3): the same backend behind HTTP on 127.0.0.1 only. Every API
 * request must carry the per-run token; the Host header must be ours (DNS rebinding);
 * each tab's client id is its till session.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const tokenBytes = Buffer.from(token);
  // Close drops idle keep-alive sockets at once; event streams are ended by hand below.
  const app: FastifyInstance = Fastify({
    logger: false,
    bodyLimit: 1024 * 1024,
    forceCloseConnections: true,
  });
  const streams = new Set<FastifyReply['raw']>();
  let port = options.port;

  const tokenMatches = (candidate: string | undefined) => {
    if (!candidate) return false;
    const bytes = Buffer.from(candidate);
    return bytes.length === tokenBytes.length && timingSafeEqual(bytes, tokenBytes);
  };
  const deny = (reply: FastifyReply, status: number, error: AppErrorBody) =>
    reply.code(status).send({ ok: false, error });

  app.addHook('onRequest', async (request, reply) => {
    const host = request.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      return deny(reply, 421, {
        code: 'FORBIDDEN',
        message: 'This server answers only on 127.0.0.1.',
      });
    }
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    reply.header('content-security-policy', WEB_CSP);
  });

  app.post<{ Params: { name: string } }>(`${HTTP_CALL_PATH}:name`, async (request, reply) => {
    const auth = request.headers.authorization;
    if (!tokenMatches(auth?.startsWith('Bearer ') ? auth.slice(7) : undefined)) {
      return deny(reply, 401, {
        code: 'BAD_TOKEN',
        message: 'Open ReturnDesk from the address it printed at start.',
      });
    }
    const origin = request.headers.origin;
    if (origin && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) {
      return deny(reply, 403, { code: 'FORBIDDEN', message: 'Cross-origin calls are refused.' });
    }
    const client = clientOf(request.headers[HTTP_CLIENT_HEADER]);
    if (!client)
      return deny(reply, 400, {
        code: 'INVALID_INPUT',
        message: 'Missing or malformed client id.',
      });
    return backendAnswer(options.backend, client, request.params.name, request.body);
  });

  app.get<{ Querystring: { token?: string; client?: string } }>(
    HTTP_EVENTS_PATH,
    async (request, reply) => {
      if (!tokenMatches(request.query.token)) {
        return deny(reply, 401, {
          code: 'BAD_TOKEN',
          message: 'Open ReturnDesk from the address it printed at start.',
        });
      }
      const client = clientOf(request.query.client);
      if (!client)
        return deny(reply, 400, {
          code: 'INVALID_INPUT',
          message: 'Missing or malformed client id.',
        });
      streamEvents(options.backend, client, request, reply, streams);
    },
  );

  if (existsSync(join(options.rendererDir, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: options.rendererDir,
      index: ['index.html'],
      cacheControl: false,
    });
  } else {
    app.get('/', async (_request, reply) =>
      reply.code(503).type('text/plain').send('The renderer is not built: run "npm run build".'),
    );
  }

  await app.listen({ host: '127.0.0.1', port: options.port });
  const address = app.server.address();
  port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://127.0.0.1:${port}/`;
  const close = async () => {
    for (const stream of streams) stream.end();
    await app.close();
  };
  return { url, openUrl: `${url}#token=${token}`, token, port, close };
}

function clientOf(value: unknown): string | null {
  return typeof value === 'string' && CLIENT_ID.test(value) ? `web:${value}` : null;
}

async function backendAnswer(backend: Backend, channel: string, name: string, body: unknown) {
  return backend.dispatch(channel, name, body ?? {});
}

function streamEvents(
  backend: Backend,
  channel: string,
  request: FastifyRequest,
  reply: FastifyReply,
  streams: Set<FastifyReply['raw']>,
): void {
  reply.hijack();
  const out = reply.raw;
  streams.add(out);
  out.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-content-type-options': 'nosniff',
  });
  out.write(': connected\n\n');
  const unsubscribe = backend.onEvent((target, event, payload) => {
    if (target === null || target === channel)
      out.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
  });
  // A comment line every 25 s keeps proxies and the browser from timing the stream out.
  const heartbeat = setInterval(() => out.write(': keep-alive\n\n'), 25_000);
  request.raw.on('close', () => {
    streams.delete(out);
    clearInterval(heartbeat);
    unsubscribe();
  });
}
