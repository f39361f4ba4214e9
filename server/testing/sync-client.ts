import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { v7 as uuidv7 } from 'uuid';
import { hlcFormat } from '../../shared/domain/hlc';
import {
  SYNC_PATHS,
  SYNC_PROTOCOL_VERSION,
  type AuditEventWire,
  type DeviceScope,
  type EnrollResponse,
  type PullResponse,
  type PushedMutation,
  type PushResponse,
  type RowChange,
  type SyncErrorBody,
} from '../../shared/sync/protocol';
import { createEnrollmentCode } from '../directory/enrollment';
import { storeByCode } from '../directory/lookup';
import type { TestBackOffice } from './engines';

/** A desktop as the tests play it: enrolled, with its own outbox numbering and clock. */

export interface Answer<T> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
}

export async function post<T = unknown>(
  bo: TestBackOffice,
  path: string,
  body: unknown,
  options: { token?: string; gzip?: boolean; headers?: Record<string, string> } = {},
): Promise<Answer<T>> {
  const json = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  const response = await bo.inject({
    method: 'POST',
    url: path,
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.gzip ? { 'content-encoding': 'gzip' } : {}),
      ...options.headers,
    },
    payload: options.gzip ? gzipSync(json) : json,
  });
  return {
    status: response.statusCode,
    body: response.body ? (JSON.parse(response.body) as T) : (undefined as T),
    headers: response.headers,
  };
}

export async function issueEnrollmentCode(
  bo: TestBackOffice,
  storeCode: string,
  scope: DeviceScope = 'store',
  ttlMinutes = 60,
): Promise<string> {
  const store = await storeByCode(bo.db, storeCode);
  if (!store) throw new Error(`no store ${storeCode}`);
  const { code } = await createEnrollmentCode(bo.db, {
    storeId: store.id,
    scope,
    ttlMinutes,
    createdBy: null,
    createdByDevice: null,
    now: new Date(bo.clock.now()),
  });
  return code;
}

export class TestDevice {
  private nextMutationId = 1;
  private hlcCounter = 0;
  readonly audit: AuditEventWire[] = [];

  constructor(
    readonly bo: TestBackOffice,
    readonly enrolled: EnrollResponse,
  ) {}

  get id(): string {
    return this.enrolled.deviceId;
  }
  get storeId(): string {
    return this.enrolled.storeId;
  }
  get token(): string {
    return this.enrolled.token;
  }

  hlc(offsetMs = 0): string {
    this.hlcCounter += 1;
    return hlcFormat({
      wallMs: this.bo.clock.now() + offsetMs,
      counter: this.hlcCounter,
      node: this.id.slice(-12),
    });
  }

  /** The next outbox entry: rows as the desktop's transaction wrote them. */
  mutation(
    name: string,
    rows: RowChange[],
    options: { userId?: string | null; storeId?: string | null; mutationId?: number } = {},
  ): PushedMutation {
    const mutationId = options.mutationId ?? this.nextMutationId;
    this.nextMutationId = Math.max(this.nextMutationId, mutationId + 1);
    return {
      mutationId,
      id: uuidv7(),
      name,
      args: {},
      hlc: this.hlc(),
      userId: options.userId ?? null,
      storeId: options.storeId === undefined ? this.storeId : options.storeId,
      createdAt: this.bo.clock.iso(),
      rows,
    };
  }

  pushBody(
    mutations: PushedMutation[],
    extra: { audit?: AuditEventWire[]; batchId?: string; sentAt?: string } = {},
  ) {
    return {
      protocolVersion: SYNC_PROTOCOL_VERSION,
      clientId: this.id,
      batchId: extra.batchId ?? randomUUID(),
      sentAt: extra.sentAt ?? this.bo.clock.iso(),
      mutations,
      audit: extra.audit ?? [],
    };
  }

  push(
    mutations: PushedMutation[],
    extra: { audit?: AuditEventWire[]; batchId?: string; sentAt?: string; gzip?: boolean } = {},
  ): Promise<Answer<PushResponse & SyncErrorBody>> {
    return post(this.bo, SYNC_PATHS.push, this.pushBody(mutations, extra), {
      token: this.token,
      gzip: extra.gzip,
    });
  }

  /** Pushes and expects the request itself to be accepted. */
  async pushOk(
    mutations: PushedMutation[],
    extra: { audit?: AuditEventWire[] } = {},
  ): Promise<PushResponse> {
    const answer = await this.push(mutations, extra);
    if (answer.status !== 200) throw new Error(`push refused: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  pull(cookie: number | null, limit?: number): Promise<Answer<PullResponse & SyncErrorBody>> {
    return post(
      this.bo,
      SYNC_PATHS.pull,
      {
        protocolVersion: SYNC_PROTOCOL_VERSION,
        clientId: this.id,
        cookie,
        ...(limit ? { limit } : {}),
      },
      { token: this.token },
    );
  }

  /** Pulls until nothing more waits; every page's rows in order, and the last cookie. */
  async pullAll(cookie: number | null = null, limit?: number) {
    const rows: RowChange[] = [];
    const audit: AuditEventWire[] = [];
    let pages = 0;
    let last: PullResponse;
    for (;;) {
      const answer = await this.pull(cookie, limit);
      if (answer.status !== 200) throw new Error(`pull refused: ${JSON.stringify(answer.body)}`);
      last = answer.body;
      pages += 1;
      rows.push(...last.rows);
      audit.push(...last.audit);
      cookie = last.cookie;
      if (!last.more) break;
    }
    return { rows, audit, cookie: last.cookie, lastMutationId: last.lastMutationId, pages };
  }
}

export async function enrollTestDevice(
  bo: TestBackOffice,
  storeCode: string,
  options: { scope?: DeviceScope; preferredCode?: string; name?: string } = {},
): Promise<TestDevice> {
  const code = await issueEnrollmentCode(bo, storeCode, options.scope ?? 'store');
  const answer = await post<EnrollResponse>(bo, SYNC_PATHS.enroll, {
    protocolVersion: SYNC_PROTOCOL_VERSION,
    code,
    deviceId: uuidv7(),
    name: options.name ?? `${storeCode} till`,
    ...(options.preferredCode ? { preferredCode: options.preferredCode } : {}),
  });
  if (answer.status !== 200) throw new Error(`enroll refused: ${JSON.stringify(answer.body)}`);
  return new TestDevice(bo, answer.body);
}
