import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  SYNC_PATHS,
  type EnrollRequest,
  type PullRequest,
  type PullResponse,
  type PushRequest,
  type PushResponse,
  type RowChange,
  type SyncErrorCode,
} from '../../../shared/sync/protocol';

/**
 * For tests: a real HTTP server on 127.0.0.1 that speaks the sync protocol the simplest way —
 * it accepts every pushed mutation, serves the rows a test queues for pulls, and can be told
 * to fail, hang or revoke the device. It records every request (bodies un-gzipped).
 */

export interface RecordedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  /** Length of the body as it came over the wire (gzip). */
  wireBytes: number;
  /** When it arrived (Date.now()). */
  receivedAt: number;
  body: unknown;
}

/** What a route answers: a JSON body with a status, or no answer at all (a hung server). */
export type Answer = { status: number; body: unknown } | 'hang';
type Route = (
  body: unknown,
  request: RecordedRequest,
) => Answer | undefined | Promise<Answer | undefined>;

export interface ScriptedBackOffice {
  url: string;
  requests: RecordedRequest[];
  /** Rows pulls serve from now on, each given the next server version (a pull gets those after its cookie). */
  queueRows(...rows: RowChange[]): void;
  /** Every row queued so far, by version: a test may edit one (say, mend a bad row). */
  served: { version: number; change: RowChange }[];
  /** Overrides a path; an `undefined` answer falls through to the default behaviour. */
  route(path: string, route: Route): void;
  /** Every request to `path` is answered with this error body until `heal`. */
  failWith(path: string | '*', status: number, code: SyncErrorCode, message?: string): void;
  heal(): void;
  /** The mutation ids the server has processed, per the default push behaviour. */
  lastMutationId: number;
  token: string;
  close(): Promise<void>;
}

/** The RMA letter the scripted back office assigns at enrolment. */
export const SCRIPTED_DEVICE_CODE = 'B';

/** `storeId`: where enrolment puts the device. */
export async function startScriptedBackOffice(options: {
  storeId: string;
  deviceCode?: string;
}): Promise<ScriptedBackOffice> {
  const requests: RecordedRequest[] = [];
  const routes = new Map<string, Route>();
  let failure: { path: string; status: number; code: SyncErrorCode; message: string } | null = null;
  const served: { version: number; change: RowChange }[] = [];
  let version = 0;
  let traceSeq = 0;
  const sockets = new Set<Socket>();

  const office: ScriptedBackOffice = {
    url: '',
    requests,
    lastMutationId: 0,
    token: '',
    served,
    queueRows(...rows) {
      for (const change of rows) served.push({ version: ++version, change });
    },
    route(path, route) {
      routes.set(path, route);
    },
    failWith(path, status, code, message = `scripted ${code}`) {
      failure = { path, status, code, message };
    },
    heal() {
      failure = null;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };

  const defaults: Record<string, Route> = {
    [SYNC_PATHS.enroll]: (body) => {
      const request = body as EnrollRequest;
      office.token = `${request.deviceId}.scripted-secret-${'x'.repeat(20)}`;
      return {
        status: 200,
        body: {
          deviceId: request.deviceId,
          deviceCode: options.deviceCode ?? SCRIPTED_DEVICE_CODE,
          storeId: options.storeId,
          scope: 'store',
          token: office.token,
        },
      };
    },
    [SYNC_PATHS.push]: (body) => {
      const request = body as PushRequest;
      const results = request.mutations.map((m) => ({
        mutationId: m.mutationId,
        status: m.mutationId <= office.lastMutationId ? 'duplicate' : 'applied',
      }));
      for (const m of request.mutations)
        office.lastMutationId = Math.max(office.lastMutationId, m.mutationId);
      const head = request.audit.at(-1);
      const answer: PushResponse = {
        lastMutationId: office.lastMutationId,
        results: results as PushResponse['results'],
        auditHead: head ? { seq: head.seq, hash: head.hash } : null,
        serverTime: new Date().toISOString(),
      };
      return { status: 200, body: answer };
    },
    [SYNC_PATHS.pull]: (body) => {
      const request = body as PullRequest;
      const from = request.cookie ?? 0;
      const limit = request.limit ?? 5000;
      const due = served.filter((q) => q.version > from);
      const page = due.slice(0, limit);
      const answer: PullResponse = {
        cookie: page.at(-1)?.version ?? Math.max(from, version),
        lastMutationId: office.lastMutationId,
        rows: page.map((q) => q.change),
        audit: [],
        more: due.length > page.length,
        serverTime: new Date().toISOString(),
      };
      return { status: 200, body: answer };
    },
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const receivedAt = Date.now();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const raw = Buffer.concat(chunks);
      const text = (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString();
      const recorded: RecordedRequest = {
        path: req.url ?? '',
        headers: req.headers,
        wireBytes: raw.length,
        receivedAt,
        body: text ? (JSON.parse(text) as unknown) : null,
      };
      requests.push(recorded);
      const traceId = `trace-${++traceSeq}`;
      let answer: Answer | undefined;
      if (failure && (failure.path === '*' || failure.path === recorded.path)) {
        answer = {
          status: failure.status,
          body: { error: { code: failure.code, message: failure.message, traceId } },
        };
      }
      try {
        answer ??= await routes.get(recorded.path)?.(recorded.body, recorded);
        answer ??= await defaults[recorded.path]?.(recorded.body, recorded);
      } catch (error) {
        // A broken script answers like a broken server, instead of leaving the client waiting.
        answer = {
          status: 500,
          body: { error: { code: 'INTERNAL', message: String(error), traceId } },
        };
      }
      answer ??= {
        status: 404,
        body: { error: { code: 'NOT_FOUND', message: 'no such path', traceId } },
      };
      if (answer === 'hang') return;
      res.writeHead(answer.status, {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'x-request-id': traceId,
      });
      res.end(gzipSync(JSON.stringify(answer.body)));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  office.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return office;
}
